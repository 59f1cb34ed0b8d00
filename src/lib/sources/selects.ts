import type { Prisma } from "~/generated/prisma/client";

/** A followed channel as its follower sees it; the channel's WebSub secret never leaves the server. */
export const sourceSummarySelect = {
  id: true,
  syncEnabled: true,
  importedCount: true,
  lastSyncedAt: true,
  createdAt: true,
  channel: {
    select: {
      youtubeChannelId: true,
      title: true,
      handle: true,
      thumbnailUrl: true,
      status: true,
      schedule: {
        select: {
          lastCheckedAt: true,
          nextCheckAt: true,
          claimToken: true,
          tier: true,
          failures: true,
          lastError: true,
          lastMethod: true,
          lastOutcome: true,
        },
      },
      leaseExpiresAt: true,
      pushUnhealthySince: true,
    },
  },
} satisfies Prisma.ContentSourceSelect;

export type SourceRow = Prisma.ContentSourceGetPayload<{ select: typeof sourceSummarySelect }>;

/**
 * - `paused`: auto-sync is off for this follower;
 * - `pending`: followed, first check not done yet;
 * - `waiting`: the day's YouTube quota is spent, checks resume at `nextCheckAt`;
 * - `config`: Google refused Showreel's own configuration (API key, API not enabled); an operator must fix it;
 * - `failing`: the last checks failed (`error`), retried with backoff at `nextCheckAt`;
 * - `gone`: YouTube says the channel no longer exists (looked at again weekly);
 * - `ok`.
 */
export type SourceSyncStatus = "ok" | "pending" | "paused" | "waiting" | "config" | "failing" | "gone";

type Schedule = NonNullable<SourceRow["channel"]["schedule"]>;
/** Every channel has a schedule row (a trigger inserts it); this stands in should one be missing. */
const NO_SCHEDULE: Schedule = {
  lastCheckedAt: null,
  nextCheckAt: null,
  claimToken: null,
  tier: "normal",
  failures: 0,
  lastError: null,
  lastMethod: null,
  lastOutcome: null,
};

function syncStatusOf(row: SourceRow, schedule: Schedule): SourceSyncStatus {
  if (!row.syncEnabled) return "paused";
  if (row.channel.status !== "active") return "gone";
  if (schedule.lastOutcome === "quota_wait") return "waiting";
  if (schedule.lastOutcome === "config_wait") return "config";
  if (schedule.failures > 0) return "failing";
  return schedule.lastCheckedAt ? "ok" : "pending";
}

export function toSourceSummary(row: SourceRow, now = new Date()) {
  const { channel } = row;
  const schedule = channel.schedule ?? NO_SCHEDULE;
  return {
    id: row.id,
    syncEnabled: row.syncEnabled,
    importedCount: row.importedCount,
    lastImportAt: row.lastSyncedAt,
    followedAt: row.createdAt,
    channel: {
      id: channel.youtubeChannelId,
      title: channel.title,
      handle: channel.handle,
      thumbnailUrl: channel.thumbnailUrl,
      url: channel.handle
        ? `https://www.youtube.com/@${channel.handle}`
        : `https://www.youtube.com/channel/${channel.youtubeChannelId}`,
    },
    sync: {
      status: syncStatusOf(row, schedule),
      lastCheckedAt: schedule.lastCheckedAt,
      // Paused sources have no next check of their own, even when other followers keep the channel going;
      // a channel being checked right now has its claim's lease there, not a next check.
      nextCheckAt: row.syncEnabled && !schedule.claimToken ? schedule.nextCheckAt : null,
      tier: schedule.tier,
      method: schedule.lastMethod,
      error: schedule.failures > 0 || channel.status !== "active" ? schedule.lastError : null,
      isPushActive: !!channel.leaseExpiresAt && channel.leaseExpiresAt > now && !channel.pushUnhealthySince,
    },
  };
}

export type SourceSummary = ReturnType<typeof toSourceSummary>;
