/**
 * The generated world: `size` channels, each with 0–250 videos, all derived from the seed and
 * created only when something asks for them. Ids are keyed permutations of (channel index) and
 * (channel index, video index) (random.ts), so any id decodes back to its index without a table and
 * a 1M-channel world costs nothing until it is touched. Times are relative to `anchorMs` (the
 * emulator clock when the world was made), so "active" channels really uploaded in the last week.
 *
 * Profiles, by share of channels: terminated 2 %, empty 8 %, active (newest upload < 7 days) 20 %,
 * normal (7–180 days) 45 %, dormant (> 180 days) 25 %.
 */
import {
  channelIdFromBytes,
  createRng,
  decodeCanonicalBase64Url,
  derivePermutationKey,
  permuteBlock,
  seedFromParts,
  unpermuteBlock,
  videoIdFromBytes,
  type Rng,
} from "./random.ts";
import { FEED_ENTRY_LIMIT } from "./feed-xml.ts";
import {
  uploadsPlaylistIdOf,
  type ChannelRecord,
  type PrivacyStatus,
  type VideoKind,
  type VideoRecord,
} from "./records.ts";

/** The generator never makes more uploads than this per channel (fits the id's 16-bit field). */
export const MAX_GENERATED_VIDEOS_PER_CHANNEL = 250;
/** Ids carry a 32-bit channel index; keep well inside it. */
export const MAX_WORLD_SIZE = 100_000_000;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A generated upload was last updated at most this long after it was published. */
const MAX_GENERATED_UPDATE_LAG_MS = 48 * HOUR_MS;

export type WorldChannelProfile = "active" | "normal" | "dormant" | "empty" | "terminated";

export interface WorldChannelSummary {
  index: number;
  id: string;
  handle: string;
  uploadsPlaylistId: string;
  title: string;
  profile: WorldChannelProfile;
  videoCount: number;
  newestUploadAt: string | null;
}

export const TOOL_NAMES = [
  "DaVinci Resolve",
  "Blender",
  "After Effects",
  "Premiere Pro",
  "Figma",
  "Photoshop",
  "Illustrator",
  "Cinema 4D",
  "Houdini",
  "Unreal Engine",
  "Unity",
  "Godot",
  "Python",
  "React",
  "TypeScript",
  "Node.js",
  "FFmpeg",
  "OBS Studio",
  "Final Cut Pro",
  "Logic Pro",
  "Ableton Live",
  "Substance Painter",
  "ZBrush",
  "Maya",
  "Nuke",
  "Lightroom",
  "Procreate",
  "Krita",
  "Three.js",
  "Next.js",
] as const;

const TOPICS = [
  "color grading",
  "motion tracking",
  "3D modeling",
  "product animation",
  "sound design",
  "compositing",
  "UI design",
  "game prototyping",
  "automation scripts",
  "a VFX breakdown",
  "cinematic lighting",
  "character rigging",
  "texturing",
  "kinetic typography",
  "a portfolio review",
] as const;

const CHANNEL_ADJECTIVES = [
  "Pixel",
  "Neon",
  "Quiet",
  "Bright",
  "Orbit",
  "Paper",
  "Velvet",
  "Signal",
  "Copper",
  "Lunar",
  "Vector",
  "Amber",
];
const CHANNEL_NOUNS = [
  "Forge",
  "Lab",
  "Workshop",
  "Cuts",
  "Motion",
  "Render",
  "Canvas",
  "Reel",
  "Works",
  "Garage",
  "Atelier",
  "Studio",
];
const COUNTRIES = ["US", "GB", "DE", "FR", "JP", "BR", "IN", "CA", "AU", "ES"];
const CATEGORY_IDS = ["1", "10", "20", "22", "24", "26", "27", "28"];

interface ChannelPlan {
  profile: WorldChannelProfile;
  videoCount: number;
  newestAgeMs: number;
  meanGapMs: number;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Subscriber counts are public only to 3 significant figures. */
function roundToThreeSignificant(value: number): number {
  if (value < 1000) return value;
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 2);
  return Math.floor(value / magnitude) * magnitude;
}

export class GeneratedWorld {
  private readonly channelKey: Uint32Array;
  private readonly videoKey: Uint32Array;

  constructor(
    readonly seed: string,
    readonly size: number,
    readonly anchorMs: number,
  ) {
    if (!Number.isInteger(size) || size < 0 || size > MAX_WORLD_SIZE)
      throw new Error(`worldSize must be 0..${MAX_WORLD_SIZE}`);
    this.channelKey = derivePermutationKey(seed, "channel-id-key");
    this.videoKey = derivePermutationKey(seed, "video-id-key");
  }

  channelIdAt(index: number): string {
    const block = Buffer.alloc(16);
    block.writeUInt32BE(index, 0);
    return channelIdFromBytes(permuteBlock(this.channelKey, block));
  }

  /** The world index behind a channel id, or null when the id is not one of this world's. */
  findChannelIndex(channelId: string): number | null {
    if (!channelId.startsWith("UC")) return null;
    const bytes = decodeCanonicalBase64Url(channelId.slice(2), 16);
    if (!bytes) return null;
    const block = unpermuteBlock(this.channelKey, bytes);
    if (!block.subarray(4).every((byte) => byte === 0)) return null;
    const index = block.readUInt32BE(0);
    return index < this.size ? index : null;
  }

  /** `gen<index>` (no "@", any case, no leading zeros) → index. */
  findHandleIndex(handle: string): number | null {
    const match = /^gen(0|[1-9][0-9]*)$/.exec(handle.toLowerCase());
    if (!match?.[1]) return null;
    const index = Number(match[1]);
    return index < this.size ? index : null;
  }

  videoIdAt(channelIndex: number, videoIndex: number): string {
    const block = Buffer.alloc(8);
    block.writeUInt32BE(channelIndex, 0);
    block.writeUInt16BE(videoIndex, 4);
    return videoIdFromBytes(permuteBlock(this.videoKey, block));
  }

  /** Decodes a generated video id; the index may still be past the channel's last video. */
  decodeVideoId(videoId: string): { channelIndex: number; videoIndex: number } | null {
    const bytes = decodeCanonicalBase64Url(videoId, 8);
    if (!bytes) return null;
    const block = unpermuteBlock(this.videoKey, bytes);
    if (block.readUInt16BE(6) !== 0) return null;
    const channelIndex = block.readUInt32BE(0);
    const videoIndex = block.readUInt16BE(4);
    if (channelIndex >= this.size || videoIndex >= MAX_GENERATED_VIDEOS_PER_CHANNEL) return null;
    return { channelIndex, videoIndex };
  }

  describeChannel(index: number): WorldChannelSummary {
    const plan = this.planChannel(index);
    const id = this.channelIdAt(index);
    return {
      index,
      id,
      handle: `@gen${index}`,
      uploadsPlaylistId: uploadsPlaylistIdOf(id),
      title: this.channelTitle(index),
      profile: plan.profile,
      videoCount: plan.videoCount,
      newestUploadAt: plan.videoCount > 0 ? new Date(this.anchorMs - plan.newestAgeMs).toISOString() : null,
    };
  }

  /** Builds the channel and all its videos; the catalog caches the result. */
  materializeChannel(index: number): ChannelRecord {
    const plan = this.planChannel(index);
    const id = this.channelIdAt(index);
    const rng = createRng(seedFromParts(this.seed, "channel-details", index));
    const toolA = rng.pick(TOOL_NAMES);
    const toolB = rng.pick(TOOL_NAMES);
    const videos = [...this.generateVideos(index, plan, id)];
    const oldestMs = videos.at(-1)?.publishedAtMs ?? this.anchorMs - rng.int(30, 3000) * DAY_MS;
    const channelPublishedAtMs = oldestMs - rng.int(1, 400) * DAY_MS;
    const newestChangeMs = videos.reduce((latest, video) => Math.max(latest, video.updatedAtMs), channelPublishedAtMs);
    return {
      id,
      origin: "generated",
      title: this.channelTitle(index),
      description: `Tutorials and breakdowns made with ${toolA} and ${toolB}. New videos when they are ready.`,
      handle: `@gen${index}`,
      publishedAtMs: channelPublishedAtMs,
      ...(rng.chance(0.9) ? { country: rng.pick(COUNTRIES) } : {}),
      subscriberCount: roundToThreeSignificant(Math.floor(10 ** (1 + rng.next() * 6))),
      isSubscriberCountHidden: rng.chance(0.03),
      isTerminated: plan.profile === "terminated",
      videos,
      modifiedAtMs: newestChangeMs,
    };
  }

  /**
   * What the channel's feed shows while nothing has changed it: its entries' ids (newest first) and
   * its Last-Modified, exactly as a render of `materializeChannel(index)` gives them (feed-xml.ts),
   * but generating only the newest videos: uploads are generated newest first, and an upload can be
   * updated at most MAX_GENERATED_UPDATE_LAG_MS after its publish time, so once the window is full an
   * upload published that long before the newest change can change neither. Null for a terminated
   * channel, which has no feed.
   */
  describeFeed(index: number): { entryIds: string[]; lastModifiedMs: number } | null {
    const plan = this.planChannel(index);
    if (plan.profile === "terminated") return null;
    if (plan.videoCount === 0) return { entryIds: [], lastModifiedMs: this.emptyChannelPublishedAtMs(index) };
    const entryIds: string[] = [];
    let lastModifiedMs = Number.NEGATIVE_INFINITY;
    for (const video of this.generateVideos(index, plan, this.channelIdAt(index))) {
      if (entryIds.length >= FEED_ENTRY_LIMIT && video.publishedAtMs + MAX_GENERATED_UPDATE_LAG_MS <= lastModifiedMs)
        break;
      // Every upload's update counts (the channel's own change time is its newest upload's); the
      // channel's publish time is older than all of them.
      lastModifiedMs = Math.max(lastModifiedMs, video.updatedAtMs);
      if (entryIds.length < FEED_ENTRY_LIMIT && video.privacy === "public" && !video.isDeleted) {
        entryIds.push(video.id);
        lastModifiedMs = Math.max(lastModifiedMs, video.publishedAtMs);
      }
    }
    return { entryIds, lastModifiedMs };
  }

  private *generateVideos(index: number, plan: ChannelPlan, channelId: string): Generator<VideoRecord> {
    const videoRng = createRng(seedFromParts(this.seed, "videos", index));
    let publishedAtMs = this.anchorMs - plan.newestAgeMs;
    for (let videoIndex = 0; videoIndex < plan.videoCount; videoIndex += 1) {
      if (videoIndex > 0) publishedAtMs -= Math.round(plan.meanGapMs * (0.3 + 1.4 * videoRng.next()));
      yield this.makeVideo(videoRng, plan, channelId, index, videoIndex, publishedAtMs);
    }
  }

  /** `materializeChannel`'s publish time for a channel without uploads: the same draws, in the same order. */
  private emptyChannelPublishedAtMs(index: number): number {
    const rng = createRng(seedFromParts(this.seed, "channel-details", index));
    rng.pick(TOOL_NAMES);
    rng.pick(TOOL_NAMES);
    const oldestMs = this.anchorMs - rng.int(30, 3000) * DAY_MS;
    return oldestMs - rng.int(1, 400) * DAY_MS;
  }

  private channelTitle(index: number): string {
    const rng = createRng(seedFromParts(this.seed, "channel-title", index));
    return `${rng.pick(CHANNEL_ADJECTIVES)} ${rng.pick(CHANNEL_NOUNS)} ${index}`;
  }

  private planChannel(index: number): ChannelPlan {
    const rng = createRng(seedFromParts(this.seed, "channel-plan", index));
    const roll = rng.next();
    const sizeRoll = rng.next();
    const videoCount = Math.min(
      MAX_GENERATED_VIDEOS_PER_CHANNEL,
      1 + Math.floor(sizeRoll * sizeRoll * MAX_GENERATED_VIDEOS_PER_CHANNEL),
    );
    if (roll < 0.02) return { profile: "terminated", videoCount: 0, newestAgeMs: 0, meanGapMs: 0 };
    if (roll < 0.1) return { profile: "empty", videoCount: 0, newestAgeMs: 0, meanGapMs: 0 };
    if (roll < 0.3) {
      return {
        profile: "active",
        videoCount,
        newestAgeMs: rng.int(1 * HOUR_MS, 6.5 * DAY_MS),
        meanGapMs: rng.int(12, 96) * HOUR_MS,
      };
    }
    if (roll < 0.75) {
      return {
        profile: "normal",
        videoCount,
        newestAgeMs: rng.int(8 * DAY_MS, 170 * DAY_MS),
        meanGapMs: rng.int(3, 20) * DAY_MS,
      };
    }
    return {
      profile: "dormant",
      videoCount,
      newestAgeMs: rng.int(190 * DAY_MS, 1500 * DAY_MS),
      meanGapMs: rng.int(10, 60) * DAY_MS,
    };
  }

  private makeVideo(
    rng: Rng,
    plan: ChannelPlan,
    channelId: string,
    channelIndex: number,
    videoIndex: number,
    publishedAtMs: number,
  ): VideoRecord {
    const tool = rng.pick(TOOL_NAMES);
    const topic = rng.pick(TOPICS);
    const kindRoll = rng.next();
    let kind: VideoKind = kindRoll < 0.22 ? "short" : kindRoll < 0.28 ? "ended_stream" : "video";
    if (videoIndex === 0 && plan.profile === "active") {
      const liveRoll = rng.next();
      if (liveRoll < 0.05) kind = "live";
      else if (liveRoll < 0.1) kind = "upcoming";
    }
    let durationSeconds = this.drawDuration(rng, kind);
    // A stream VOD must have ended before "now"; one that would not have is an ordinary upload.
    if (kind === "ended_stream" && publishedAtMs + durationSeconds * 1000 > this.anchorMs) kind = "video";
    if (kind === "video" && durationSeconds > 10_800) durationSeconds = rng.int(600, 3600);

    let title: string;
    const timing: Partial<VideoRecord> = {};
    let videoPublishedAtMs = publishedAtMs;
    switch (kind) {
      case "short":
        title = `${capitalize(topic)} in ${tool} in 60 seconds #shorts`;
        break;
      case "live": {
        const startedMs = this.anchorMs - rng.int(HOUR_MS / 2, 3 * HOUR_MS);
        videoPublishedAtMs = startedMs - rng.int(30_000, 300_000);
        timing.scheduledStartMs = videoPublishedAtMs + rng.int(60_000, 240_000);
        timing.actualStartMs = startedMs;
        timing.concurrentViewers = rng.int(3, 5000);
        title = `LIVE: ${topic} with ${tool}`;
        break;
      }
      case "upcoming":
        timing.scheduledStartMs = this.anchorMs + rng.int(1, 72) * HOUR_MS;
        title = `Premiere: ${topic} with ${tool}`;
        break;
      case "ended_stream":
        timing.scheduledStartMs = publishedAtMs - rng.int(0, 300) * 1000;
        timing.actualStartMs = publishedAtMs;
        timing.actualEndMs = publishedAtMs + durationSeconds * 1000;
        title = `Stream VOD: ${tool} ${topic} session`;
        break;
      default:
        title = rng.pick([
          `${capitalize(topic)} in ${tool} — full tutorial`,
          `My ${tool} workflow for ${topic}`,
          `How I use ${tool} for ${topic}`,
          `${tool} tips: ${topic}`,
          `Beginner ${topic} with ${tool}`,
        ]);
    }
    const isLiveOrUpcoming = kind === "live" || kind === "upcoming";
    const privacyRoll = rng.next();
    const privacy: PrivacyStatus = isLiveOrUpcoming
      ? "public"
      : privacyRoll < 0.03
        ? "private"
        : privacyRoll < 0.05
          ? "unlisted"
          : "public";
    const viewCount = kind === "upcoming" ? 0 : Math.floor(10 ** (1 + rng.next() * 5));
    return {
      id: this.videoIdAt(channelIndex, videoIndex),
      channelId,
      kind,
      privacy,
      isDeleted: !isLiveOrUpcoming && rng.chance(0.01),
      title,
      description: `In this video: ${topic} using ${tool}.\n\nChapters, project files and links below.`,
      tags: [tool, topic],
      categoryId: rng.pick(CATEGORY_IDS),
      publishedAtMs: videoPublishedAtMs,
      updatedAtMs: Math.min(
        this.anchorMs,
        videoPublishedAtMs + rng.int(0, MAX_GENERATED_UPDATE_LAG_MS / HOUR_MS) * HOUR_MS,
      ),
      durationSeconds: isLiveOrUpcoming ? 0 : durationSeconds,
      definition: rng.chance(0.9) ? "hd" : "sd",
      hasCaption: rng.chance(0.3),
      isLicensedContent: rng.chance(0.5),
      hasStandardThumbnail: rng.chance(0.95),
      hasMaxresThumbnail: rng.chance(isLiveOrUpcoming ? 0.5 : 0.8),
      viewCount,
      likeCount: Math.floor(viewCount * (0.01 + rng.next() * 0.05)),
      commentCount: Math.floor(viewCount * (0.0005 + rng.next() * 0.004)),
      isLikeCountHidden: rng.chance(0.05),
      areCommentsDisabled: rng.chance(0.05),
      // Not drawn from the seed: every other generated value stays what it was before this field existed.
      isMadeForKids: false,
      ...timing,
    };
  }

  private drawDuration(rng: Rng, kind: VideoKind): number {
    const roll = rng.next();
    switch (kind) {
      case "short":
        return rng.int(8, 60);
      case "ended_stream":
        // A few marathon streams so clients meet P1DT… durations.
        return roll < 0.05 ? rng.int(86_400, 129_600) : rng.int(1800, 14_400);
      case "live":
      case "upcoming":
        return 0;
      default:
        return roll < 0.7 ? rng.int(120, 1200) : roll < 0.95 ? rng.int(1200, 3600) : rng.int(3600, 10_800);
    }
  }
}
