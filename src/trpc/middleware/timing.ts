import { experimental_standaloneMiddleware } from "@trpc/server";
import { metrics } from "~/server/metrics";
import type { Context } from "../context";

/** Procedures slower than this are logged at warn, so slow paths show up without a profiler. */
const SLOW_PROCEDURE_MS = 500;

export const timingMiddleware = experimental_standaloneMiddleware<{ ctx: Context }>().create(
  async ({ ctx, path, type, next }) => {
    const startedAt = performance.now();
    const result = await next();
    const elapsedMs = performance.now() - startedAt;
    const durationMs = Math.round(elapsedMs);
    metrics.trpcRequestDurationSeconds.observe(
      { procedure: path, code: result.ok ? "OK" : result.error.code },
      elapsedMs / 1000,
    );
    const fields = { path, type, durationMs, ok: result.ok };
    if (durationMs > SLOW_PROCEDURE_MS) ctx.logger.warn(fields, "trpc.slow_procedure");
    else ctx.logger.debug(fields, "trpc.procedure");
    return result;
  },
);
