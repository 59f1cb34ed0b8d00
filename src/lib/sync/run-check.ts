/**
 * One check of one claimed channel: the calls to Google, then the pure plan (src/lib/sync/check-plan.ts).
 * Never throws: every error becomes a planned result (a wait, a failure with backoff), so the engine always
 * has a row to write back and no channel is dropped or dead-lettered.
 *
 * 1. The RSS feed with the stored validators — 0 units; a 304 ends the check.
 * 2. A feed that fails for this channel falls back to one uploads playlist page (1 unit); a feed host
 *    outage (breaker open) backs off without spending quota, fleet-wide.
 * 3. A whole window of unseen ids pages the playlist back to the first known id (bounded).
 * 4. A run of "not found" answers is confirmed with channels.list (1 unit) before calling the channel gone.
 * The hot path shares one client; only the rare quota-spending paths build one that counts units.
 */
import { isAppError } from "~/lib/errors";
import type { YouTubeClient } from "~/lib/youtube/client";
import { YouTubeApiError } from "~/lib/youtube/errors";
import { FEED_WINDOW } from "~/lib/youtube/feed";
import { uploadsPlaylistIdOf } from "~/lib/youtube/parse-youtube-url";
import { MAX_PAGE_SIZE } from "~/lib/youtube/quota-costs";
import type { Logger } from "~/server/logger";
import {
  needsBackfill,
  planAnswered,
  planFailed,
  planParked,
  shouldConfirmNotFound,
  type CheckFailure,
  type CheckWrite,
  type ClaimedChannel,
  type FeedWindow,
} from "./check-plan";

/** Pages of the uploads playlist walked when a whole feed window is new (50 videos each, 1 unit each). */
const MAX_BACKFILL_PAGES = 4;

export type CheckClients = {
  /** Shared by every check of the process: the feed path spends no units. */
  feeds: YouTubeClient;
  /** A client that reports the units it spends, for the rare paths that call the Data API. */
  counting: (onUnitsSpent: (units: number) => void) => YouTubeClient;
};

class ChannelNotFound extends Error {}

function playlistOf(channel: ClaimedChannel): string {
  return channel.uploadsPlaylistId ?? uploadsPlaylistIdOf(channel.youtubeChannelId);
}

async function readPlaylistWindow(
  client: YouTubeClient,
  channel: ClaimedChannel,
  signal: AbortSignal | undefined,
): Promise<FeedWindow> {
  try {
    const page = await client.listUploadsPage({ playlistId: playlistOf(channel), pageSize: FEED_WINDOW, signal });
    if ("notModified" in page) return { method: "playlist", notModified: true };
    return {
      method: "playlist",
      notModified: false,
      entries: page.items.map((item) => ({ videoId: item.videoId, publishedAt: item.publishedAt })),
    };
  } catch (error) {
    if (isAppError(error, "NOT_FOUND"))
      throw new ChannelNotFound(`YouTube has no uploads list for ${channel.youtubeChannelId}`);
    throw error;
  }
}

/** Pages the uploads playlist back from the newest until a known id shows up (bounded). */
async function backfillIds(
  client: YouTubeClient,
  channel: ClaimedChannel,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  const known = new Set(channel.recentVideoIds);
  const ids: string[] = [];
  let pageToken: string | null = null;
  for (let page = 0; page < MAX_BACKFILL_PAGES; page += 1) {
    const reply = await client.listUploadsPage({
      playlistId: playlistOf(channel),
      pageToken,
      pageSize: MAX_PAGE_SIZE,
      signal,
    });
    if ("notModified" in reply) break;
    for (const item of reply.items) {
      if (known.has(item.videoId)) return ids;
      ids.push(item.videoId);
    }
    pageToken = reply.nextPageToken;
    if (!pageToken) break;
  }
  return ids;
}

export async function runCheck({
  channel,
  clients,
  logger,
  signal,
  now = () => new Date(),
}: {
  channel: ClaimedChannel;
  clients: CheckClients;
  logger: Logger;
  signal?: AbortSignal | undefined;
  now?: () => Date;
}): Promise<CheckWrite> {
  if (channel.earliestFollowAt === null) return planParked(channel);
  let unitsSpent = 0;
  let counting: YouTubeClient | null = null;
  const dataApi = () => (counting ??= clients.counting((units) => (unitsSpent += units)));
  let method: FeedWindow["method"] = "feed";
  try {
    let window: FeedWindow | null = null;
    try {
      const reply = await clients.feeds.getFeed({
        channelId: channel.youtubeChannelId,
        etag: channel.feedEtag,
        lastModified: channel.feedLastModified,
        signal,
      });
      if (reply.status === "not_modified") window = { method: "feed", notModified: true };
      else if (reply.status === "ok") {
        window = {
          method: "feed",
          notModified: false,
          entries: reply.feed.entries,
          etag: reply.etag,
          lastModified: reply.lastModified,
        };
      }
    } catch (error) {
      // The whole feed host is down (breaker open): the playlist would only burn the day's units fleet-wide.
      if (isAppError(error, "UPSTREAM_UNAVAILABLE")) throw error;
    }
    if (!window) {
      // This channel's feed is missing, unreadable or erroring: one playlist page (1 unit) instead.
      method = "playlist";
      window = await readPlaylistWindow(dataApi(), channel, signal);
    }
    const backfill = needsBackfill(channel, window) ? await backfillIds(dataApi(), channel, signal) : undefined;
    return planAnswered({ channel, window, backfill, unitsSpent, at: now() });
  } catch (error) {
    const failure = await classifyFailure({ error, channel, client: dataApi, signal });
    const write = planFailed({ channel, failure, method, unitsSpent, at: now() });
    if (write.outcome !== "unchanged") {
      logger.warn(
        { channelId: channel.channelId, outcome: write.outcome, failures: write.failures, error: write.error },
        "sync.check_failed",
      );
    }
    return write;
  }
}

async function classifyFailure({
  error,
  channel,
  client,
  signal,
}: {
  error: unknown;
  channel: ClaimedChannel;
  client: () => YouTubeClient;
  signal: AbortSignal | undefined;
}): Promise<CheckFailure> {
  if (isAppError(error, "QUOTA_EXHAUSTED") && error.retryAt)
    return { kind: "quota", retryAt: error.retryAt, message: error.message };
  if (isAppError(error, "UPSTREAM_MISCONFIGURED") && error.retryAt)
    return { kind: "config", retryAt: error.retryAt, message: error.message };
  if (error instanceof ChannelNotFound && shouldConfirmNotFound(channel)) {
    // Several misses in a row (or a channel never seen to publish): one unit to ask whether it is gone.
    const found = await client()
      .getChannels({ ids: [channel.youtubeChannelId], signal })
      .catch(() => null);
    if (found && found.length > 0) return { kind: "exists_without_uploads" };
    if (found) return { kind: "gone" };
  }
  const message = error instanceof Error ? error.message : String(error);
  const retryAt = isAppError(error) ? (error.retryAt ?? null) : null;
  // Known upstream errors and ones we cannot classify back off alike: an unknown error must not loop.
  const isKnown = isAppError(error) || error instanceof YouTubeApiError || error instanceof ChannelNotFound;
  return { kind: "failed", message: isKnown ? message : `Unexpected error: ${message}`, retryAt };
}
