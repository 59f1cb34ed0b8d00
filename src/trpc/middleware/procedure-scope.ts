import { experimental_standaloneMiddleware } from "@trpc/server";
import { lazyJobSender } from "~/lib/jobs/enqueue";
import { getSenderBoss } from "~/server/boss";
import { currentStatementCensus, withStatementCensus } from "~/server/statement-census";
import type { Context } from "../context";
import { mapProcedureError } from "./error-mapping";
import { recordProcedureTiming } from "./timing";

/** The web process's send-only pg-boss client, started by the first procedure that enqueues. */
const jobs = lazyJobSender(getSenderBoss);

/**
 * What every procedure runs in, as one middleware (each level of tRPC's middleware chain copies the context
 * and the call's options, so four concerns in one level cost a quarter of four levels):
 * - its SQL statements are counted under its own path (db_statements_total{procedure}). A procedure runs in a
 *   scope of its own even when its request is counted under the same path, because a batch's procedures run
 *   concurrently; the request is then not counted twice. Server-side callers (page prefetches) have no
 *   request scope and count as one;
 * - `ctx.jobs` (a JobSender) is on the context, for the use cases that enqueue;
 * - its time and result code are recorded (timing.ts);
 * - an AppError it throws becomes its tRPC code, anything else a logged, generic 500 (error-mapping.ts).
 */
export const procedureScopeMiddleware = experimental_standaloneMiddleware<{ ctx: Context }>().create(
  ({ ctx, path, type, next }) =>
    withStatementCensus(
      path,
      async () => {
        const startedAt = performance.now();
        const result = await next({ ctx: { jobs } });
        recordProcedureTiming(ctx, { path, type, startedAt, result });
        return mapProcedureError(ctx, path, result);
      },
      { countRequest: currentStatementCensus()?.label !== path },
    ),
);
