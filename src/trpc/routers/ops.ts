import { getOpsOverview } from "~/lib/ops/get-ops-overview";
import { retryDeadLetterInputSchema } from "~/lib/ops/ops.schema";
import { retryDeadLetter } from "~/lib/ops/retry-dead-letter";
import { adminProcedure, createTRPCRouter } from "../init";

export const opsRouter = createTRPCRouter({
  /** Everything the admin's /ops page shows: queues, durations, quota, lag, breakers, dead letters, failures. */
  overview: adminProcedure.query(() => getOpsOverview()),
  /** Sends a dead-letter job back to its queue; a second call for the same job answers `already_retried`. */
  retryDeadLetter: adminProcedure
    .input(retryDeadLetterInputSchema)
    .mutation(({ ctx, input }) =>
      retryDeadLetter({ userId: ctx.session.user.id, ...input, jobs: ctx.jobs, logger: ctx.logger }),
    ),
});
