import { z } from "zod";
import { checkHealth } from "~/lib/system/check-health";
import { getFeatures } from "~/lib/system/get-features";
import { getPingOrThrow } from "~/lib/system/get-ping-or-throw";
import { requestPing } from "~/lib/system/request-ping";
import { adminProcedure, createTRPCRouter, publicProcedure } from "../init";

export const systemRouter = createTRPCRouter({
  health: publicProcedure.query(() => checkHealth()),

  /** Which sign-in options this deployment offers (Google, the demo account). */
  features: publicProcedure.query(() => getFeatures()),

  /** Admin round-trip check: web enqueues, a worker stamps the row, the UI polls pingStatus. */
  ping: adminProcedure.mutation(({ ctx }) => requestPing({ userId: ctx.session.user.id, jobs: ctx.jobs })),

  pingStatus: adminProcedure.input(z.object({ pingId: z.uuid() })).query(({ input }) => getPingOrThrow(input)),
});
