import { IMPORT_RATE_LIMIT } from "~/lib/rate-limit/limiters";
import { getImportRunOrThrow } from "~/lib/imports/get-import-run-or-throw";
import { importVideos } from "~/lib/imports/import-videos";
import { getImportRunInputSchema, importVideosInputSchema } from "~/lib/imports/imports.schema";
import { getSenderBoss } from "~/server/boss";
import { createTRPCRouter, protectedProcedure, rateLimited } from "../init";

export const importsRouter = createTRPCRouter({
  /** ≤ 50 links or ids in any YouTube form; answers { runId } at once, the worker imports. */
  importVideos: rateLimited(IMPORT_RATE_LIMIT)
    .input(importVideosInputSchema)
    .mutation(async ({ ctx, input }) => importVideos({ userId: ctx.session.user.id, videos: input.videos, boss: await getSenderBoss() })),

  /** A run's progress, read from its row. */
  get: protectedProcedure
    .input(getImportRunInputSchema)
    .query(({ ctx, input }) => getImportRunOrThrow({ userId: ctx.session.user.id, runId: input.runId })),
});
