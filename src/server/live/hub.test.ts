import { afterEach, describe, expect, it, vi } from "vitest";
import { createLiveHub, type LiveEnvelope, type LiveStream } from "./hub";
import { parseLivePayload } from "./listener";

/** The next envelope, or "nothing" when none arrives within a macrotask. */
async function nextOrNothing(stream: LiveStream): Promise<LiveEnvelope | "nothing" | "done"> {
  const result = await Promise.race([
    stream.next(),
    new Promise<"nothing">((resolve) => setTimeout(() => resolve("nothing"), 5)),
  ]);
  if (result === "nothing") return result;
  return result.done ? "done" : result.value;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("createLiveHub", () => {
  it("opens with a hello whose id a reconnect can resume from, then delivers the user's events in order", async () => {
    const hub = createLiveHub();
    const stream = hub.subscribe("alice");
    const hello = await stream.next();
    expect(hello.value).toEqual({ id: `${hub.bootId}-0`, event: { kind: "hello" } });
    hub.publish("alice", { kind: "notification" });
    hub.publish("alice", { kind: "project", projectId: "p1" });
    expect((await stream.next()).value).toEqual({ id: `${hub.bootId}-1`, event: { kind: "notification" } });
    expect((await stream.next()).value).toEqual({ id: `${hub.bootId}-2`, event: { kind: "project", projectId: "p1" } });
    stream.close();
  });

  it("gives each user only their own events, and every stream of that user a copy", async () => {
    const hub = createLiveHub();
    const aliceTab1 = hub.subscribe("alice");
    const aliceTab2 = hub.subscribe("alice");
    const bob = hub.subscribe("bob");
    for (const stream of [aliceTab1, aliceTab2, bob]) await stream.next();
    hub.publish("alice", { kind: "sources" });
    expect(await nextOrNothing(aliceTab1)).toMatchObject({ event: { kind: "sources" } });
    expect(await nextOrNothing(aliceTab2)).toMatchObject({ event: { kind: "sources" } });
    expect(await nextOrNothing(bob)).toBe("nothing");
    for (const stream of [aliceTab1, aliceTab2, bob]) stream.close();
  });

  it("forgets a stream when it closes, an iteration ends or its signal aborts, and a user with none left", async () => {
    const changes: number[] = [];
    const hub = createLiveHub({ onStreamCountChange: (delta) => changes.push(delta) });
    const closed = hub.subscribe("alice");
    const controller = new AbortController();
    const aborted = hub.subscribe("alice", { signal: controller.signal });
    const iterated = hub.subscribe("bob");
    expect(hub.size()).toEqual({ streams: 3, users: 2 });

    closed.close();
    closed.close();
    expect(hub.size()).toEqual({ streams: 2, users: 2 });

    await aborted.next();
    const pending = aborted.next();
    controller.abort();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(hub.size()).toEqual({ streams: 1, users: 1 });

    for await (const envelope of iterated) {
      expect(envelope.event.kind).toBe("hello");
      break;
    }
    expect(hub.size()).toEqual({ streams: 0, users: 0 });
    expect(changes).toEqual([1, 1, 1, -1, -1, -1]);
    hub.publish("alice", { kind: "notification" });
    expect(await nextOrNothing(closed)).toBe("done");
  });

  it("a reconnect with the last id gets only what that user missed, in order", async () => {
    const hub = createLiveHub();
    const first = hub.subscribe("alice");
    const hello = (await first.next()).value as LiveEnvelope;
    hub.publish("alice", { kind: "notification" });
    const seen = (await first.next()).value as LiveEnvelope;
    first.close();

    hub.publish("alice", { kind: "project", projectId: "p1" });
    hub.publish("bob", { kind: "sources" });
    hub.publish("alice", { kind: "projects" });

    const resumed = hub.subscribe("alice", { lastEventId: seen.id });
    expect((await resumed.next()).value?.event).toEqual({ kind: "project", projectId: "p1" });
    expect((await resumed.next()).value?.event).toEqual({ kind: "projects" });
    expect(await nextOrNothing(resumed)).toBe("nothing");
    resumed.close();

    // Nothing missed: a hello at the same id, no replay.
    const current = hub.subscribe("bob", { lastEventId: `${hub.bootId}-4` });
    expect((await current.next()).value).toEqual({ id: `${hub.bootId}-4`, event: { kind: "hello" } });
    current.close();
    expect(hello.id).toBe(`${hub.bootId}-0`);
  });

  it("answers a resync when what was missed cannot be known", async () => {
    const hub = createLiveHub({ ringSize: 2 });
    for (let i = 0; i < 4; i += 1) hub.publish("alice", { kind: "notification" });
    const cases = [
      "otherboot-1", // another process or an earlier boot
      `${hub.bootId}-1`, // events 2 and 3 were evicted (the ring holds 3 and 4)
      `${hub.bootId}-99`, // an id this process never issued
      "garbage",
    ];
    for (const lastEventId of cases) {
      const stream = hub.subscribe("alice", { lastEventId });
      expect((await stream.next()).value?.event, lastEventId).toEqual({ kind: "resync" });
      stream.close();
    }
    const resumable = hub.subscribe("alice", { lastEventId: `${hub.bootId}-2` });
    expect((await resumable.next()).value?.id).toBe(`${hub.bootId}-3`);
    resumable.close();
  });

  it("after the listener reconnects, every open stream resyncs and older ids no longer resume", async () => {
    const hub = createLiveHub();
    const alice = hub.subscribe("alice");
    const bob = hub.subscribe("bob");
    await alice.next();
    await bob.next();
    hub.publish("alice", { kind: "notification" });
    const before = (await alice.next()).value as LiveEnvelope;

    hub.resyncAll();
    expect((await alice.next()).value?.event).toEqual({ kind: "resync" });
    expect((await bob.next()).value?.event).toEqual({ kind: "resync" });
    alice.close();
    bob.close();

    const late = hub.subscribe("alice", { lastEventId: before.id });
    expect((await late.next()).value?.event).toEqual({ kind: "resync" });
    late.close();
  });

  it("replaces the queue of a stream that stopped reading with one resync", async () => {
    const hub = createLiveHub({ queueLimit: 3 });
    const stalled = hub.subscribe("alice");
    for (let i = 0; i < 10; i += 1) hub.publish("alice", { kind: "notification" });
    const received: string[] = [];
    for (
      let envelope = await nextOrNothing(stalled);
      typeof envelope === "object";
      envelope = await nextOrNothing(stalled)
    ) {
      received.push(envelope.event.kind);
    }
    expect(received.length).toBeLessThanOrEqual(3);
    expect(received).toContain("resync");
    stalled.close();
  });

  it("ends a stream after its maximum duration (the browser reopens it, and the session is checked again)", async () => {
    vi.useFakeTimers();
    const hub = createLiveHub({ heartbeatMs: 60_000 });
    const stream = hub.subscribe("alice", { maxDurationMs: 1000 });
    await stream.next();
    const pending = stream.next();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(hub.size().streams).toBe(0);
  });

  it("pings a silent stream with its last id, and not while events flow", async () => {
    vi.useFakeTimers();
    const hub = createLiveHub({ heartbeatMs: 1000 });
    const stream = hub.subscribe("alice");
    await stream.next();
    const ping = stream.next();
    await vi.advanceTimersByTimeAsync(999);
    hub.publish("alice", { kind: "sources" });
    expect((await ping).value?.event.kind).toBe("sources");
    const nextPing = stream.next();
    await vi.advanceTimersByTimeAsync(1000);
    expect((await nextPing).value).toEqual({ id: `${hub.bootId}-1`, event: { kind: "ping" } });
    stream.close();
  });
});

describe("parseLivePayload", () => {
  it("reads each trigger's payload, with an import run's figures as dates and numbers", () => {
    const run = {
      id: "r1",
      kind: "videos",
      status: "running",
      total: 3,
      imported: 1,
      skipped: 0,
      failed: 0,
      skipReasons: {},
      unitsSpent: 1,
      resumeAt: null,
      waitReason: null,
      label: "3 videos",
      error: null,
      createdAt: "2026-12-06T10:00:00.123+00:00",
      startedAt: "2026-12-06T10:00:01+00:00",
      finishedAt: null,
    };
    const parsed = parseLivePayload(JSON.stringify({ u: "alice", k: "import", id: "r1", run }));
    expect(parsed?.userId).toBe("alice");
    expect(parsed?.event).toMatchObject({
      kind: "import",
      runId: "r1",
      run: { imported: 1, startedAt: new Date("2026-12-06T10:00:01Z") },
    });
    expect(parseLivePayload(JSON.stringify({ u: "alice", k: "import", id: "r1" }))?.event).toEqual({
      kind: "import",
      runId: "r1",
      run: null,
    });
    // Every kind of run the schema has: a sync's run too.
    expect(
      parseLivePayload(
        JSON.stringify({ u: "alice", k: "import", id: "r1", run: { ...run, kind: "sync", status: "partial" } }),
      )?.event,
    ).toMatchObject({ run: { kind: "sync" } });
    expect(parseLivePayload(JSON.stringify({ u: "bob", k: "project", id: "p1" }))).toEqual({
      userId: "bob",
      event: { kind: "project", projectId: "p1" },
    });
    expect(parseLivePayload(JSON.stringify({ u: "bob", k: "sources" }))).toEqual({
      userId: "bob",
      event: { kind: "sources" },
    });
  });

  it("refuses what no trigger sends", () => {
    for (const text of [
      "not json",
      "{}",
      JSON.stringify({ u: "", k: "sources" }),
      JSON.stringify({ u: "a", k: "resync" }),
      JSON.stringify({ u: "a", k: "project" }),
    ]) {
      expect(parseLivePayload(text), text).toBeNull();
    }
  });
});
