import { z } from "zod";

export const MY_VIDEOS_DEFAULT_PAGE_SIZE = 24;

export const myVideosInputSchema = z.object({
  pageToken: z.string().max(200).nullish(),
  pageSize: z.number().int().min(1).max(50).default(MY_VIDEOS_DEFAULT_PAGE_SIZE),
  /** Ask YouTube now instead of answering from the stored page (rate limited; costs quota). */
  refresh: z.boolean().optional(),
});

export type MyVideosInput = z.infer<typeof myVideosInputSchema>;
