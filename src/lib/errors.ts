/**
 * The closed set of failures domain code may raise. Each code maps to one tRPC code in
 * src/trpc/middleware/error-mapping.ts, to one job outcome in worker/lib/run-job.ts, and to one
 * user-facing message in the UI. `message` is always safe to show a user; details go in `cause`.
 */
export const APP_ERROR_CODES = [
  // The thing asked for does not exist, or belongs to someone else (we never say which).
  "NOT_FOUND",
  // The caller is signed in but may not do this (e.g. a non-admin on /ops).
  "FORBIDDEN",
  // The request conflicts with current state (a handle already taken, a run already finished).
  "CONFLICT",
  // Google's daily quota (project or user share) is spent; retryAt is the next Pacific-midnight reset.
  "QUOTA_EXHAUSTED",
  // The user's Google grant is gone (invalid_grant, revoked); only a reconnect fixes it. Never retried.
  "RECONNECT_REQUIRED",
  // One of our own rate limits, or YouTube's per-minute limit; retryAt says when to try again.
  "RATE_LIMITED",
  // YouTube, the feed host or the AI provider is failing or the breaker is open; work resumes by itself.
  "UPSTREAM_UNAVAILABLE",
  // Showreel's own Google setup is refused (API key invalid or restricted, API not enabled): an operator's
  // fix, never the user's; work waits until retryAt and looks again.
  "UPSTREAM_MISCONFIGURED",
  // The input cannot be used (bad URL, unknown channel, malformed payload). Fixing the input fixes it.
  "INVALID_INPUT",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly retryAt: Date | undefined;

  constructor(code: AppErrorCode, message: string, options: { retryAt?: Date; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryAt = options.retryAt;
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
