/**
 * Where channels and videos live: the demo channel, channels created through the control API, and
 * the generated world. Generated channels are materialized on first use into a bounded LRU cache;
 * the moment one is mutated (publish, delete, privacy change) it is "pinned" (moved out of the
 * cache and kept), so mutations persist while untouched channels stay free. Mutations emit change
 * events, which the WebSub hub (websub/hub.ts) turns into pushes.
 */
import { createDemoChannel } from "./demo-world.ts";
import { CHANNEL_ID_PATTERN, VIDEO_ID_PATTERN, channelIdFromBytes, hashParts, videoIdFromBytes } from "./random.ts";
import {
  insertVideoNewestFirst,
  type ChannelRecord,
  type EmptyUploadsReply,
  type PrivacyStatus,
  type VideoKind,
  type VideoRecord,
} from "./records.ts";
import type { GeneratedWorld } from "./world.ts";

/** Materialized-but-untouched generated videos kept in memory (~0.5 KB each). */
export const DEFAULT_MAX_CACHED_VIDEOS = 50_000;
/** YouTube Shorts were capped at 60 s, which is what the issue asks the emulator to model. */
export const MAX_SHORT_DURATION_SECONDS = 60;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type CatalogErrorCode = "not_found" | "conflict" | "invalid";

export class CatalogError extends Error {
  constructor(
    readonly code: CatalogErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CatalogError";
  }
}

export interface CatalogChange {
  type: "video.published" | "video.updated" | "video.deleted" | "channel.updated";
  channelId: string;
  videoId?: string;
  /** video.updated only: what the push-relevant fields were before the change. */
  previous?: Pick<VideoRecord, "privacy" | "title" | "description">;
}

export interface CreateChannelInput {
  id?: string;
  title: string;
  handle?: string;
  description?: string;
  publishedAtMs?: number;
  country?: string;
  subscriberCount?: number;
  isSubscriberCountHidden?: boolean;
  isTerminated?: boolean;
  emptyUploadsReply?: EmptyUploadsReply;
}

export interface ChannelPatch {
  title?: string;
  description?: string;
  isTerminated?: boolean;
  subscriberCount?: number;
}

export interface CreateVideoInput {
  id?: string;
  kind: VideoKind;
  privacy: PrivacyStatus;
  isDeleted?: boolean;
  title?: string;
  description?: string;
  tags?: string[];
  publishedAtMs?: number;
  durationSeconds?: number;
  hasMaxresThumbnail?: boolean;
  hasStandardThumbnail?: boolean;
  isLikeCountHidden?: boolean;
  areCommentsDisabled?: boolean;
  isMadeForKids?: boolean;
  viewCount?: number;
  likeCount?: number;
  commentCount?: number;
  scheduledStartMs?: number;
  concurrentViewers?: number;
}

export interface VideoPatch {
  kind?: VideoKind;
  privacy?: PrivacyStatus;
  title?: string;
  description?: string;
  viewCount?: number;
  likeCount?: number;
  commentCount?: number;
  isLikeCountHidden?: boolean;
  areCommentsDisabled?: boolean;
  isMadeForKids?: boolean;
  hasMaxresThumbnail?: boolean;
  hasStandardThumbnail?: boolean;
}

const DEFAULT_DURATION_SECONDS: Record<VideoKind, number> = {
  video: 600,
  short: 30,
  live: 0,
  upcoming: 0,
  ended_stream: 7200,
};

export class Catalog {
  // Demo, custom and mutated generated channels: kept for the life of the state.
  private readonly pinnedChannels = new Map<string, ChannelRecord>();
  private readonly pinnedVideos = new Map<string, VideoRecord>();
  private readonly handles = new Map<string, string>();
  // Untouched generated channels, least recently used first.
  private readonly cache = new Map<number, ChannelRecord>();
  private cachedVideoCount = 0;
  private createdVideos = 0;
  private createdChannels = 0;
  private readonly listeners = new Set<(change: CatalogChange) => void>();

  constructor(
    readonly world: GeneratedWorld,
    private readonly options: { seed: string; now: () => number; maxCachedVideos?: number },
  ) {
    this.pin(createDemoChannel(world.anchorMs));
  }

  onChange(listener: (change: CatalogChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Any channel by id, terminated ones included (callers decide what a terminated channel shows). */
  findChannel(channelId: string): ChannelRecord | null {
    const pinned = this.pinnedChannels.get(channelId);
    if (pinned) return pinned;
    const index = this.world.findChannelIndex(channelId);
    return index === null ? null : this.loadGenerated(index);
  }

  /** By handle, with or without "@", any case. */
  findChannelByHandle(handle: string): ChannelRecord | null {
    const normalized = normalizeHandle(handle);
    const pinnedId = this.handles.get(normalized);
    if (pinnedId) return this.pinnedChannels.get(pinnedId) ?? null;
    const index = this.world.findHandleIndex(normalized);
    return index === null ? null : this.findChannel(this.world.channelIdAt(index));
  }

  findVideo(videoId: string): VideoRecord | null {
    const pinned = this.pinnedVideos.get(videoId);
    if (pinned) return pinned;
    const decoded = this.world.decodeVideoId(videoId);
    if (!decoded) return null;
    // A pinned generated channel holds its own (possibly changed) copy, already in pinnedVideos.
    if (this.pinnedChannels.has(this.world.channelIdAt(decoded.channelIndex))) return null;
    const video = this.loadGenerated(decoded.channelIndex).videos[decoded.videoIndex];
    return video?.id === videoId ? video : null;
  }

  createChannel(input: CreateChannelInput): ChannelRecord {
    const id = input.id ?? this.nextChannelId();
    if (!CHANNEL_ID_PATTERN.test(id))
      throw new CatalogError("invalid", `channel id ${id} is not "UC" + 22 base64url characters`);
    if (this.findChannel(id)) throw new CatalogError("conflict", `channel ${id} already exists`);
    const handle = input.handle === undefined ? this.defaultHandle(input.title) : normalizeHandle(input.handle);
    this.assertHandleAvailable(handle);
    const now = this.options.now();
    const channel: ChannelRecord = {
      id,
      origin: "custom",
      title: input.title,
      description: input.description ?? "",
      handle: `@${handle}`,
      publishedAtMs: input.publishedAtMs ?? now - 365 * DAY_MS,
      ...(input.country ? { country: input.country } : {}),
      subscriberCount: input.subscriberCount ?? 0,
      isSubscriberCountHidden: input.isSubscriberCountHidden ?? false,
      isTerminated: input.isTerminated ?? false,
      emptyUploadsReply: input.emptyUploadsReply ?? "playlistNotFound",
      videos: [],
      modifiedAtMs: now,
    };
    this.pin(channel);
    return channel;
  }

  updateChannel(channelId: string, patch: ChannelPatch): ChannelRecord {
    const channel = this.pinForMutation(channelId);
    if (patch.title !== undefined) channel.title = patch.title;
    if (patch.description !== undefined) channel.description = patch.description;
    if (patch.isTerminated !== undefined) channel.isTerminated = patch.isTerminated;
    if (patch.subscriberCount !== undefined) channel.subscriberCount = patch.subscriberCount;
    channel.modifiedAtMs = this.options.now();
    this.emit({ type: "channel.updated", channelId });
    return channel;
  }

  /** Publishes (or backdates, with publishedAtMs) a video; without a time it becomes the newest. */
  addVideo(channelId: string, input: CreateVideoInput): VideoRecord {
    const channel = this.pinForMutation(channelId);
    const id = input.id ?? this.nextVideoId();
    if (!VIDEO_ID_PATTERN.test(id)) throw new CatalogError("invalid", `video id ${id} is not a valid 11-character id`);
    if (this.findVideo(id)) throw new CatalogError("conflict", `video ${id} already exists`);
    const durationSeconds = input.durationSeconds ?? DEFAULT_DURATION_SECONDS[input.kind];
    assertDuration(input.kind, durationSeconds);
    const now = this.options.now();
    const publishedAtMs = input.publishedAtMs ?? now;
    this.createdVideos += 1;
    const video: VideoRecord = {
      id,
      channelId: channel.id,
      kind: input.kind,
      privacy: input.privacy,
      isDeleted: input.isDeleted ?? false,
      title: input.title ?? `Untitled ${input.kind.replace("_", " ")} ${this.createdVideos}`,
      description: input.description ?? "",
      tags: input.tags ?? [],
      categoryId: "22",
      publishedAtMs,
      updatedAtMs: publishedAtMs,
      durationSeconds: input.kind === "live" || input.kind === "upcoming" ? 0 : durationSeconds,
      definition: "hd",
      hasCaption: false,
      isLicensedContent: false,
      hasStandardThumbnail: input.hasStandardThumbnail ?? true,
      hasMaxresThumbnail: input.hasMaxresThumbnail ?? true,
      viewCount: input.viewCount ?? (input.kind === "upcoming" ? 0 : 100),
      likeCount: input.likeCount ?? (input.kind === "upcoming" ? 0 : 10),
      commentCount: input.commentCount ?? (input.kind === "upcoming" ? 0 : 2),
      isLikeCountHidden: input.isLikeCountHidden ?? false,
      areCommentsDisabled: input.areCommentsDisabled ?? false,
      isMadeForKids: input.isMadeForKids ?? false,
      ...streamTiming(input.kind, publishedAtMs, durationSeconds, input),
    };
    insertVideoNewestFirst(channel.videos, video);
    this.pinnedVideos.set(video.id, video);
    channel.modifiedAtMs = now;
    this.emit({ type: "video.published", channelId: channel.id, videoId: video.id });
    return video;
  }

  updateVideo(videoId: string, patch: VideoPatch): VideoRecord {
    const video = this.pinVideoForMutation(videoId);
    const previous = { privacy: video.privacy, title: video.title, description: video.description };
    const now = this.options.now();
    if (patch.kind !== undefined && patch.kind !== video.kind) applyKindChange(video, patch.kind, now);
    if (patch.privacy !== undefined) video.privacy = patch.privacy;
    if (patch.title !== undefined) video.title = patch.title;
    if (patch.description !== undefined) video.description = patch.description;
    if (patch.viewCount !== undefined) video.viewCount = patch.viewCount;
    if (patch.likeCount !== undefined) video.likeCount = patch.likeCount;
    if (patch.commentCount !== undefined) video.commentCount = patch.commentCount;
    if (patch.isLikeCountHidden !== undefined) video.isLikeCountHidden = patch.isLikeCountHidden;
    if (patch.areCommentsDisabled !== undefined) video.areCommentsDisabled = patch.areCommentsDisabled;
    if (patch.isMadeForKids !== undefined) video.isMadeForKids = patch.isMadeForKids;
    if (patch.hasMaxresThumbnail !== undefined) video.hasMaxresThumbnail = patch.hasMaxresThumbnail;
    if (patch.hasStandardThumbnail !== undefined) video.hasStandardThumbnail = patch.hasStandardThumbnail;
    video.updatedAtMs = Math.max(now, video.publishedAtMs);
    this.touchChannel(video.channelId, now);
    this.emit({ type: "video.updated", channelId: video.channelId, videoId, previous });
    return video;
  }

  /** Deleted videos leave videos.list and the feed but stay in the playlist as "Deleted video". */
  deleteVideo(videoId: string): VideoRecord {
    const video = this.pinVideoForMutation(videoId);
    if (video.isDeleted) throw new CatalogError("conflict", `video ${videoId} is already deleted`);
    video.isDeleted = true;
    const now = this.options.now();
    this.touchChannel(video.channelId, now);
    this.emit({ type: "video.deleted", channelId: video.channelId, videoId });
    return video;
  }

  cacheStats(): { cachedChannels: number; cachedVideos: number; pinnedChannels: number } {
    return {
      cachedChannels: this.cache.size,
      cachedVideos: this.cachedVideoCount,
      pinnedChannels: this.pinnedChannels.size,
    };
  }

  private loadGenerated(index: number): ChannelRecord {
    const cached = this.cache.get(index);
    if (cached) {
      // Re-insert to mark it most recently used (Map keeps insertion order).
      this.cache.delete(index);
      this.cache.set(index, cached);
      return cached;
    }
    const channel = this.world.materializeChannel(index);
    this.cache.set(index, channel);
    this.cachedVideoCount += channel.videos.length;
    const limit = this.options.maxCachedVideos ?? DEFAULT_MAX_CACHED_VIDEOS;
    for (const [oldestIndex, oldest] of this.cache) {
      if (this.cachedVideoCount <= limit || oldestIndex === index) break;
      this.cache.delete(oldestIndex);
      this.cachedVideoCount -= oldest.videos.length;
    }
    return channel;
  }

  private pin(channel: ChannelRecord): void {
    this.pinnedChannels.set(channel.id, channel);
    this.handles.set(normalizeHandle(channel.handle), channel.id);
    for (const video of channel.videos) this.pinnedVideos.set(video.id, video);
  }

  private pinForMutation(channelId: string): ChannelRecord {
    const pinned = this.pinnedChannels.get(channelId);
    if (pinned) return pinned;
    const index = this.world.findChannelIndex(channelId);
    if (index === null) throw new CatalogError("not_found", `channel ${channelId} not found`);
    const channel = this.loadGenerated(index);
    this.cache.delete(index);
    this.cachedVideoCount -= channel.videos.length;
    this.pin(channel);
    return channel;
  }

  private pinVideoForMutation(videoId: string): VideoRecord {
    const video = this.findVideo(videoId);
    if (!video) throw new CatalogError("not_found", `video ${videoId} not found`);
    this.pinForMutation(video.channelId);
    return video;
  }

  private touchChannel(channelId: string, now: number): void {
    const channel = this.pinnedChannels.get(channelId);
    if (channel) channel.modifiedAtMs = now;
  }

  private emit(change: CatalogChange): void {
    for (const listener of this.listeners) listener(change);
  }

  // Deterministic per (seed, creation order), re-rolled on the rare clash with a world id.
  private nextVideoId(): string {
    for (let attempt = 0; ; attempt += 1) {
      const id = videoIdFromBytes(
        hashParts(this.options.seed, "custom-video", this.createdVideos, attempt).subarray(0, 8),
      );
      if (!this.world.decodeVideoId(id) && !this.pinnedVideos.has(id)) return id;
    }
  }

  private nextChannelId(): string {
    for (let attempt = 0; ; attempt += 1) {
      this.createdChannels += 1;
      const id = channelIdFromBytes(
        hashParts(this.options.seed, "custom-channel", this.createdChannels).subarray(0, 16),
      );
      if (!this.findChannel(id)) return id;
    }
  }

  private defaultHandle(title: string): string {
    const base =
      title
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "")
        .slice(0, 20) || "channel";
    for (let suffix = 0; ; suffix += 1) {
      const candidate = suffix === 0 ? base : `${base}${suffix}`;
      if (
        !this.handles.has(candidate) &&
        this.world.findHandleIndex(candidate) === null &&
        !/^gen\d+$/.test(candidate)
      ) {
        return candidate;
      }
    }
  }

  private assertHandleAvailable(handle: string): void {
    if (!/^[a-z0-9._-]{3,30}$/.test(handle))
      throw new CatalogError("invalid", `handle @${handle} must be 3–30 of a-z 0-9 . _ -`);
    // gen<N> belongs to the generated world, whatever its current size.
    if (/^gen\d+$/.test(handle))
      throw new CatalogError("conflict", `handle @${handle} is reserved for generated channels`);
    if (this.handles.has(handle)) throw new CatalogError("conflict", `handle @${handle} is taken`);
  }
}

export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, "").toLowerCase();
}

function assertDuration(kind: VideoKind, durationSeconds: number): void {
  if (!Number.isInteger(durationSeconds) || durationSeconds < 0)
    throw new CatalogError("invalid", "durationSeconds must be a whole number ≥ 0");
  if (kind === "short" && (durationSeconds < 1 || durationSeconds > MAX_SHORT_DURATION_SECONDS)) {
    throw new CatalogError("invalid", `a short lasts 1–${MAX_SHORT_DURATION_SECONDS} s`);
  }
  if ((kind === "video" || kind === "ended_stream") && durationSeconds < 1) {
    throw new CatalogError("invalid", `a ${kind} lasts at least 1 s`);
  }
}

/**
 * Live-stream times for a new video. A live stream started at its publish time; an ended stream
 * published now ran for its duration up to now (so it is the newest upload, as a publish should be).
 */
function streamTiming(
  kind: VideoKind,
  publishedAtMs: number,
  durationSeconds: number,
  input: CreateVideoInput,
): Partial<VideoRecord> {
  switch (kind) {
    case "live":
      return {
        scheduledStartMs: input.scheduledStartMs ?? publishedAtMs,
        actualStartMs: publishedAtMs,
        concurrentViewers: input.concurrentViewers ?? 100,
      };
    case "upcoming":
      return { scheduledStartMs: input.scheduledStartMs ?? publishedAtMs + DAY_MS };
    case "ended_stream": {
      const startMs = publishedAtMs - durationSeconds * 1000;
      return {
        scheduledStartMs: input.scheduledStartMs ?? startMs,
        actualStartMs: startMs,
        actualEndMs: publishedAtMs,
      };
    }
    default:
      return {};
  }
}

/** upcoming → live → ended_stream (or video) as a broadcast moves on. */
function applyKindChange(video: VideoRecord, kind: VideoKind, now: number): void {
  if (kind === "short" && (video.durationSeconds < 1 || video.durationSeconds > MAX_SHORT_DURATION_SECONDS)) {
    throw new CatalogError(
      "invalid",
      `a short lasts 1–${MAX_SHORT_DURATION_SECONDS} s; this video lasts ${video.durationSeconds} s`,
    );
  }
  if (kind === "live") {
    video.scheduledStartMs ??= now;
    video.actualStartMs = now;
    video.concurrentViewers ??= 100;
    delete video.actualEndMs;
    video.durationSeconds = 0;
  } else if (kind === "ended_stream") {
    video.actualStartMs ??= video.scheduledStartMs ?? video.publishedAtMs;
    video.actualEndMs = Math.max(now, video.actualStartMs + 1000);
    video.durationSeconds = Math.round((video.actualEndMs - video.actualStartMs) / 1000);
    delete video.concurrentViewers;
  } else if (kind === "upcoming") {
    video.scheduledStartMs ??= now + DAY_MS;
    delete video.actualStartMs;
    delete video.actualEndMs;
    delete video.concurrentViewers;
    video.durationSeconds = 0;
  } else if (video.kind === "live" || video.kind === "upcoming") {
    // A finished premiere becomes an ordinary upload of the length it had.
    video.durationSeconds = Math.max(1, Math.round((now - (video.actualStartMs ?? video.publishedAtMs)) / 1000));
    delete video.concurrentViewers;
  }
  video.kind = kind;
}
