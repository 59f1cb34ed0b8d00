import { tracked } from "@trpc/server";
import { liveEventsInputSchema } from "~/lib/live/live.schema";
import { streamLiveEvents } from "~/lib/live/stream-live-events";
import { createTRPCRouter, protectedProcedure } from "../init";

export const liveRouter = createTRPCRouter({
  /**
   * One per tab, over server-sent events: the user's import progress, notifications, analysis and sync
   * status changes as tracked events, so a reconnect resumes after the last id it saw.
   */
  events: protectedProcedure.input(liveEventsInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const stream = streamLiveEvents({ userId: ctx.session.user.id, lastEventId: input.lastEventId ?? null, signal });
    try {
      for await (const { id, event } of stream) yield tracked(id, event);
    } finally {
      stream.close();
    }
  }),
});
