/**
 * The present-tense figures both the `ops.sample` job (which stores them once a minute) and the /ops
 * page (which adds them as the charts' live last point) read. Each is one small query: pg-boss's cached
 * queue counts, one index range on Channel.nextCheckAt, one QuotaDay primary-key lookup.
 */
import { quotaDayDate } from "~/lib/quota/next-reset";
import { configuredQuotaLimits, PROJECT_QUOTA_SCOPE } from "~/lib/quota/reserve-quota";
import { db, pool } from "~/server/db";
import { BOSS_QUEUE_TABLE } from "./ops-queues";

export type QueueCounts = { name: string; ready: number; deferred: number; active: number; failed: number; total: number };
export type SyncLag = { syncLagSeconds: number; dueChannels: number };
export type ProjectQuotaUse = { used: number; limit: number };

/**
 * Every queue pg-boss knows (dead-letter queues included), by name: the counts pg-boss's monitor keeps
 * on its queue table (what `getQueues()` returns), read with one SELECT so callers need no pg-boss
 * client. As fresh as the last monitor pass (SUPERVISE_INTERVAL_SECONDS).
 */
export async function readQueueCounts(): Promise<QueueCounts[]> {
  const { rows } = await pool.query<QueueCounts>(
    `SELECT name, ready_count AS ready, deferred_count AS deferred, active_count AS active,
            failed_count AS failed, total_count AS total
       FROM ${BOSS_QUEUE_TABLE}
      ORDER BY name`,
  );
  return rows;
}

/** How overdue the most overdue followed channel is, and how many are due now. */
export async function readSyncLag(): Promise<SyncLag> {
  const [lag] = await db.$queryRaw<{ lagSeconds: number | null; due: number }[]>`
    SELECT extract(epoch FROM now() - min("nextCheckAt"))::float8 AS "lagSeconds", count(*)::int AS due
      FROM "Channel" WHERE "nextCheckAt" <= now()`;
  return { syncLagSeconds: Math.max(0, Math.round(lag?.lagSeconds ?? 0)), dueChannels: lag?.due ?? 0 };
}

/** The Google Cloud project's units spent in the quota day `now` falls in, and its daily budget. */
export async function readProjectQuota(now: Date): Promise<ProjectQuotaUse> {
  const row = await db.quotaDay.findUnique({
    where: { day_scope: { day: quotaDayDate(now), scope: PROJECT_QUOTA_SCOPE } },
    select: { used: true },
  });
  return { used: row?.used ?? 0, limit: configuredQuotaLimits().projectDaily };
}
