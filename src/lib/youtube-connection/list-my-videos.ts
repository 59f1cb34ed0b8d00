/**
 * My Videos: one page of the connected channel's uploads with what the grid shows, and whether each video
 * is already a project — from ONE indexed query for the whole page, never one per video. 2 units per page
 * (playlistItems + videos). An unchanged page is revalidated with its ETag and its video details reused,
 * which costs the playlist call only.
 */
import { AppError } from "~/lib/errors";
import { tokenProviderFor } from "~/lib/google-oauth/get-access-token";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import type { UploadsPage, YouTubeVideo } from "~/lib/youtube/normalize";
import { uploadsPlaylistIdOf } from "~/lib/youtube/parse-youtube-url";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";

/** Pages kept per web process for ETag revalidation; small, since each entry is one screenful. */
export const MY_VIDEOS_CACHE_ENTRIES = 500;

type CachedPage = { etag: string; page: UploadsPage; videos: YouTubeVideo[] };
const globalForCache = globalThis as unknown as { showreelMyVideosCache?: Map<string, CachedPage> };
const cache = (globalForCache.showreelMyVideosCache ??= new Map());

function remember(key: string, entry: CachedPage) {
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > MY_VIDEOS_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
}

export async function listMyVideos({
  userId,
  pageToken,
  pageSize,
  logger,
}: {
  userId: string;
  pageToken?: string | null | undefined;
  pageSize: number;
  logger: Logger;
}) {
  const connection = await db.youTubeConnection.findUnique({ where: { userId }, select: { id: true, status: true, youtubeChannelId: true } });
  if (!connection || connection.status !== "active") {
    throw new AppError("RECONNECT_REQUIRED", connection ? "YouTube access has expired. Reconnect to see your videos." : "Connect YouTube to see your videos.");
  }
  const client = createDefaultYouTubeClient({ logger, purpose: "interactive", userId, getAccessToken: tokenProviderFor(connection.id, logger) });
  const playlistId = uploadsPlaylistIdOf(connection.youtubeChannelId);
  const cacheKey = `${userId}:${playlistId}:${pageToken ?? ""}:${pageSize}`;
  const cached = cache.get(cacheKey);

  let page: UploadsPage;
  let videos: YouTubeVideo[];
  try {
    const reply = await client.listUploadsPage({ playlistId, pageToken, pageSize, etag: cached?.etag, asUser: true });
    if ("notModified" in reply && cached) {
      ({ page, videos } = cached);
    } else if ("notModified" in reply) {
      throw new Error("304 without a cached page");
    } else {
      page = reply;
      videos = (await client.getVideos({ ids: page.items.map((item) => item.videoId), asUser: true })).videos;
      if (page.etag) remember(cacheKey, { etag: page.etag, page, videos });
    }
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      return { items: [], nextPageToken: null, prevPageToken: null, totalResults: 0 };
    }
    throw error;
  }

  const ids = page.items.map((item) => item.videoId);
  const imported = new Set(
    (await db.project.findMany({ where: { userId, youtubeVideoId: { in: ids } }, select: { youtubeVideoId: true } })).map(
      (project) => project.youtubeVideoId,
    ),
  );
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
        alreadyImported: imported.has(item.videoId),
      };
    }),
    nextPageToken: page.nextPageToken,
    prevPageToken: page.prevPageToken,
    totalResults: page.totalResults,
  };
}
