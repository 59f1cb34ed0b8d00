/**
 * The emulator's own records of channels and videos. Routes render these into Google's shapes
 * (resources.ts, feed-xml.ts); the control API returns them almost as they are. Times are epoch ms.
 */

export const VIDEO_KINDS = ["video", "short", "live", "upcoming", "ended_stream"] as const;
export type VideoKind = (typeof VIDEO_KINDS)[number];

export const PRIVACY_STATUSES = ["public", "unlisted", "private"] as const;
export type PrivacyStatus = (typeof PRIVACY_STATUSES)[number];

export type ChannelOrigin = "demo" | "custom" | "generated";

/**
 * How Google answers the uploads playlist of a channel that never published: both are seen in the
 * wild. `playlistNotFound` is a 404; `emptyList` is a 200 with `items: []` and `resultsPerPage: 0`.
 */
export const EMPTY_UPLOADS_REPLIES = ["playlistNotFound", "emptyList"] as const;
export type EmptyUploadsReply = (typeof EMPTY_UPLOADS_REPLIES)[number];

export interface VideoRecord {
  id: string;
  channelId: string;
  kind: VideoKind;
  privacy: PrivacyStatus;
  isDeleted: boolean;
  title: string;
  description: string;
  tags: string[];
  categoryId: string;
  /** Upload (or scheduling) time: snippet.publishedAt and the playlist item's time. */
  publishedAtMs: number;
  /** Last metadata change, the feed entry's <updated>. */
  updatedAtMs: number;
  /** Real length; ignored (P0D) while live or upcoming. */
  durationSeconds: number;
  definition: "hd" | "sd";
  hasCaption: boolean;
  isLicensedContent: boolean;
  hasStandardThumbnail: boolean;
  hasMaxresThumbnail: boolean;
  viewCount: number;
  likeCount: number;
  commentCount: number;
  isLikeCountHidden: boolean;
  areCommentsDisabled: boolean;
  /** status.madeForKids: YouTube's "made for kids" designation. */
  isMadeForKids: boolean;
  scheduledStartMs?: number;
  actualStartMs?: number;
  actualEndMs?: number;
  concurrentViewers?: number;
}

export interface ChannelRecord {
  id: string;
  origin: ChannelOrigin;
  title: string;
  description: string;
  /** With the leading "@", lower case: what snippet.customUrl shows. */
  handle: string;
  publishedAtMs: number;
  country?: string;
  subscriberCount: number;
  isSubscriberCountHidden: boolean;
  /** Terminated channels vanish from channels.list, their uploads 404 and their feed 404s. */
  isTerminated: boolean;
  /** The uploads playlist's answer while the channel has no uploads at all (default playlistNotFound). */
  emptyUploadsReply?: EmptyUploadsReply;
  /** Newest first, including private and deleted ones (the playlist shows placeholders for them). */
  videos: VideoRecord[];
  /** Bumped on every mutation so the feed's Last-Modified moves even when an entry disappears. */
  modifiedAtMs: number;
}

export function uploadsPlaylistIdOf(channelId: string): string {
  return `UU${channelId.slice(2)}`;
}

export function channelIdOfUploadsPlaylist(playlistId: string): string | null {
  return /^UU[A-Za-z0-9_-]{22}$/.test(playlistId) ? `UC${playlistId.slice(2)}` : null;
}

/** Inserts keeping newest-first order; on a tie the newer insert goes first (a fresh upload). */
export function insertVideoNewestFirst(videos: VideoRecord[], video: VideoRecord): void {
  const index = videos.findIndex((existing) => existing.publishedAtMs <= video.publishedAtMs);
  if (index === -1) videos.push(video);
  else videos.splice(index, 0, video);
}
