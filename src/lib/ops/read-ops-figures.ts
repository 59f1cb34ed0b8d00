/**
 * The present-tense figures the `ops.sample` job (which stores them once a minute), the /ops page (which
 * adds them as the charts' live last point) and the scrape-time gauges (src/lib/system/register-state-gauges.ts)
 * read. Each is one small query: pg-boss's cached queue counts, one index range on ChannelSchedule.nextCheckAt
 * (src/lib/sync/channel-schedule.ts), one QuotaDay primary-key lookup, the few YouTubeConfigError rows.
 */
import { quotaDayDate } from "~/lib/quota/next-reset";
import { configuredQuotaLimits, PROJECT_QUOTA_SCOPE } from "~/lib/quota/reserve-quota";
import { countDueChannels, measureSyncLagSeconds } from "~/lib/sync/channel-schedule";
import { db, pool } from "~/server/db";
import { BOSS_QUEUE_TABLE } from "./ops-queues";

/** `queued` = `ready` + `deferred` (+ jobs blocked behind a singleton or group). */
export type QueueCounts = {
  name: string;
  /** The dead-letter queue this queue's failures go to; null for a dead-letter queue itself (ops-queues.ts). */
  deadLetter: string | null;
  queued: number;
  ready: number;
  deferred: number;
  active: number;
  failed: number;
  total: number;
};
export type SyncLag = { syncLagSeconds: number; dueChannels: number };
export type ProjectQuotaUse = { used: number; limit: number; exhaustedUntil: Date | null };
export type ConfigErrorSeen = {
  reason: string;
  method: string;
  status: number | null;
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
};

/** Configuration refusals older than this are history (the operator fixed it); /ops shows only newer ones. */
const CONFIG_ERROR_RECENT_HOURS = 24;

/**
 * Every queue pg-boss knows (dead-letter queues included), by name: the counts pg-boss's monitor keeps
 * on its queue table (what `getQueues()` returns), read with one SELECT so callers need no pg-boss
 * client. As fresh as the last monitor pass (MONITOR_INTERVAL_SECONDS in src/server/boss.ts).
 */
export async function readQueueCounts(): Promise<QueueCounts[]> {
  const { rows } = await pool.query<QueueCounts>(
    `SELECT name, dead_letter AS "deadLetter", queued_count AS queued, ready_count AS ready, deferred_count AS deferred, active_count AS active,
            failed_count AS failed, total_count AS total
       FROM ${BOSS_QUEUE_TABLE}
      ORDER BY name`,
  );
  return rows;
}

/** How overdue the most overdue followed channel is, and how many are due now. */
export async function readSyncLag(): Promise<SyncLag> {
  const [lagSeconds, dueChannels] = await Promise.all([measureSyncLagSeconds(), countDueChannels()]);
  return { syncLagSeconds: Math.round(lagSeconds), dueChannels };
}

/**
 * The Google Cloud project's units spent in the quota day `now` falls in, its daily budget, and until when
 * Google has refused it (`quotaExceeded` marks the day; null when it has not).
 */
export async function readProjectQuota(now: Date): Promise<ProjectQuotaUse> {
  const row = await db.quotaDay.findUnique({
    where: { day_scope: { day: quotaDayDate(now), scope: PROJECT_QUOTA_SCOPE } },
    select: { used: true, exhaustedUntil: true },
  });
  return {
    used: row?.used ?? 0,
    limit: configuredQuotaLimits().projectDaily,
    exhaustedUntil: row?.exhaustedUntil ?? null,
  };
}

/**
 * Google's refusals of Showreel's own configuration (API key, API not enabled) seen in the last
 * CONFIG_ERROR_RECENT_HOURS, newest first: one row per reason (record-config-error.ts), so a handful at most.
 */
export async function readConfigErrors(now: Date): Promise<ConfigErrorSeen[]> {
  return db.youTubeConfigError.findMany({
    where: { lastSeenAt: { gte: new Date(now.getTime() - CONFIG_ERROR_RECENT_HOURS * 60 * 60 * 1000) } },
    orderBy: { lastSeenAt: "desc" },
    select: { reason: true, method: true, status: true, count: true, firstSeenAt: true, lastSeenAt: true },
  });
}
