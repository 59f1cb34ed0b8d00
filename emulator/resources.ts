/**
 * Renders records into Data API resources, key for key and in the order of the recorded samples
 * (shared/youtube-samples): counts as strings, likeCount/commentCount absent when hidden, ISO 8601
 * durations with P0D while live or upcoming, thumbnails that may lack standard/maxres, and the
 * "Private video" / "Deleted video" playlist placeholders.
 */
import { etagOf, hashParts } from "./random.ts";
import { uploadsPlaylistIdOf, type ChannelRecord, type VideoRecord } from "./records.ts";

type Json = Record<string, unknown>;

/** Current Google timestamps carry no milliseconds. */
export function toGoogleTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** PT#H#M#S with zero parts left out, P#DT… from one day, P0D for "no length yet". */
export function toIsoDuration(totalSeconds: number): string {
  if (totalSeconds <= 0) return "P0D";
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const time = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds ? `${seconds}S` : ""}`;
  return `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
}

/** Adds `etag` right after `kind`, hashed over everything else, as Google orders it. */
function withEtag(kind: string, body: Json): Json {
  return { kind, etag: etagOf(body), ...body };
}

function isLiveOrUpcoming(video: VideoRecord): boolean {
  return video.kind === "live" || video.kind === "upcoming";
}

const VIDEO_THUMBNAIL_SIZES = [
  ["default", "default", 120, 90],
  ["medium", "mqdefault", 320, 180],
  ["high", "hqdefault", 480, 360],
  ["standard", "sddefault", 640, 480],
  ["maxres", "maxresdefault", 1280, 720],
] as const;

export function videoThumbnails(video: VideoRecord, options: { isSearchResult?: boolean } = {}): Json {
  const suffix = isLiveOrUpcoming(video) ? "_live" : "";
  const thumbnails: Json = {};
  for (const [key, file, width, height] of VIDEO_THUMBNAIL_SIZES) {
    if (key === "standard" && (options.isSearchResult || !video.hasStandardThumbnail)) continue;
    if (key === "maxres" && (options.isSearchResult || !video.hasMaxresThumbnail)) continue;
    thumbnails[key] = { url: `https://i.ytimg.com/vi/${video.id}/${file}${suffix}.jpg`, width, height };
  }
  return thumbnails;
}

function channelThumbnails(channel: ChannelRecord): Json {
  const image = hashParts("channel-avatar", channel.id).toString("base64url");
  const thumbnails: Json = {};
  for (const [key, size] of [
    ["default", 88],
    ["medium", 240],
    ["high", 800],
  ] as const) {
    thumbnails[key] = {
      url: `https://yt3.ggpht.com/${image}=s${size}-c-k-c0x00ffffff-no-rj`,
      width: size,
      height: size,
    };
  }
  return thumbnails;
}

function liveBroadcastContent(video: VideoRecord): "live" | "upcoming" | "none" {
  return video.kind === "live" ? "live" : video.kind === "upcoming" ? "upcoming" : "none";
}

/** Looks like Google's: base64 of a small protobuf wrapping the video id. */
function liveChatIdOf(videoId: string): string {
  return Buffer.concat([Buffer.from([0x0a, 0x0d, 0x0a, 0x0b]), Buffer.from(videoId)])
    .toString("base64")
    .replace(/=+$/, "");
}

function liveStreamingDetails(video: VideoRecord): Json | null {
  const time = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : toGoogleTime(ms));
  switch (video.kind) {
    case "live":
      return {
        actualStartTime: time(video.actualStartMs),
        scheduledStartTime: time(video.scheduledStartMs),
        concurrentViewers: String(video.concurrentViewers ?? 0),
        activeLiveChatId: liveChatIdOf(video.id),
      };
    case "upcoming":
      return { scheduledStartTime: time(video.scheduledStartMs), activeLiveChatId: liveChatIdOf(video.id) };
    case "ended_stream":
      return {
        actualStartTime: time(video.actualStartMs),
        actualEndTime: time(video.actualEndMs),
        scheduledStartTime: time(video.scheduledStartMs),
      };
    default:
      return null;
  }
}

/** Video parts the emulator renders; Google's other valid parts are accepted and left out. */
export const RENDERED_VIDEO_PARTS = [
  "id",
  "snippet",
  "contentDetails",
  "status",
  "statistics",
  "liveStreamingDetails",
] as const;
export const VALID_VIDEO_PARTS: ReadonlySet<string> = new Set([
  ...RENDERED_VIDEO_PARTS,
  "fileDetails",
  "localizations",
  "paidProductPlacementDetails",
  "player",
  "processingDetails",
  "recordingDetails",
  "suggestions",
  "topicDetails",
]);

export function renderVideo(video: VideoRecord, channel: ChannelRecord, parts: ReadonlySet<string>): Json {
  const body: Json = { id: video.id };
  if (parts.has("snippet")) {
    const snippet: Json = {
      publishedAt: toGoogleTime(video.publishedAtMs),
      channelId: channel.id,
      title: video.title,
      description: video.description,
      thumbnails: videoThumbnails(video),
      channelTitle: channel.title,
    };
    if (video.tags.length > 0) snippet.tags = video.tags;
    snippet.categoryId = video.categoryId;
    snippet.liveBroadcastContent = liveBroadcastContent(video);
    snippet.localized = { title: video.title, description: video.description };
    body.snippet = snippet;
  }
  if (parts.has("contentDetails")) {
    body.contentDetails = {
      duration: isLiveOrUpcoming(video) ? "P0D" : toIsoDuration(video.durationSeconds),
      dimension: "2d",
      definition: video.definition,
      caption: video.hasCaption ? "true" : "false",
      licensedContent: video.isLicensedContent,
      contentRating: {},
      projection: "rectangular",
    };
  }
  if (parts.has("status")) {
    body.status = {
      uploadStatus: isLiveOrUpcoming(video) ? "uploaded" : "processed",
      privacyStatus: video.privacy,
      license: "youtube",
      embeddable: true,
      publicStatsViewable: true,
      madeForKids: video.isMadeForKids,
    };
  }
  if (parts.has("statistics")) {
    const statistics: Json = { viewCount: String(video.viewCount) };
    if (!video.isLikeCountHidden) statistics.likeCount = String(video.likeCount);
    statistics.favoriteCount = "0";
    if (!video.areCommentsDisabled) statistics.commentCount = String(video.commentCount);
    body.statistics = statistics;
  }
  if (parts.has("liveStreamingDetails")) {
    const details = liveStreamingDetails(video);
    if (details) body.liveStreamingDetails = details;
  }
  return withEtag("youtube#video", body);
}

export const VALID_CHANNEL_PARTS: ReadonlySet<string> = new Set([
  "id",
  "snippet",
  "contentDetails",
  "statistics",
  "status",
  "auditDetails",
  "brandingSettings",
  "contentOwnerDetails",
  "localizations",
  "topicDetails",
]);

export function renderChannel(channel: ChannelRecord, parts: ReadonlySet<string>): Json {
  const body: Json = { id: channel.id };
  if (parts.has("snippet")) {
    const snippet: Json = {
      title: channel.title,
      description: channel.description,
      customUrl: channel.handle,
      publishedAt: toGoogleTime(channel.publishedAtMs),
      thumbnails: channelThumbnails(channel),
      localized: { title: channel.title, description: channel.description },
    };
    if (channel.country) snippet.country = channel.country;
    body.snippet = snippet;
  }
  if (parts.has("contentDetails")) {
    // `likes` is "" for most channels in current replies; favorites/watch history are gone.
    body.contentDetails = { relatedPlaylists: { likes: "", uploads: uploadsPlaylistIdOf(channel.id) } };
  }
  if (parts.has("statistics")) {
    const publicVideos = channel.videos.filter((video) => video.privacy === "public" && !video.isDeleted);
    const statistics: Json = { viewCount: String(publicVideos.reduce((sum, video) => sum + video.viewCount, 0)) };
    if (!channel.isSubscriberCountHidden) statistics.subscriberCount = String(channel.subscriberCount);
    statistics.hiddenSubscriberCount = channel.isSubscriberCountHidden;
    statistics.videoCount = String(publicVideos.length);
    body.statistics = statistics;
  }
  if (parts.has("status")) {
    body.status = {
      privacyStatus: "public",
      isLinked: true,
      longUploadsStatus: "longUploadsUnspecified",
      madeForKids: false,
    };
  }
  return withEtag("youtube#channel", body);
}

export const VALID_PLAYLIST_ITEM_PARTS: ReadonlySet<string> = new Set(["id", "snippet", "contentDetails", "status"]);

/** How a playlist entry looks to this caller: the full item, or Google's placeholder. */
export type PlaylistEntryView = "full" | "private" | "deleted";

const PLACEHOLDERS = {
  private: { title: "Private video", description: "This video is private.", privacyStatus: "private" },
  deleted: {
    title: "Deleted video",
    description: "This video is unavailable.",
    privacyStatus: "privacyStatusUnspecified",
  },
} as const;

export function playlistItemIdOf(playlistId: string, videoId: string): string {
  return Buffer.from(`${playlistId}.${videoId}`).toString("base64");
}

export function renderPlaylistItem(
  channel: ChannelRecord,
  video: VideoRecord,
  position: number,
  view: PlaylistEntryView,
  parts: ReadonlySet<string>,
): Json {
  const playlistId = uploadsPlaylistIdOf(channel.id);
  const placeholder = view === "full" ? null : PLACEHOLDERS[view];
  const body: Json = { id: playlistItemIdOf(playlistId, video.id) };
  if (parts.has("snippet")) {
    const snippet: Json = {
      publishedAt: toGoogleTime(video.publishedAtMs),
      channelId: channel.id,
      title: placeholder?.title ?? video.title,
      description: placeholder?.description ?? video.description,
      thumbnails: placeholder ? {} : videoThumbnails(video),
      channelTitle: channel.title,
      playlistId,
      position,
      resourceId: { kind: "youtube#video", videoId: video.id },
    };
    if (!placeholder) {
      snippet.videoOwnerChannelTitle = channel.title;
      snippet.videoOwnerChannelId = channel.id;
    }
    body.snippet = snippet;
  }
  if (parts.has("contentDetails")) {
    body.contentDetails = placeholder
      ? { videoId: video.id }
      : { videoId: video.id, videoPublishedAt: toGoogleTime(video.publishedAtMs) };
  }
  if (parts.has("status")) body.status = { privacyStatus: placeholder?.privacyStatus ?? video.privacy };
  return withEtag("youtube#playlistItem", body);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** search.list snippets are HTML-escaped and carry only default/medium/high thumbnails. */
export function renderSearchResult(video: VideoRecord, channel: ChannelRecord): Json {
  const publishedAt = toGoogleTime(video.publishedAtMs);
  return withEtag("youtube#searchResult", {
    id: { kind: "youtube#video", videoId: video.id },
    snippet: {
      publishedAt,
      channelId: channel.id,
      title: escapeHtml(video.title),
      description: escapeHtml(video.description.slice(0, 160)),
      thumbnails: videoThumbnails(video, { isSearchResult: true }),
      channelTitle: escapeHtml(channel.title),
      liveBroadcastContent: liveBroadcastContent(video),
      publishTime: publishedAt,
    },
  });
}
