/**
 * Driver (bench/lib/driver.ts) for the queue benchmark: enqueues `count` websub.subscribe jobs (keyed by
 * channel id, as the renewal run queues them) through the app's own enqueue functions — `enqueueMany` (one
 * INSERT per chunk, what the scheduler and imports use) or, for the baseline, `enqueue` once per job, as
 * the reviewed system queued one task per call (docs/design.md#the-baseline: `apply_async` in a loop).
 * The channel ids are random, and the bench runs with WebSub off (no PUBLIC_URL): each job ends at once.
 * Prints the seconds the enqueueing took.
 */
import { randomUUID } from "node:crypto";
import { enqueue, enqueueMany } from "~/lib/jobs/enqueue";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe.job";
import { createBoss } from "~/server/boss";
import { readDriverInput, reportDriverResult } from "./driver";

/** Jobs per enqueueMany call: one statement each, its JSON a few MB at most. */
const BULK_CHUNK = 10_000;

const input = readDriverInput<{ count: number; mode: "bulk" | "one-by-one" }>();
const boss = createBoss({ role: "sender", max: 2 });
await boss.start();
const payloads = Array.from({ length: input.count }, () => ({ channelId: randomUUID() }));
const started = performance.now();
if (input.mode === "bulk") {
  for (let offset = 0; offset < payloads.length; offset += BULK_CHUNK)
    await enqueueMany(boss, websubSubscribeJob, payloads.slice(offset, offset + BULK_CHUNK), {
      singletonKeyOf: (payload) => payload.channelId,
    });
} else {
  for (const payload of payloads) await enqueue(boss, websubSubscribeJob, payload, { singletonKey: payload.channelId });
}
const seconds = (performance.now() - started) / 1000;
await boss.stop({ graceful: false, close: true });
reportDriverResult({ seconds });
