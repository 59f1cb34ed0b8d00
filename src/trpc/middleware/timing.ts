import type { Context } from "../context";
import { metrics } from "~/server/metrics";

/** Procedures slower than this are logged at warn, so slow paths show up without a profiler. */
const SLOW_PROCEDURE_MS = 500;

/**
 * A procedure's time, by path and result code (the code tRPC gave it, before error-mapping.ts maps an
 * AppError), into trpc_request_duration_seconds; logged at warn past SLOW_PROCEDURE_MS. Called by
 * procedure-scope.ts when the procedure settles.
 */
export function recordProcedureTiming(
  ctx: Context,
  call: {
    path: string;
    type: string;
    startedAt: number;
    result: { ok: true } | { ok: false; error: { code: string } };
  },
): void {
  const elapsedMs = performance.now() - call.startedAt;
  const durationMs = Math.round(elapsedMs);
  const { result } = call;
  metrics.trpcRequestDurationSeconds.observe(
    { procedure: call.path, code: result.ok ? "OK" : result.error.code },
    elapsedMs / 1000,
  );
  const fields = { path: call.path, type: call.type, durationMs, ok: result.ok };
  if (durationMs > SLOW_PROCEDURE_MS) ctx.logger.warn(fields, "trpc.slow_procedure");
  else ctx.logger.debug(fields, "trpc.procedure");
}
