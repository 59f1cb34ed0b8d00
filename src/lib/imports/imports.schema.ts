import { z } from "zod";
import { videoRefInputSchema } from "~/lib/youtube/youtube-ref.schema";

/** videos.list takes at most 50 ids: one import request is one batch. */
export const MAX_VIDEOS_PER_IMPORT = 50;

export const importVideosInputSchema = z.object({
  videos: z.array(videoRefInputSchema).min(1).max(MAX_VIDEOS_PER_IMPORT),
});

export const getImportRunInputSchema = z.object({ runId: z.uuid() });

export type ImportVideosInput = z.infer<typeof importVideosInputSchema>;
