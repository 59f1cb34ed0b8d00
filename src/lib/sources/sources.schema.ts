import { z } from "zod";
import { channelRefInputSchema } from "~/lib/youtube/youtube-ref.schema";

/** Recent uploads a follow may import at once (an import run, like imports.importChannel). */
const MAX_FOLLOW_BACKFILL = 500;

export const addSourceInputSchema = z.object({
  channel: channelRefInputSchema,
  /** 0 = only uploads from now on; n = also import the channel's n newest uploads now. */
  backfill: z.number().int().min(0).max(MAX_FOLLOW_BACKFILL).default(0),
});

export const listSourcesInputSchema = z.object({
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const sourceIdInputSchema = z.object({ sourceId: z.uuid() });

export const updateSourceInputSchema = z.object({ sourceId: z.uuid(), syncEnabled: z.boolean() });

export type AddSourceInput = z.infer<typeof addSourceInputSchema>;
export type ListSourcesInput = z.infer<typeof listSourcesInputSchema>;
