import { z } from "zod";
import { channelRefInputSchema, videoRefInputSchema } from "~/lib/youtube/youtube-ref.schema";

/** videos.list takes at most 50 ids: one import request is one batch. */
export const MAX_VIDEOS_PER_IMPORT = 50;

export const importVideosInputSchema = z.object({
  videos: z.array(videoRefInputSchema).min(1).max(MAX_VIDEOS_PER_IMPORT),
});

export const getImportRunInputSchema = z.object({ runId: z.uuid() });

export type ImportVideosInput = z.infer<typeof importVideosInputSchema>;

/** The newest videos a channel import takes by default, and at most. */
export const DEFAULT_CHANNEL_IMPORT_VIDEOS = 200;
export const MAX_CHANNEL_IMPORT_VIDEOS = 5000;

export const importChannelInputSchema = z.object({
  channel: channelRefInputSchema,
  maxVideos: z.number().int().min(1).max(MAX_CHANNEL_IMPORT_VIDEOS).default(DEFAULT_CHANNEL_IMPORT_VIDEOS),
  follow: z.boolean().default(false),
});

export const listImportRunsInputSchema = z.object({ limit: z.number().int().min(1).max(50).default(10) });

export type ImportChannelInput = z.infer<typeof importChannelInputSchema>;

/** Why a video of a run was not imported; the progress UI words each one. */
export const SKIP_REASONS = ["already_imported", "unavailable", "not_published", "unreadable"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

const skipCount = z.number().int().nonnegative().optional();

/** ImportRun.skipReasons: how many videos were skipped for each reason (a reason with none is left out). */
export const skipReasonsSchema = z.object({
  already_imported: skipCount,
  unavailable: skipCount,
  not_published: skipCount,
  unreadable: skipCount,
} satisfies Record<SkipReason, typeof skipCount>);

export type SkipReasonCounts = z.infer<typeof skipReasonsSchema>;
