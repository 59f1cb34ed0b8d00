import { IMPORT_RATE_LIMIT } from "~/lib/rate-limit/limiters";
import { getImportRunOrThrow } from "~/lib/imports/get-import-run-or-throw";
import { startChannelImport } from "~/lib/imports/start-channel-import";
import { startVideoImport } from "~/lib/imports/start-video-import";
import {
  getImportRunInputSchema,
  importChannelInputSchema,
  importVideosInputSchema,
  listImportRunsInputSchema,
} from "~/lib/imports/imports.schema";
import { listImportRuns } from "~/lib/imports/list-import-runs";
import { getSenderBoss } from "~/server/boss";
import { createTRPCRouter, protectedProcedure, rateLimited } from "../init";

export const importsRouter = createTRPCRouter({
  /** ≤ 50 links or ids in any YouTube form; answers { runId } at once, the worker imports. */
  importVideos: rateLimited(IMPORT_RATE_LIMIT)
    .input(importVideosInputSchema)
    .mutation(async ({ ctx, input }) =>
      startVideoImport({ userId: ctx.session.user.id, videos: input.videos, boss: await getSenderBoss() }),
    ),

  /** URL, @handle or UC id; pages the uploads playlist in the worker (2 units per 50 videos). */
  importChannel: rateLimited(IMPORT_RATE_LIMIT)
    .input(importChannelInputSchema)
    .mutation(async ({ ctx, input }) =>
      startChannelImport({
        userId: ctx.session.user.id,
        channel: input.channel,
        maxVideos: input.maxVideos,
        follow: input.follow,
        boss: await getSenderBoss(),
      }),
    ),

  list: protectedProcedure
    .input(listImportRunsInputSchema)
    .query(({ ctx, input }) => listImportRuns({ userId: ctx.session.user.id, limit: input.limit })),

  /** A run's progress, read from its row. */
  get: protectedProcedure
    .input(getImportRunInputSchema)
    .query(({ ctx, input }) => getImportRunOrThrow({ userId: ctx.session.user.id, runId: input.runId })),
});
