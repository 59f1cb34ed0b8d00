/**
 * Runs the sync engine inside a test, the way a worker would, until nothing is due: real claims from
 * ChannelSchedule, real checks against the emulator, real batched write-back; then sync.enrich for every
 * detected id without waiting for a batch to fill. Returns each check's planned result.
 */
import pino from "pino";
import type { ClaimedWrite } from "~/lib/sync/channel-schedule";
import { enrichDetectedVideos, type EnrichResult } from "~/lib/sync/enrich-videos";
import { createSyncClients } from "~/lib/sync/sync-clients";
import { startSyncEngine } from "~/lib/sync/sync-engine";
import { db } from "~/server/db";
import { testBoss } from "./job-harness";

const silent = pino({ level: "silent" });

export async function runSyncCycle(
  options: { concurrency?: number; enrich?: boolean } = {},
): Promise<{ results: ClaimedWrite[]; enriched: EnrichResult | null }> {
  const results: ClaimedWrite[] = [];
  const boss = await testBoss();
  const engine = startSyncEngine({
    boss,
    logger: silent,
    clients: createSyncClients(silent),
    concurrency: options.concurrency ?? 32,
    claimBatch: 200,
    leaseMs: 60_000,
    enrichMaxWaitMs: 0,
    idleMs: 20,
    flushMs: 5,
    onResult: (write) => results.push(write),
  });
  try {
    await engine.whenIdle();
  } finally {
    await engine.stop();
  }
  const enriched = options.enrich === false ? null : await enrichDetectedVideos({ boss, logger: silent, maxWaitMs: 0 });
  return { results, enriched };
}

/** Makes the given channels (by YouTube id) due now. */
export async function makeDue(youtubeChannelIds: readonly string[]): Promise<void> {
  await db.$executeRaw`
    UPDATE "ChannelSchedule" AS s SET "nextCheckAt" = now() - interval '1 second', "claimToken" = NULL
      FROM "Channel" AS c WHERE c."id" = s."channelId" AND c."youtubeChannelId" = ANY(${[...youtubeChannelIds]}::text[])`;
}

/** Parks every channel, so channels an earlier test file followed do not join this file's cycles. */
export async function parkAllChannels(): Promise<void> {
  await db.$executeRaw`UPDATE "ChannelSchedule" SET "nextCheckAt" = NULL, "claimToken" = NULL, "recheck" = false WHERE "nextCheckAt" IS NOT NULL`;
}

/** A channel's schedule row, by YouTube id. */
export async function scheduleOf(youtubeChannelId: string) {
  return db.channelSchedule.findFirstOrThrow({ where: { channel: { youtubeChannelId } }, include: { channel: true } });
}
