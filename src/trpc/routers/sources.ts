import { FOLLOW_RATE_LIMIT, SYNC_NOW_RATE_LIMIT } from "~/lib/rate-limit/limiters";
import { addSource } from "~/lib/sources/add-source";
import { listSources } from "~/lib/sources/list-sources";
import { removeSource } from "~/lib/sources/remove-source";
import {
  addSourceInputSchema,
  listSourcesInputSchema,
  sourceIdInputSchema,
  updateSourceInputSchema,
} from "~/lib/sources/sources.schema";
import { syncSourceNow } from "~/lib/sources/sync-source-now";
import { updateSource } from "~/lib/sources/update-source";
import { createTRPCRouter, protectedProcedure, rateLimited } from "../init";

export const sourcesRouter = createTRPCRouter({
  /** Followed channels with their sync state (last/next check, status, error, push). */
  list: protectedProcedure
    .input(listSourcesInputSchema)
    .query(({ ctx, input }) => listSources({ userId: ctx.session.user.id, ...input })),

  /** Follow by URL, @handle or UC id; `backfill` > 0 also imports that many recent uploads (an import run). */
  add: rateLimited(FOLLOW_RATE_LIMIT)
    .input(addSourceInputSchema)
    .mutation(({ ctx, input }) =>
      addSource({ userId: ctx.session.user.id, ...input, jobs: ctx.jobs, logger: ctx.logger }),
    ),

  /** Auto-sync on or off. */
  update: protectedProcedure
    .input(updateSourceInputSchema)
    .mutation(({ ctx, input }) => updateSource({ userId: ctx.session.user.id, ...input, jobs: ctx.jobs })),

  /** Unfollow; projects already imported stay. */
  remove: protectedProcedure
    .input(sourceIdInputSchema)
    .mutation(({ ctx, input }) => removeSource({ userId: ctx.session.user.id, ...input })),

  /** Check the channel now: 20 per hour per user, TOO_MANY_REQUESTS with Retry-After beyond. */
  syncNow: rateLimited(SYNC_NOW_RATE_LIMIT)
    .input(sourceIdInputSchema)
    .mutation(({ ctx, input }) => syncSourceNow({ userId: ctx.session.user.id, ...input })),
});
