/**
 * My Videos: one page of the connected channel's uploads with what the grid shows, whether each video is
 * already a project, and when YouTube was last asked (`fetchedAt`).
 *
 * Pages live in Postgres (my-videos-page-cache.ts), shared by every web process. A page younger than
 * MY_VIDEOS_MAX_AGE_SECONDS costs ONE statement and no YouTube call. Before YouTube's Data API is asked
 * about an older page, the channel's public feed is read (no quota: its 15 newest public videos, their
 * titles and view counts) and its signature is stored with the page:
 *   - the feed shows what it showed when the page was last confirmed: the page is current, for no unit (its
 *     age starts again);
 *   - it shows something new that it can describe itself — a public upload, a renamed video, a video made
 *     public — the change is applied to the stored page from the feed, for no unit (merge-feed-into-page.ts);
 *     a new upload has no duration until the page is next read from the Data API, unless the user already
 *     has it as a project (following one's own channel imports each upload): then it takes the project's;
 *   - otherwise (a public video gone from it, which may be deleted, private or unlisted), or when the feed
 *     cannot be read, or the user asks to `refresh` (rate limited), the page is revalidated with its ETag:
 *     304 costs the playlist call (1 unit; Google may bill a 304, so the ledger does) and keeps the stored
 *     videos; 200 costs playlistItems + videos.list (2 units) and replaces the page. A page changed from the
 *     feed keeps no ETag: YouTube never gave that version.
 * The feed is read before the Data API, so a signature never vouches for a page older than it. The feed shows
 * only public videos: a private or unlisted upload shows after a Refresh or the next revalidation.
 * Every unit goes through the quota ledger; refresh too.
 * When a revalidation the user did not ask for fails for a reason that passes by itself (quota spent,
 * YouTube down), the stored page is served as it is, with its older `fetchedAt`.
 */
import { createHash } from "node:crypto";
import { env } from "~/env";
import { AppError, isAppError, type AppErrorCode } from "~/lib/errors";
import { tokenProviderFor } from "~/lib/google-oauth/get-access-token";
import { consumeRateLimit, type RateLimitPolicy } from "~/lib/rate-limit/limiters";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import type { YouTubeClient } from "~/lib/youtube/client";
import { YouTubeApiError } from "~/lib/youtube/errors";
import type { UploadsPage } from "~/lib/youtube/normalize";
import { uploadsPlaylistIdOf } from "~/lib/youtube/parse-youtube-url";
import type { Logger } from "~/server/logger";
import { mergeFeedIntoPage, type FeedForMerge } from "./merge-feed-into-page";
import {
  findMyVideosPage,
  myVideosPageKey,
  projectDurations,
  saveMyVideosPage,
  touchMyVideosPage,
  type MyVideosPageBody,
  type MyVideosPageRead,
} from "./my-videos-page-cache";

/** youtube.myVideos with refresh: 30 per hour per user; each costs 1–2 units of the shared daily quota. */
export const MY_VIDEOS_REFRESH_RATE_LIMIT: RateLimitPolicy = {
  name: "my-videos-refresh",
  points: 30,
  durationSeconds: 60 * 60,
  message: "You've refreshed My Videos 30 times this hour. The list still updates by itself every few minutes.",
};

/** Failures that pass by themselves: an aged stored page is better than an error while they last. */
const STALE_IF: ReadonlySet<AppErrorCode> = new Set([
  "QUOTA_EXHAUSTED",
  "RATE_LIMITED",
  "UPSTREAM_UNAVAILABLE",
  "UPSTREAM_MISCONFIGURED",
]);

const EMPTY_PAGE: MyVideosPageBody = { items: [], nextPageToken: null, prevPageToken: null, totalResults: 0 };

export async function listMyVideos({
  userId,
  pageToken,
  pageSize,
  refresh = false,
  logger,
}: {
  userId: string;
  pageToken?: string | null | undefined;
  pageSize: number;
  /** Revalidate with YouTube now, whatever the stored page's age. */
  refresh?: boolean;
  logger: Logger;
}) {
  const pageKey = myVideosPageKey({ pageToken, pageSize });
  const { connection, page: stored } = await findMyVideosPage({
    userId,
    pageKey,
    maxAgeSeconds: env.MY_VIDEOS_MAX_AGE_SECONDS,
  });
  if (!connection || connection.status !== "active") {
    throw new AppError(
      "RECONNECT_REQUIRED",
      connection ? "YouTube access has expired. Reconnect to see your videos." : "Connect YouTube to see your videos.",
    );
  }
  if (stored?.isFresh && !refresh) return withFlags(stored.body, stored.importedIds, stored.fetchedAt);
  if (refresh) await consumeRateLimit(MY_VIDEOS_REFRESH_RATE_LIMIT, userId);

  const client = createDefaultYouTubeClient({
    logger,
    purpose: "interactive",
    userId,
    getAccessToken: tokenProviderFor(connection.id, logger),
  });
  const feed = await readFeed(client, connection.youtubeChannelId, logger);
  const feedSignature = feed?.signature ?? null;
  const page = { userId, pageKey, isFirstPage: !pageToken, youtubeChannelId: connection.youtubeChannelId };
  const answered = stored && !refresh && feed !== null ? await answerFromFeed(page, stored, feed, logger) : null;
  if (answered) return answered;
  let reply: UploadsPage | { notModified: true } | null;
  try {
    reply = await client.listUploadsPage({
      playlistId: uploadsPlaylistIdOf(connection.youtubeChannelId),
      pageToken,
      pageSize,
      etag: stored?.etag,
      asUser: true,
    });
  } catch (error) {
    if (stored && !refresh && error instanceof AppError && STALE_IF.has(error.code)) {
      logger.warn({ code: error.code, fetchedAt: stored.fetchedAt }, "youtube.my_videos_served_stale");
      return withFlags(stored.body, stored.importedIds, stored.fetchedAt);
    }
    // Google answers the uploads list of a channel that never published with a 404: an empty page, stored too.
    if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
    reply = null;
  }

  if (reply !== null && "notModified" in reply) {
    // Only sent with a stored page's ETag, so `stored` is set.
    const fetchedAt = (await touchMyVideosPage({ userId, pageKey, feedSignature })) ?? new Date();
    return withFlags(stored!.body, stored!.importedIds, fetchedAt);
  }
  const body = reply === null ? EMPTY_PAGE : await withVideoDetails(reply, client);
  const saved = await saveMyVideosPage({
    userId,
    pageKey,
    youtubeChannelId: connection.youtubeChannelId,
    etag: reply?.etag ?? null,
    feedSignature,
    body,
  });
  return withFlags(body, saved.importedIds, saved.fetchedAt);
}

/** Which stored page: the user's, by page key, of this channel; the first of the uploads list or a later one. */
type StoredPageRef = { userId: string; pageKey: string; isFirstPage: boolean; youtubeChannelId: string };

/**
 * An aged stored page answered from the channel's feed, for no unit: as it is when the feed shows what it
 * showed before or nothing that concerns the page, with the feed's changes when it can describe them
 * (merge-feed-into-page.ts). Null when the Data API must be asked.
 */
async function answerFromFeed(
  { userId, pageKey, isFirstPage, youtubeChannelId }: StoredPageRef,
  stored: NonNullable<MyVideosPageRead["page"]>,
  feed: FeedRead,
  logger: Logger,
): Promise<ReturnType<typeof withFlags> | null> {
  const merge =
    feed.signature === stored.feedSignature
      ? ({ outcome: "unchanged" } as const)
      : mergeFeedIntoPage(stored.body, feed, { isFirstPage });
  if (merge.outcome === "revalidate") {
    logger.debug({ reason: merge.reason }, "youtube.my_videos_feed_needs_revalidation");
    return null;
  }
  if (merge.outcome === "unchanged") {
    const fetchedAt = (await touchMyVideosPage({ userId, pageKey, feedSignature: feed.signature })) ?? new Date();
    return withFlags(stored.body, stored.importedIds, fetchedAt);
  }
  logger.debug({ added: merge.added, updated: merge.updated }, "youtube.my_videos_merged_from_feed");
  const body = merge.added > 0 ? await withProjectDurations(userId, merge.body) : merge.body;
  // YouTube never gave this version of the page, so it has no ETag.
  const saved = await saveMyVideosPage({
    userId,
    pageKey,
    youtubeChannelId,
    etag: null,
    feedSignature: feed.signature,
    body,
  });
  return withFlags(body, saved.importedIds, saved.fetchedAt);
}

/**
 * The feed gives no duration. A new upload the user already has as a project (following their own channel
 * imports each upload) takes the project's, read from the Data API when it was imported.
 */
async function withProjectDurations(userId: string, body: MyVideosPageBody): Promise<MyVideosPageBody> {
  const missing = body.items.filter((item) => item.durationSeconds === null).map((item) => item.videoId);
  if (missing.length === 0) return body;
  const durations = await projectDurations({ userId, videoIds: missing });
  if (durations.size === 0) return body;
  return {
    ...body,
    items: body.items.map((item) => ({
      ...item,
      durationSeconds: item.durationSeconds ?? durations.get(item.videoId) ?? null,
    })),
  };
}

/** The channel's public feed (no quota) and its signature: its videos and their titles, hashed. */
type FeedRead = FeedForMerge & { signature: string };

/**
 * The channel's public feed, or null when YouTube cannot give it (an outage, an open breaker, a reply that
 * is not a feed) or the channel has none: then nothing is vouched for, and the Data API decides. Any other
 * error is a bug, and is not hidden.
 */
async function readFeed(client: YouTubeClient, channelId: string, logger: Logger): Promise<FeedRead | null> {
  let reply: Awaited<ReturnType<YouTubeClient["getFeed"]>>;
  try {
    reply = await client.getFeed({ channelId });
  } catch (error) {
    if (!isAppError(error) && !(error instanceof YouTubeApiError)) throw error;
    logger.debug({ err: error }, "youtube.my_videos_feed_unreadable");
    return null;
  }
  if (reply.status !== "ok") return null;
  const { entries, deletedVideoIds } = reply.feed;
  const hash = createHash("sha256");
  for (const entry of entries) hash.update(`${entry.videoId}\u0000${entry.title}\u0000`);
  return { entries, deletedVideoIds, signature: hash.digest("base64url") };
}

/** The grid's fields for each upload: videos.list's details (1 unit per ≤ 50 ids) over the playlist entry. */
async function withVideoDetails(
  page: UploadsPage,
  client: ReturnType<typeof createDefaultYouTubeClient>,
): Promise<MyVideosPageBody> {
  const { videos } = await client.getVideos({ ids: page.items.map((item) => item.videoId), asUser: true });
  const details = new Map(videos.map((video) => [video.id, video]));
  return {
    items: page.items.map((item) => {
      const video = details.get(item.videoId);
      return {
        videoId: item.videoId,
        title: video?.title ?? item.title,
        thumbnailUrl: video?.thumbnailUrl ?? null,
        durationSeconds: video?.durationSeconds ?? null,
        viewCount: video?.viewCount ?? null,
        publishedAt: video?.publishedAt ?? item.publishedAt,
        kind: video?.kind ?? "video",
        privacyStatus: video?.privacyStatus ?? null,
      };
    }),
    nextPageToken: page.nextPageToken,
    prevPageToken: page.prevPageToken,
    totalResults: page.totalResults,
  };
}

function withFlags(body: MyVideosPageBody, importedIds: ReadonlySet<string>, fetchedAt: Date) {
  return {
    items: body.items.map((item) => ({ ...item, alreadyImported: importedIds.has(item.videoId) })),
    nextPageToken: body.nextPageToken,
    prevPageToken: body.prevPageToken,
    totalResults: body.totalResults,
    fetchedAt,
  };
}
