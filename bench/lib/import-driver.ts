/**
 * Driver (bench/lib/driver.ts) for the import benchmark: what the web process does on imports.importVideos
 * — the `importVideos` use case, which creates the ImportRun and enqueues its job in one transaction — once
 * per batch of ≤ 50 videos, back to back, as a user pasting batch after batch. Prints the run ids.
 */
import { importVideos } from "~/lib/imports/import-videos";
import { createBoss } from "~/server/boss";
import { closeDb } from "~/server/db";
import { readDriverInput, reportDriverResult } from "./driver";

/** importVideos takes at most this many links per call (imports.schema.ts). */
const BATCH = 50;

const input = readDriverInput<{ userId: string; videoIds: string[] }>();
const boss = createBoss({ role: "sender", max: 2 });
await boss.start();
const runIds: string[] = [];
for (let offset = 0; offset < input.videoIds.length; offset += BATCH) {
  const { runId } = await importVideos({ userId: input.userId, videos: input.videoIds.slice(offset, offset + BATCH), boss });
  runIds.push(runId);
}
await boss.stop({ graceful: false, close: true });
await closeDb();
reportDriverResult({ runIds });
