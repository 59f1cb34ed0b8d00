/**
 * The one place AppError codes become tRPC codes (docs/house-rules.md R10). The AppError stays as `cause`, so the
 * error formatter can add `data.appCode` and `data.retryAt` for the UI's message mapping. Anything that is
 * not an AppError is logged with its detail and reaches the client as a generic 500.
 */
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { isAppError, type AppErrorCode } from "~/lib/errors";
import type { Context } from "../context";

export const APP_TO_TRPC_CODE: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  QUOTA_EXHAUSTED: "SERVICE_UNAVAILABLE",
  RECONNECT_REQUIRED: "PRECONDITION_FAILED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UPSTREAM_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  UPSTREAM_MISCONFIGURED: "SERVICE_UNAVAILABLE",
  INVALID_INPUT: "BAD_REQUEST",
};

/**
 * A settled procedure's result, with its error mapped: an AppError cause becomes its tRPC code (and its
 * retryAt the Retry-After header), an INTERNAL_SERVER_ERROR is logged with its detail and thrown as the
 * generic 500; anything else passes. Called by procedure-scope.ts.
 */
export function mapProcedureError<Result extends { ok: true } | { ok: false; error: TRPCError }>(
  ctx: Context,
  path: string,
  result: Result,
): Result {
  if (result.ok) return result;
  const cause = result.error.cause;
  if (isAppError(cause)) {
    if (cause.retryAt && ctx.resHeaders) {
      const seconds = Math.max(1, Math.ceil((cause.retryAt.getTime() - Date.now()) / 1000));
      ctx.resHeaders.set("Retry-After", String(seconds));
    }
    throw new TRPCError({ code: APP_TO_TRPC_CODE[cause.code], message: cause.message, cause });
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    ctx.logger.error({ err: cause ?? result.error, path }, "trpc.internal_error");
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side.", cause });
  }
  return result;
}
