import { z } from "zod";

export const MY_VIDEOS_DEFAULT_PAGE_SIZE = 24;

export const myVideosInputSchema = z.object({
  pageToken: z.string().max(200).nullish(),
  pageSize: z.number().int().min(1).max(50).default(MY_VIDEOS_DEFAULT_PAGE_SIZE),
});

export type MyVideosInput = z.infer<typeof myVideosInputSchema>;
