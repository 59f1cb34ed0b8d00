import { z } from "zod";

/** `lastEventId` is set by the client link when it reconnects: the stream resumes after it. */
export const liveEventsInputSchema = z.object({
  lastEventId: z.string().trim().max(64).nullish(),
});

export type LiveEventsInput = z.infer<typeof liveEventsInputSchema>;
