/**
 * sync.schedule-due (cron every minute, one run at a time): turns due channels into check jobs.
 *
 * Each round claims up to SYNC_CLAIM_BATCH channels whose nextCheckAt has passed — oldest first, so none
 * waits forever — with FOR UPDATE SKIP LOCKED, moves their nextCheckAt forward by CHECK_LEASE_MS as a
 * lease, and bulk-inserts their check jobs in the same transaction: a crash loses neither, and a check
 * that dies with its worker is simply due again when the lease runs out. Rounds repeat until nothing is
 * due, the run's time budget is spent, or the check queue is deep (backpressure: claim only what the
 * workers can take; the rest stays due and the lag metric shows it).
 */
import { fromPrisma } from "pg-boss";
import { env } from "~/env";
import { countWaitingJobs } from "~/lib/jobs/count-waiting-jobs";
import { enqueueMany, type JobSender } from "~/lib/jobs/enqueue";
import { syncCheckChannelJob } from "~/lib/jobs/sync-check-channel";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";
import { metrics } from "~/server/metrics";
import { CHECK_LEASE_MS } from "./check-schedule";

/** A run stops claiming after this long, well inside the one-minute cron period. */
export const SCHEDULE_RUN_BUDGET_MS = 45_000;

export type ScheduleLimits = { claimBatch: number; maxQueuedChecks: number; budgetMs: number };

export function configuredScheduleLimits(): ScheduleLimits {
  return { claimBatch: env.SYNC_CLAIM_BATCH, maxQueuedChecks: env.SYNC_MAX_QUEUED_CHECKS, budgetMs: SCHEDULE_RUN_BUDGET_MS };
}

/** now − the oldest nextCheckAt that has passed; 0 when nothing is overdue. One index probe. */
export async function measureSyncLagSeconds(): Promise<number> {
  const rows = await db.$queryRaw<{ lag: number | null }[]>`
    SELECT extract(epoch FROM now() - min("nextCheckAt"))::float8 AS lag FROM "Channel" WHERE "nextCheckAt" <= now()`;
  return Math.max(0, rows[0]?.lag ?? 0);
}

/** How many followed channels are due now: an index range, so it grows with the backlog (only /ops reads it). */
export async function countDueChannels(): Promise<number> {
  const rows = await db.$queryRaw<{ due: number }[]>`SELECT count(*)::int AS due FROM "Channel" WHERE "nextCheckAt" <= now()`;
  return rows[0]?.due ?? 0;
}

export async function scheduleDueChannels({
  boss,
  logger,
  limits = configuredScheduleLimits(),
}: {
  boss: JobSender;
  logger: Logger;
  limits?: ScheduleLimits;
}): Promise<{ claimed: number; rounds: number; stoppedBy: "nothing_due" | "backpressure" | "budget"; lagSeconds: number }> {
  const startedAt = Date.now();
  const lagSeconds = await measureSyncLagSeconds();
  metrics.syncLagSeconds.set(lagSeconds);
  let claimed = 0;
  let rounds = 0;
  for (;;) {
    if (Date.now() - startedAt >= limits.budgetMs) return finish("budget");
    const room = Math.min(limits.claimBatch, limits.maxQueuedChecks - (await countWaitingJobs(syncCheckChannelJob, limits.maxQueuedChecks)));
    if (room <= 0) return finish("backpressure");
    const ids = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        WITH due AS (
          SELECT "id" FROM "Channel" WHERE "nextCheckAt" <= now()
           ORDER BY "nextCheckAt" LIMIT ${room}::int FOR UPDATE SKIP LOCKED)
        UPDATE "Channel" AS c SET "nextCheckAt" = now() + ${CHECK_LEASE_MS}::int * interval '1 millisecond'
          FROM due WHERE c."id" = due."id"
        RETURNING c."id"`;
      await enqueueMany(
        boss,
        syncCheckChannelJob,
        rows.map((row) => ({ channelId: row.id, trigger: "schedule" as const })),
        { db: fromPrisma(tx), singletonKeyOf: (payload) => payload.channelId },
      );
      return rows.map((row) => row.id);
    });
    rounds += 1;
    claimed += ids.length;
    if (ids.length < room) return finish("nothing_due");
  }

  function finish(stoppedBy: "nothing_due" | "backpressure" | "budget") {
    logger.info({ claimed, rounds, stoppedBy, lagSeconds: Math.round(lagSeconds) }, "sync.scheduled");
    return { claimed, rounds, stoppedBy, lagSeconds };
  }
}
