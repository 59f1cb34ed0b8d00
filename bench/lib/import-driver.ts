/**
 * Driver (bench/lib/driver.ts) for the import benchmark: what the web process does on imports.importVideos
 * — the `importVideos` use case, which creates the ImportRun and enqueues its job in one transaction — once
 * per batch of ≤ 50 videos: back to back (a burst), or one batch every `intervalMs` (a paced arrival rate,
 * each batch due at start + k × interval whatever the previous call took). Prints the run ids.
 */
import { importVideos } from "~/lib/imports/import-videos";
import { createBoss } from "~/server/boss";
import { closeDb } from "~/server/db";
import { readDriverInput, reportDriverResult } from "./driver";
import { sleep } from "./processes";

/** importVideos takes at most this many links per call (imports.schema.ts). */
const BATCH = 50;

const input = readDriverInput<{ userId: string; videoIds: string[]; intervalMs?: number }>();
const boss = createBoss({ role: "sender", max: 2 });
await boss.start();
const runIds: string[] = [];
const started = performance.now();
for (let offset = 0; offset < input.videoIds.length; offset += BATCH) {
  if (input.intervalMs) await sleep(started + (offset / BATCH) * input.intervalMs - performance.now());
  const { runId } = await importVideos({ userId: input.userId, videos: input.videoIds.slice(offset, offset + BATCH), boss });
  runIds.push(runId);
}
await boss.stop({ graceful: false, close: true });
await closeDb();
reportDriverResult({ runIds });
