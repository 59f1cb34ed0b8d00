/**
 * Turns parsed YouTube replies into Showreel's records. Absent things become null (hidden likes, missing
 * thumbnails); things that are present but unreadable (a malformed duration or date) throw
 * VideoParseError, which callers report per video — never a silent default.
 */
import { pickBestThumbnail } from "~/lib/thumbnails/pick-best-thumbnail";
import type { ChannelItem, PlaylistItemListReply, VideoItem } from "./schemas";

export type VideoKind = "video" | "short" | "live" | "upcoming";
export type PrivacyStatus = "public" | "unlisted" | "private";

export type YouTubeVideo = {
  id: string;
  channelId: string;
  channelTitle: string | null;
  title: string;
  description: string;
  publishedAt: Date;
  /** null while live/upcoming (`P0D`) — unknown, not zero. */
  durationSeconds: number | null;
  kind: VideoKind;
  thumbnailUrl: string | null;
  viewCount: number | null;
  likeCount: number | null;
  commentCount: number | null;
  privacyStatus: PrivacyStatus | null;
  /** status.madeForKids: YouTube's "made for kids" designation; null when the reply does not say. */
  madeForKids: boolean | null;
  tags: string[];
  live: {
    scheduledStartAt: Date | null;
    startedAt: Date | null;
    endedAt: Date | null;
    concurrentViewers: number | null;
  } | null;
};

export type YouTubeChannel = {
  id: string;
  title: string;
  description: string;
  handle: string | null;
  uploadsPlaylistId: string | null;
  thumbnailUrl: string | null;
  subscriberCount: number | null;
  videoCount: number | null;
};

export type UploadsPageItem = { videoId: string; title: string; publishedAt: Date | null };

export type UploadsPage = {
  items: UploadsPageItem[];
  /** Private and deleted entries are skipped (their ids would only be dropped by videos.list). */
  skipped: { private: number; deleted: number };
  nextPageToken: string | null;
  prevPageToken: string | null;
  totalResults: number | null;
  etag: string | null;
};

export class VideoParseError extends Error {
  constructor(
    readonly videoId: string,
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`video ${videoId}: cannot read ${field} ${JSON.stringify(value)?.slice(0, 80)}`);
    this.name = "VideoParseError";
  }
}

/** Longest Short YouTube allows (3 minutes since October 2024). */
export const MAX_SHORT_SECONDS = 180;
/** Before that, Shorts were ≤ 60 s; anything that short is almost always a Short. */
export const CERTAIN_SHORT_SECONDS = 60;

/** parseIsoDuration's only failure: the caller attaches the video id (VideoParseError). */
export class DurationParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DurationParseError";
  }
}

/** `Project.durationSeconds` is a Postgres integer (2^31 − 1 s, about 68 years). */
export const MAX_DURATION_SECONDS = 2_147_483_647;

const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * ISO 8601 duration → whole seconds: `PT21M3S`, `PT1H`, `P1DT2H3M4S`, `P2W`. `P0D`/`PT0S` (live, upcoming,
 * processing) → null. Anything else throws (caller attaches the video id).
 */
export function parseIsoDuration(value: string): number | null {
  const match = ISO_DURATION.exec(value);
  if (!match || value === "P")
    throw new DurationParseError(`not an ISO 8601 duration: ${JSON.stringify(value.slice(0, 40))}`);
  const [, weeks, days, hours, minutes, seconds] = match;
  const total =
    Number(weeks ?? 0) * 604_800 +
    Number(days ?? 0) * 86_400 +
    Number(hours ?? 0) * 3_600 +
    Number(minutes ?? 0) * 60 +
    Math.round(Number(seconds ?? 0));
  // Digits alone can spell Infinity ("P9…9D"); an unreadable length must not reach the database as one.
  if (!Number.isSafeInteger(total) || total > MAX_DURATION_SECONDS) {
    throw new DurationParseError(`ISO 8601 duration out of range: ${JSON.stringify(value.slice(0, 40))}`);
  }
  return total === 0 ? null : total;
}

function parseCount(value: string | undefined): number | null {
  if (value === undefined) return null;
  const count = Number(value);
  return Number.isSafeInteger(count) ? count : null;
}

function parseDate(videoId: string, field: string, value: string | undefined): Date | null {
  if (value === undefined) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new VideoParseError(videoId, field, value);
  return date;
}

const SHORTS_TAG = /#shorts?\b/i;

/**
 * The Data API has no Shorts flag. A feed link (`/shorts/ID`) is authoritative when the caller has one;
 * otherwise: ≤ 60 s, or ≤ 3 min with a #shorts tag. Live state comes from liveBroadcastContent and
 * liveStreamingDetails (an ended stream stays "live" content).
 */
export function classifyKind(input: {
  liveBroadcastContent: string | undefined;
  hasLiveDetails: boolean;
  durationSeconds: number | null;
  text: string;
  isShortHint?: boolean | undefined;
}): VideoKind {
  if (input.liveBroadcastContent === "upcoming") return "upcoming";
  if (input.liveBroadcastContent === "live" || input.hasLiveDetails) return "live";
  if (input.isShortHint === true) return "short";
  if (input.isShortHint === false || input.durationSeconds === null) return "video";
  if (input.durationSeconds <= CERTAIN_SHORT_SECONDS) return "short";
  if (input.durationSeconds <= MAX_SHORT_SECONDS && SHORTS_TAG.test(input.text)) return "short";
  return "video";
}

const PRIVACY: ReadonlySet<string> = new Set(["public", "unlisted", "private"]);

/** Needs parts snippet + contentDetails; statistics, status and liveStreamingDetails are used when present. */
export function normalizeVideo(item: VideoItem, options: { isShortHint?: boolean } = {}): YouTubeVideo {
  const { snippet } = item;
  if (!snippet) throw new VideoParseError(item.id, "snippet", undefined);
  const publishedAt = parseDate(item.id, "snippet.publishedAt", snippet.publishedAt);
  if (!publishedAt) throw new VideoParseError(item.id, "snippet.publishedAt", undefined);
  let durationSeconds: number | null = null;
  const rawDuration = item.contentDetails?.duration;
  if (rawDuration !== undefined) {
    try {
      durationSeconds = parseIsoDuration(rawDuration);
    } catch {
      throw new VideoParseError(item.id, "contentDetails.duration", rawDuration);
    }
  }
  const description = snippet.description ?? "";
  const tags = snippet.tags ?? [];
  const live = item.liveStreamingDetails;
  const privacy = item.status?.privacyStatus;
  return {
    id: item.id,
    channelId: snippet.channelId,
    channelTitle: snippet.channelTitle ?? null,
    title: snippet.title,
    description,
    publishedAt,
    durationSeconds,
    kind: classifyKind({
      liveBroadcastContent: snippet.liveBroadcastContent,
      hasLiveDetails: live !== undefined,
      durationSeconds,
      text: `${snippet.title}\n${description}\n${tags.join(" ")}`,
      isShortHint: options.isShortHint,
    }),
    thumbnailUrl: pickBestThumbnail(snippet.thumbnails),
    viewCount: parseCount(item.statistics?.viewCount),
    likeCount: parseCount(item.statistics?.likeCount),
    commentCount: parseCount(item.statistics?.commentCount),
    privacyStatus: privacy && PRIVACY.has(privacy) ? (privacy as PrivacyStatus) : null,
    madeForKids: item.status?.madeForKids ?? null,
    tags,
    live: live
      ? {
          scheduledStartAt: parseDate(item.id, "liveStreamingDetails.scheduledStartTime", live.scheduledStartTime),
          startedAt: parseDate(item.id, "liveStreamingDetails.actualStartTime", live.actualStartTime),
          endedAt: parseDate(item.id, "liveStreamingDetails.actualEndTime", live.actualEndTime),
          concurrentViewers: parseCount(live.concurrentViewers),
        }
      : null,
  };
}

export function normalizeChannel(item: ChannelItem): YouTubeChannel {
  const customUrl = item.snippet?.customUrl;
  return {
    id: item.id,
    title: item.snippet?.title ?? "",
    description: item.snippet?.description ?? "",
    handle: customUrl ? customUrl.replace(/^@/, "").toLowerCase() : null,
    uploadsPlaylistId: item.contentDetails?.relatedPlaylists?.uploads || null,
    thumbnailUrl: pickBestThumbnail(item.snippet?.thumbnails),
    subscriberCount: item.statistics?.hiddenSubscriberCount ? null : parseCount(item.statistics?.subscriberCount),
    videoCount: parseCount(item.statistics?.videoCount),
  };
}

const PRIVATE_TITLE = "Private video";
const DELETED_TITLE = "Deleted video";

/** One uploads-playlist page: usable entries plus counts of the private/deleted ones skipped. */
export function normalizeUploadsPage(reply: PlaylistItemListReply): UploadsPage {
  const items: UploadsPageItem[] = [];
  const skipped = { private: 0, deleted: 0 };
  for (const entry of reply.items ?? []) {
    const videoId = entry.contentDetails?.videoId ?? entry.snippet.resourceId?.videoId;
    // Unavailable entries carry no owner and no videoPublishedAt; their title says which kind they are.
    const isUnavailable = !entry.snippet.videoOwnerChannelId && !entry.contentDetails?.videoPublishedAt;
    if (isUnavailable && entry.snippet.title === DELETED_TITLE) {
      skipped.deleted += 1;
      continue;
    }
    if ((isUnavailable && entry.snippet.title === PRIVATE_TITLE) || !videoId) {
      skipped.private += 1;
      continue;
    }
    const published = entry.contentDetails?.videoPublishedAt ?? entry.snippet.publishedAt;
    const publishedAt = published ? new Date(published) : null;
    if (publishedAt && Number.isNaN(publishedAt.getTime()))
      throw new VideoParseError(videoId, "videoPublishedAt", published);
    items.push({ videoId, title: entry.snippet.title, publishedAt });
  }
  return {
    items,
    skipped,
    nextPageToken: reply.nextPageToken ?? null,
    prevPageToken: reply.prevPageToken ?? null,
    totalResults: reply.pageInfo?.totalResults ?? null,
    etag: reply.etag ?? null,
  };
}
