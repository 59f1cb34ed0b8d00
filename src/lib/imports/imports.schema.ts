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
