/**
 * What one channel check decides, with no I/O: the channel's claimed state and what the feed (or its
 * playlist fallback) said go in; what to write back comes out. src/lib/sync/run-check.ts does the calls,
 * src/lib/sync/channel-schedule.ts the writes, in batches.
 *
 * - A 304 (nothing new) changes only the schedule row: next check by tier, failures cleared.
 * - A 200 rewrites the channel's remembered window and validators. Ids in the window that were not in the
 *   remembered one are "new"; on a first look (baseline) only uploads since someone followed count. A
 *   whole window of unseen ids means more may hide behind it: the caller pages the uploads playlist back
 *   and passes those ids in. Remembered ids that newer uploads cannot have pushed out "vanished"
 *   (deleted or made private). New and vanished ids go to SyncVideo, where sync.enrich looks them up 50
 *   per unit, across channels.
 * - Failures back off per channel with full jitter (src/lib/sync/check-schedule.ts); waits for Google
 *   (quota, Showreel's own configuration) are not the channel's failures.
 */
import type { ChannelStatus, SyncMethod, SyncOutcome, SyncVideoReason } from "~/generated/prisma/enums";
import { FEED_WINDOW } from "~/lib/youtube/feed";
import {
  GONE_RECHECK_INTERVAL_MS,
  nextCheckAfterFailure,
  nextCheckAfterQuotaReset,
  nextCheckAfterSuccess,
  tierFor,
  type CheckTier,
} from "./check-schedule";

/** Uploads published this long before a follow still count as "since they followed" (feeds lag). */
export const FOLLOW_GRACE_MS = 60 * 60 * 1000;
/** Consecutive "not found" answers before we spend a unit asking channels.list whether the channel is gone. */
const NOT_FOUND_CONFIRMATIONS = 3;
/** A poll that finds an upload older than this which no push announced: the hub is not delivering. */
export const PUSH_MISS_GRACE_MS = 15 * 60 * 1000;
/** Error text stored on the schedule row is cut to this length. */
export const MAX_ERROR_CHARS = 300;

/** A claimed channel: everything a check reads, brought back by the claim itself. */
export type ClaimedChannel = {
  channelId: string;
  youtubeChannelId: string;
  uploadsPlaylistId: string | null;
  status: ChannelStatus;
  feedEtag: string | null;
  feedLastModified: string | null;
  recentVideoIds: string[];
  lastVideoPublishedAt: Date | null;
  leaseExpiresAt: Date | null;
  pushUnhealthySince: Date | null;
  lastPushAt: Date | null;
  tier: CheckTier;
  failures: number;
  lastCheckedAt: Date | null;
  /** The earliest auto-sync follow; null when nobody follows any more (the channel is parked). */
  earliestFollowAt: Date | null;
};

/** What the feed (or the uploads playlist) says the newest uploads are, newest first. */
export type FeedWindow = { method: SyncMethod; notModified: true } | AnsweredWindow;
/** A window with content (a 200 from the feed, or a playlist page). */
type AnsweredWindow = {
  method: SyncMethod;
  notModified: false;
  entries: readonly { videoId: string; publishedAt: Date | null }[];
  /** Only for the feed: the validators to send next time. */
  etag?: string | null;
  lastModified?: string | null;
};

/** The Channel row's new state: written only when a feed or playlist answered with content. */
export type ChannelWrite = {
  recentVideoIds: string[];
  /** Undefined: keep the stored validators (a playlist answer has none). */
  feedEtag?: string | null;
  feedLastModified?: string | null;
  lastVideoPublishedAt: Date | null;
  pushUnhealthySince: Date | null;
  /** Pushes went missing: subscribe again at the next renewal run, in case the hub dropped us. */
  resubscribe: boolean;
  status: ChannelStatus;
};

export type CheckWrite = {
  channelId: string;
  /** null = parked. */
  nextCheckAt: Date | null;
  tier: CheckTier;
  failures: number;
  /** When the check succeeded; null keeps the previous lastCheckedAt (a failed or waiting check). */
  checkedAt: Date | null;
  method: SyncMethod | null;
  outcome: SyncOutcome | null;
  error: string | null;
  channel: ChannelWrite | null;
  /** Nobody follows any more: leave the hub if a lease is live, and stop renewing. */
  parked: boolean;
  detected: { videoId: string; reason: SyncVideoReason }[];
  /** Set when the check is worth a SyncRun row (anything but unchanged and new videos, which enrichment records). */
  run: { outcome: SyncOutcome; method: SyncMethod; error: string | null } | null;
  /** Units this check spent (playlist fallback, backfill, confirmation); 0 for a feed check. */
  unitsSpent: number;
};

type Draw = () => number;

function isPushCovered(channel: ClaimedChannel, at: Date): boolean {
  return !!channel.leaseExpiresAt && channel.leaseExpiresAt > at && !channel.pushUnhealthySince;
}

function base(
  channel: ClaimedChannel,
): Pick<CheckWrite, "channelId" | "channel" | "parked" | "detected" | "run" | "unitsSpent"> {
  return { channelId: channel.channelId, channel: null, parked: false, detected: [], run: null, unitsSpent: 0 };
}

/** Nobody follows the channel with auto-sync any more: park it (no fetch). */
export function planParked(channel: ClaimedChannel): CheckWrite {
  return {
    ...base(channel),
    nextCheckAt: null,
    tier: channel.tier,
    failures: 0,
    checkedAt: null,
    method: null,
    outcome: null,
    error: null,
    parked: true,
  };
}

/** Whether a 200 window is entirely unseen, so the uploads playlist should be paged back for more. */
export function needsBackfill(channel: ClaimedChannel, window: FeedWindow): boolean {
  if (window.notModified || isBaseline(channel)) return false;
  const known = new Set(channel.recentVideoIds);
  return window.entries.length >= FEED_WINDOW && window.entries.every((entry) => !known.has(entry.videoId));
}

function isBaseline(channel: ClaimedChannel): boolean {
  return channel.lastCheckedAt === null && channel.recentVideoIds.length === 0;
}

/**
 * Remembered ids that should still be in the window — newer uploads did not push them out — but are not:
 * YouTube removed them (deleted, or made private).
 */
export function vanishedIds(remembered: readonly string[], current: readonly string[], newCount: number): string[] {
  const present = new Set(current);
  const survivors = remembered.slice(0, Math.max(0, FEED_WINDOW - newCount));
  return current.length === 0 ? [] : survivors.filter((id) => !present.has(id));
}

/** A check whose feed (or playlist) answered: what changed, and when to look next. */
export function planAnswered(input: {
  channel: ClaimedChannel;
  window: FeedWindow;
  /** Ids found by paging the uploads playlist back (needsBackfill), newest first. */
  backfill?: readonly string[];
  unitsSpent?: number;
  at: Date;
  random?: Draw;
}): CheckWrite {
  const { channel, window, at } = input;
  const random = input.random ?? Math.random;
  if (window.notModified) return planNotModified(channel, window, at, random, input.unitsSpent ?? 0);

  const remembered = channel.recentVideoIds;
  const windowIds = window.entries.map((entry) => entry.videoId);
  const baseline = isBaseline(channel);
  const fresh = baseline ? idsSinceFollow(channel, window, at) : unseenIds(remembered, windowIds, input.backfill);
  const vanished = baseline ? [] : vanishedIds(remembered, windowIds, fresh.length).filter((id) => !fresh.includes(id));

  const newest = newestPublishedAt(channel, window);
  const tier = tierFor(newest, at);
  const missedByPush = !baseline && isPushCovered(channel, at) && hasUploadPushMissed(channel, window, fresh, at);
  const pushesResumed =
    !!channel.pushUnhealthySince && !!channel.lastPushAt && channel.lastPushAt > channel.pushUnhealthySince;
  const pushUnhealthySince = missedByPush ? at : pushesResumed ? null : channel.pushUnhealthySince;
  const outcome: SyncOutcome =
    fresh.length > 0 || vanished.length > 0 ? "new_videos" : baseline ? "baseline" : "unchanged";
  const isFeed = window.method === "feed";
  return {
    ...base(channel),
    nextCheckAt: nextCheckAfterSuccess({
      tier,
      isPushCovered: isPushCovered(channel, at) && !missedByPush,
      now: at,
      random,
    }),
    tier,
    failures: 0,
    checkedAt: at,
    method: window.method,
    outcome,
    error: null,
    channel: {
      recentVideoIds: windowIds.slice(0, FEED_WINDOW),
      ...(isFeed ? { feedEtag: window.etag ?? null, feedLastModified: window.lastModified ?? null } : {}),
      lastVideoPublishedAt: newest,
      pushUnhealthySince,
      resubscribe: missedByPush,
      status: "active",
    },
    detected: [
      ...fresh.map((videoId) => ({ videoId, reason: "new" as const })),
      ...vanished.map((videoId) => ({ videoId, reason: "vanished" as const })),
    ],
    run: outcome === "baseline" ? { outcome, method: window.method, error: null } : null,
    unitsSpent: input.unitsSpent ?? 0,
  };
}

/** The feed answered 304 Not Modified: only the schedule moves. */
function planNotModified(
  channel: ClaimedChannel,
  window: FeedWindow,
  at: Date,
  random: Draw,
  unitsSpent: number,
): CheckWrite {
  const tier = tierFor(channel.lastVideoPublishedAt, at);
  return {
    ...base(channel),
    nextCheckAt: nextCheckAfterSuccess({ tier, isPushCovered: isPushCovered(channel, at), now: at, random }),
    tier,
    failures: 0,
    checkedAt: at,
    method: window.method,
    outcome: "unchanged",
    error: null,
    unitsSpent,
    ...(channel.status !== "active" ? { channel: keepWindow(channel) } : {}),
  };
}

/** First look at this channel: the window is history, except uploads since someone followed. */
function idsSinceFollow(channel: ClaimedChannel, window: AnsweredWindow, at: Date): string[] {
  const since = (channel.earliestFollowAt?.getTime() ?? at.getTime()) - FOLLOW_GRACE_MS;
  return window.entries
    .filter((entry) => entry.publishedAt && entry.publishedAt.getTime() >= since)
    .map((entry) => entry.videoId);
}

/** Ids in the window, or found by paging back, that the channel's remembered window does not hold. */
function unseenIds(remembered: readonly string[], windowIds: string[], backfill?: readonly string[]): string[] {
  const known = new Set(remembered);
  const fresh = windowIds.filter((id) => !known.has(id));
  return backfill ? [...new Set([...fresh, ...backfill.filter((id) => !known.has(id))])] : fresh;
}

function newestPublishedAt(channel: ClaimedChannel, window: AnsweredWindow): Date | null {
  return window.entries
    .map((entry) => entry.publishedAt)
    .reduce<Date | null>(
      (latest, date) => (date && (!latest || date > latest) ? date : latest),
      channel.lastVideoPublishedAt,
    );
}

/** A poll that finds an upload published a while ago which no push announced since: the hub is not delivering. */
function hasUploadPushMissed(channel: ClaimedChannel, window: AnsweredWindow, fresh: string[], at: Date): boolean {
  const freshSet = new Set(fresh);
  return window.entries.some(
    (entry) =>
      freshSet.has(entry.videoId) &&
      !!entry.publishedAt &&
      entry.publishedAt.getTime() <= at.getTime() - PUSH_MISS_GRACE_MS &&
      !(channel.lastPushAt && channel.lastPushAt >= entry.publishedAt),
  );
}

function keepWindow(channel: ClaimedChannel): ChannelWrite {
  return {
    recentVideoIds: channel.recentVideoIds,
    lastVideoPublishedAt: channel.lastVideoPublishedAt,
    pushUnhealthySince: channel.pushUnhealthySince,
    resubscribe: false,
    status: "active",
  };
}

/** How a check failed, as run-check.ts classified it. */
export type CheckFailure =
  /** The day's YouTube quota is spent: resume after the reset (spread), not the channel's failure. */
  | { kind: "quota"; retryAt: Date; message: string }
  /** Google refused Showreel's key or project: not the channel's failure either. */
  | { kind: "config"; retryAt: Date; message: string }
  /** channels.list confirmed the channel exists but has no public uploads: a normal, quiet channel. */
  | { kind: "exists_without_uploads" }
  /** channels.list confirmed the channel is gone. */
  | { kind: "gone" }
  /** Anything else, an error we do not recognise included: back off this channel. */
  | { kind: "failed"; message: string; retryAt: Date | null };

export function planFailed(input: {
  channel: ClaimedChannel;
  failure: CheckFailure;
  method: SyncMethod;
  unitsSpent?: number;
  at: Date;
  random?: Draw;
}): CheckWrite {
  const { channel, failure, method, at } = input;
  const random = input.random ?? Math.random;
  const common = { ...base(channel), method, checkedAt: null, tier: channel.tier, unitsSpent: input.unitsSpent ?? 0 };
  switch (failure.kind) {
    case "quota":
    case "config": {
      const outcome = failure.kind === "quota" ? "quota_wait" : "config_wait";
      const nextCheckAt =
        failure.kind === "quota" ? nextCheckAfterQuotaReset(failure.retryAt, random) : failure.retryAt;
      return {
        ...common,
        nextCheckAt,
        failures: channel.failures,
        outcome,
        error: clip(failure.message),
        run: { outcome, method, error: clip(failure.message) },
      };
    }
    case "exists_without_uploads": {
      const tier = tierFor(channel.lastVideoPublishedAt, at);
      return {
        ...common,
        nextCheckAt: nextCheckAfterSuccess({ tier, isPushCovered: false, now: at, random }),
        tier,
        failures: 0,
        checkedAt: at,
        outcome: "unchanged",
        error: null,
        ...(channel.status !== "active" ? { channel: keepWindow(channel) } : {}),
      };
    }
    case "gone": {
      const error = "YouTube says this channel no longer exists.";
      return {
        ...common,
        nextCheckAt: new Date(at.getTime() + GONE_RECHECK_INTERVAL_MS),
        failures: channel.failures + 1,
        outcome: "not_found",
        error,
        channel: { ...keepWindow(channel), status: "terminated" },
        run: { outcome: "not_found", method, error: "channel no longer exists" },
      };
    }
    case "failed": {
      const failures = channel.failures + 1;
      const error = clip(failure.message);
      return {
        ...common,
        nextCheckAt: nextCheckAfterFailure({
          consecutiveFailures: failures,
          now: at,
          retryAt: failure.retryAt,
          random,
        }),
        failures,
        outcome: "failed",
        error,
        run: { outcome: "failed", method, error },
      };
    }
  }
}

/** Whether a "not found" should be confirmed with channels.list (1 unit) before backing off again. */
export function shouldConfirmNotFound(channel: ClaimedChannel): boolean {
  return channel.failures + 1 >= NOT_FOUND_CONFIRMATIONS || channel.lastVideoPublishedAt === null;
}

function clip(message: string): string {
  return message.slice(0, MAX_ERROR_CHARS);
}
