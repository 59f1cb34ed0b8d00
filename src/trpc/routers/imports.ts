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
import { createTRPCRouter, protectedProcedure, rateLimited } from "../init";

export const importsRouter = createTRPCRouter({
  /** ≤ 50 links or ids in any YouTube form; answers { runId } at once, the worker imports. */
  importVideos: rateLimited(IMPORT_RATE_LIMIT)
    .input(importVideosInputSchema)
    .mutation(({ ctx, input }) => startVideoImport({ userId: ctx.session.user.id, ...input, jobs: ctx.jobs })),

  /** URL, @handle or UC id; pages the uploads playlist in the worker (2 units per 50 videos). */
  importChannel: rateLimited(IMPORT_RATE_LIMIT)
    .input(importChannelInputSchema)
    .mutation(({ ctx, input }) => startChannelImport({ userId: ctx.session.user.id, ...input, jobs: ctx.jobs })),

  list: protectedProcedure
    .input(listImportRunsInputSchema)
    .query(({ ctx, input }) => listImportRuns({ userId: ctx.session.user.id, ...input })),

  /** A run's progress, read from its row. */
  get: protectedProcedure
    .input(getImportRunInputSchema)
    .query(({ ctx, input }) => getImportRunOrThrow({ userId: ctx.session.user.id, ...input })),
});
