/**
 * Driver (bench/lib/driver.ts) for the import benchmark: what the web process does on imports.importVideos
 * — the `startVideoImport` use case, which creates the ImportRun and enqueues its job in one transaction — once
 * per batch of ≤ 50 videos: back to back (a burst), or one batch every `intervalMs` (a paced arrival rate,
 * each batch due at start + k × interval whatever the previous call took). Prints the run ids.
 */
import { startVideoImport } from "~/lib/imports/start-video-import";
import { createBoss } from "~/server/boss";
import { closeDb, db } from "~/server/db";
import { readDriverInput, reportDriverResult } from "./driver";
import { sleep } from "./processes";

/** startVideoImport takes at most this many links per call (imports.schema.ts). */
const BATCH = 50;
/**
 * Prisma's "unable to start a transaction in time" (P2028): on a starved machine the pool's connection
 * can take longer than the interactive transaction's 2 s maxWait. The user would press Import again; the
 * driver does too, at most this many times, and reports how often.
 */
const MAX_ATTEMPTS = 3;
const isTransactionStartTimeout = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error && error.code === "P2028";

const input = readDriverInput<{ userId: string; videoIds: string[]; intervalMs?: number }>();
const boss = createBoss({ role: "sender", max: 2 });
await boss.start();
// Open the pool's connection before the clock matters.
await db.$queryRaw`SELECT 1`;
const runIds: string[] = [];
let retries = 0;
const started = performance.now();
for (let offset = 0; offset < input.videoIds.length; offset += BATCH) {
  if (input.intervalMs) await sleep(started + (offset / BATCH) * input.intervalMs - performance.now());
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { runId } = await startVideoImport({
        userId: input.userId,
        videos: input.videoIds.slice(offset, offset + BATCH),
        jobs: boss,
      });
      runIds.push(runId);
      break;
    } catch (error) {
      if (!isTransactionStartTimeout(error) || attempt >= MAX_ATTEMPTS) throw error;
      retries += 1;
    }
  }
}
await boss.stop({ graceful: false, close: true });
await closeDb();
reportDriverResult({ runIds, retries });
