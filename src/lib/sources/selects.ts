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
      lastCheckedAt: true,
      nextCheckAt: true,
      checkTier: true,
      consecutiveFailures: true,
      lastError: true,
      lastCheckMethod: true,
      lastCheckOutcome: true,
      leaseExpiresAt: true,
      pushUnhealthySince: true,
    },
  },
} satisfies Prisma.ContentSourceSelect;

type SourceRow = Prisma.ContentSourceGetPayload<{ select: typeof sourceSummarySelect }>;

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

function syncStatusOf(row: SourceRow): SourceSyncStatus {
  if (!row.syncEnabled) return "paused";
  if (row.channel.status !== "active") return "gone";
  if (row.channel.lastCheckOutcome === "quota_wait") return "waiting";
  if (row.channel.lastCheckOutcome === "config_wait") return "config";
  if (row.channel.consecutiveFailures > 0) return "failing";
  return row.channel.lastCheckedAt ? "ok" : "pending";
}

export function toSourceSummary(row: SourceRow, now = new Date()) {
  const { channel } = row;
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
      url: channel.handle ? `https://www.youtube.com/@${channel.handle}` : `https://www.youtube.com/channel/${channel.youtubeChannelId}`,
    },
    sync: {
      status: syncStatusOf(row),
      lastCheckedAt: channel.lastCheckedAt,
      // Paused sources have no next check of their own, even when other followers keep the channel going.
      nextCheckAt: row.syncEnabled ? channel.nextCheckAt : null,
      tier: channel.checkTier,
      method: channel.lastCheckMethod,
      error: channel.consecutiveFailures > 0 || channel.status !== "active" ? channel.lastError : null,
      isPushActive: !!channel.leaseExpiresAt && channel.leaseExpiresAt > now && !channel.pushUnhealthySince,
    },
  };
}

export type SourceSummary = ReturnType<typeof toSourceSummary>;
