/**
 * live.events end to end inside one process: the procedure behind the session, the process's listener on
 * the test database, and tracked envelopes whose ids a reconnect resumes from.
 */
import { isTrackedEnvelope } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { whenLiveListening } from "~/server/live/live-hub";
import { createTestUser } from "@test/test-user";
import { createCaller } from "./_app";

type Envelope = [id: string, data: { kind: string }];

async function nextEnvelope(stream: AsyncIterator<unknown>): Promise<Envelope> {
  const result = await stream.next();
  expect(result.done).toBe(false);
  expect(isTrackedEnvelope(result.value)).toBe(true);
  return result.value as unknown as Envelope;
}

describe("live.events", () => {
  it("streams the signed-in user's events as tracked events, and a reconnect from an earlier id gets what came after it", async () => {
    const alice = await createTestUser();
    const stream = ((await createCaller(alice.context).live.events({})) as AsyncIterable<unknown>)[
      Symbol.asyncIterator
    ]();
    const [helloId, hello] = await nextEnvelope(stream);
    expect(hello).toEqual({ kind: "hello" });

    await whenLiveListening();
    await db.notification.create({ data: { userId: alice.id, kind: "sync.failed" } });
    const [, event] = await nextEnvelope(stream);
    expect(event.kind).toBe("notification");
    await stream.return?.();

    const resumed = (
      (await createCaller(alice.context).live.events({ lastEventId: helloId })) as AsyncIterable<unknown>
    )[Symbol.asyncIterator]();
    const [, first] = await nextEnvelope(resumed);
    expect(first.kind).toBe("notification");
    await resumed.return?.();
  });
});
