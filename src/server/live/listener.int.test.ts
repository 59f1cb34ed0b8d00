/**
 * Row changes reach a subscriber through the triggers (prisma/migrations/20261206110200_live_events), one
 * LISTEN connection and the hub: after commit and within 500 ms, never before commit, and only to the
 * user whose row changed. The listener comes back after its connection is killed and resyncs its streams.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "@test/test-user";
import { testDatabaseUrl } from "@test/test-db-url";
import { db } from "~/server/db";
import { logger } from "~/server/logger";
import { createLiveHub, type LiveEnvelope, type LiveStream } from "./hub";
import { startLiveListener, type LiveListener } from "./listener";

const hub = createLiveHub();
let listener: LiveListener;
const events: string[] = [];

beforeAll(async () => {
  listener = startLiveListener({
    connectionString: testDatabaseUrl(),
    hub,
    logger,
    initialBackoffMs: 50,
    onEvent: (kind) => events.push(kind),
  });
  await listener.ready;
});

afterAll(async () => {
  await listener.stop();
});

/** Opens a stream for the user and consumes its hello. */
async function open(userId: string): Promise<LiveStream> {
  const stream = hub.subscribe(userId);
  expect((await stream.next()).value?.event.kind).toBe("hello");
  return stream;
}

/** A read that timed out stays pending on the stream; the next `within` waits on it instead of losing it. */
const pendingReads = new WeakMap<LiveStream, Promise<LiveEnvelope | null>>();

/** The next envelope within `ms`, or null. */
async function within(stream: LiveStream, ms: number): Promise<LiveEnvelope | null> {
  const next = pendingReads.get(stream) ?? stream.next().then((result) => (result.done ? null : result.value));
  pendingReads.set(stream, next);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)));
  const first = await Promise.race([next, timeout]);
  clearTimeout(timer);
  if (first === "timeout") return null;
  pendingReads.delete(stream);
  return first;
}

/** Everything that arrives until `ms` pass without an event. */
async function drain(stream: LiveStream, ms = 300): Promise<LiveEnvelope[]> {
  const received: LiveEnvelope[] = [];
  for (let envelope = await within(stream, ms); envelope; envelope = await within(stream, ms)) received.push(envelope);
  return received;
}

const createRun = (userId: string) =>
  db.importRun.create({ data: { userId, kind: "videos", total: 3, status: "running", label: "3 videos" } });

describe("live events through LISTEN/NOTIFY", () => {
  it("an import run's progress arrives after commit, within 500 ms, with the figures, and not before", async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const aliceStream = await open(alice.id);
    const bobStream = await open(bob.id);
    const run = await createRun(alice.id);
    expect((await drain(aliceStream)).map((envelope) => envelope.event)).toMatchObject([
      { kind: "import", runId: run.id, run: { status: "running", imported: 0 } },
    ]);

    let committedAt = 0;
    await db.$transaction(async (tx) => {
      await tx.importRun.update({ where: { id: run.id }, data: { imported: { increment: 1 } } });
      await tx.importRun.update({
        where: { id: run.id },
        data: { skipped: { increment: 1 }, skipReasons: { already_imported: 1 } },
      });
      // Still uncommitted: nothing may reach the stream.
      expect(await within(aliceStream, 300)).toBeNull();
      committedAt = performance.now();
    });
    const first = await within(aliceStream, 1000);
    const latencyMs = performance.now() - committedAt;
    expect(first?.event).toMatchObject({ kind: "import", runId: run.id, run: { imported: 1, status: "running" } });
    expect(latencyMs).toBeLessThan(500);
    const second = await within(aliceStream, 500);
    expect(second?.event).toMatchObject({
      kind: "import",
      run: { imported: 1, skipped: 1, skipReasons: { already_imported: 1 } },
    });
    expect(await drain(bobStream)).toEqual([]);

    // A write that changes nothing the page shows (the cursor) notifies nobody.
    await db.importRun.update({ where: { id: run.id }, data: { cursor: { pageToken: "x" } } });
    expect(await drain(aliceStream)).toEqual([]);
    aliceStream.close();
    bobStream.close();
  });

  it("a rolled-back change is never heard", async () => {
    const alice = await createTestUser();
    const stream = await open(alice.id);
    const run = await createRun(alice.id);
    await drain(stream);
    await expect(
      db.$transaction(async (tx) => {
        await tx.importRun.update({ where: { id: run.id }, data: { imported: 2 } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await drain(stream)).toEqual([]);
    stream.close();
  });

  it("a notification created or read reaches its user only, once per statement", async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const aliceStream = await open(alice.id);
    const bobStream = await open(bob.id);
    const startedAt = performance.now();
    await db.notification.create({ data: { userId: alice.id, kind: "sync.failed" } });
    expect((await within(aliceStream, 500))?.event).toEqual({ kind: "notification" });
    expect(performance.now() - startedAt).toBeLessThan(500);

    await db.notification.create({ data: { userId: alice.id, kind: "sync.failed" } });
    await drain(aliceStream);
    // "Mark all read" updates two rows in one statement: one event.
    await db.notification.updateMany({ where: { userId: alice.id, readAt: null }, data: { readAt: new Date() } });
    expect((await drain(aliceStream)).map((envelope) => envelope.event)).toEqual([{ kind: "notification" }]);
    expect(await drain(bobStream)).toEqual([]);
    aliceStream.close();
    bobStream.close();
  });

  it("new projects notify once per user and statement; an analysis result names its project", async () => {
    const alice = await createTestUser();
    const stream = await open(alice.id);
    const project = (id: string) => ({
      userId: alice.id,
      slug: id,
      title: id,
      youtubeVideoId: id,
      externalUrl: `https://youtu.be/${id}`,
    });
    await db.project.createMany({ data: [project("aaaaaaaaaaa"), project("bbbbbbbbbbb")] });
    expect((await drain(stream)).map((envelope) => envelope.event)).toEqual([{ kind: "projects" }]);

    const created = await db.project.findFirstOrThrow({ where: { userId: alice.id, youtubeVideoId: "aaaaaaaaaaa" } });
    await db.project.update({ where: { id: created.id }, data: { analysisStatus: "ai" } });
    await db.project.update({ where: { id: created.id }, data: { title: "renamed" } });
    expect((await drain(stream)).map((envelope) => envelope.event)).toEqual([
      { kind: "project", projectId: created.id },
    ]);
    stream.close();
  });

  it("a sync check notifies the channel's followers only when the status they see changes", async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const stranger = await createTestUser();
    const channel = await db.channel.create({
      data: { youtubeChannelId: `UC${randomUUID().replaceAll("-", "").slice(0, 22)}`, title: "Followed" },
    });
    await db.contentSource.createMany({
      data: [alice, bob].map((user) => ({ userId: user.id, channelId: channel.id })),
    });
    const streams = await Promise.all([alice, bob, stranger].map((user) => open(user.id)));
    const check = (sql: string) =>
      db.$executeRawUnsafe(`UPDATE "ChannelSchedule" SET ${sql} WHERE "channelId" = $1::uuid`, channel.id);

    await check(`"lastCheckedAt" = now(), "lastOutcome" = 'baseline', "nextCheckAt" = now() + interval '1 hour'`); // pending → ok
    for (const stream of streams.slice(0, 2))
      expect((await drain(stream)).map((envelope) => envelope.event)).toEqual([{ kind: "sources" }]);
    await check(`"lastCheckedAt" = now(), "lastOutcome" = 'unchanged', "nextCheckAt" = now() + interval '1 hour'`); // ok → ok
    await check(`"claimToken" = gen_random_uuid()`); // a claim
    for (const stream of streams) expect(await drain(stream)).toEqual([]);
    await check(`"failures" = 1, "lastOutcome" = 'failed', "lastError" = 'boom'`); // ok → failing
    for (const stream of streams.slice(0, 2))
      expect((await drain(stream)).map((envelope) => envelope.event)).toEqual([{ kind: "sources" }]);
    expect(await drain(streams[2]!)).toEqual([]);

    // The Channel row: a check's write-back that leaves push state alone notifies nobody; pushes going live do.
    const touch = (sql: string) =>
      db.$executeRawUnsafe(`UPDATE "Channel" SET ${sql}, "updatedAt" = now() WHERE "id" = $1::uuid`, channel.id);
    await touch(`"recentVideoIds" = '{a,b}', "feedEtag" = 'x'`);
    for (const stream of streams) expect(await drain(stream)).toEqual([]);
    await touch(`"leaseExpiresAt" = now() + interval '5 days'`);
    for (const stream of streams.slice(0, 2))
      expect((await drain(stream)).map((envelope) => envelope.event)).toEqual([{ kind: "sources" }]);
    await touch(`"leaseExpiresAt" = now() + interval '6 days'`); // a renewal: still live
    for (const stream of streams) expect(await drain(stream)).toEqual([]);

    // A write-back batch that moves two of alice's channels tells her once.
    const second = await db.channel.create({
      data: { youtubeChannelId: `UC${randomUUID().replaceAll("-", "").slice(0, 22)}`, title: "Second" },
    });
    await db.contentSource.create({ data: { userId: alice.id, channelId: second.id } });
    await db.$executeRaw`UPDATE "ChannelSchedule" SET "failures" = 2, "lastOutcome" = 'failed' WHERE "channelId" IN (${channel.id}::uuid, ${second.id}::uuid)`;
    expect((await drain(streams[0]!)).map((envelope) => envelope.event)).toEqual([{ kind: "sources" }]);
    for (const stream of streams) stream.close();
  });

  it("after its connection is killed, the listener reconnects, resyncs its streams and hears new events", async () => {
    const alice = await createTestUser();
    const stream = await open(alice.id);
    const resyncsBefore = events.filter((kind) => kind === "resync").length;
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'showreel-live' AND datname = current_database()`;
    expect((await within(stream, 10_000))?.event).toEqual({ kind: "resync" });
    expect(listener.isListening()).toBe(true);
    expect(events.filter((kind) => kind === "resync").length).toBe(resyncsBefore + 1);
    await db.notification.create({ data: { userId: alice.id, kind: "sync.failed" } });
    expect((await within(stream, 500))?.event).toEqual({ kind: "notification" });
    stream.close();
  });
});
