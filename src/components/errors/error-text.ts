/**
 * The one place a failed API call becomes words and a next step (docs/house-rules.md R10; docs/design.md#ui). The server
 * sends `data.appCode` (an AppErrorCode from src/lib/errors.ts, or null), `data.retryAt` (ISO string or
 * null) and the tRPC `data.code`; `error.message` is written for users. Components render the result with
 * <ApiErrorAlert>, or read `action.kind === "fix-input"` to put the message next to the field at fault.
 *
 * Pure: no React, so forms and tests can call it directly.
 */
import type { AppErrorCode } from "~/lib/errors";
import { formatResumeTime } from "./format-wait";

/** A route handler that redirects to Google's consent page: a full navigation, never a client-side one. */
export const YOUTUBE_CONNECT_HREF = "/api/youtube/connect";

export type ErrorAction =
  | { kind: "reconnect"; href: typeof YOUTUBE_CONNECT_HREF }
  | { kind: "wait"; until: Date }
  | { kind: "retry" }
  | { kind: "fix-input" }
  | { kind: "sign-in" }
  | null;

export type ErrorText = { message: string; action: ErrorAction };

/** The closed set of domain failures (src/lib/errors.ts); the switch below must name every one of them. */
export type AppErrorCodeName = AppErrorCode;

type ErrorData = { code: string | null; appCode: string | null; retryAt: Date | null; hasZodError: boolean };

/** Google refused Showreel's own configuration: the creator can do nothing but wait for an operator. */
export const CONFIG_ERROR_TEXT =
  "Showreel cannot reach YouTube because of a configuration problem; an administrator has been told.";

const OFFLINE_MESSAGE = "We couldn't reach Showreel. Check your connection and try again.";
const DEFAULT_FALLBACK = "Something went wrong on our side. Please try again.";

function readString(record: object, key: string): string | null {
  const value = (record as Record<string, unknown>)[key];
  return typeof value === "string" && value ? value : null;
}

function readDate(record: object, key: string): Date | null {
  const value = (record as Record<string, unknown>)[key];
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** The error body tRPC sends, or null when the request never reached the API (offline, a proxy's page). */
function readErrorData(error: Error): ErrorData | null {
  if (!("data" in error) || typeof error.data !== "object" || error.data === null) return null;
  const data = error.data;
  return {
    code: readString(data, "code"),
    appCode: readString(data, "appCode"),
    retryAt: readDate(data, "retryAt"),
    hasZodError: "zodError" in data && Boolean(data.zodError),
  };
}

/** The AppError code behind a failed call, for views that render a whole state for one ("not connected"). */
export function readAppErrorCode(error: unknown): AppErrorCodeName | null {
  if (!(error instanceof Error)) return null;
  return (readErrorData(error)?.appCode as AppErrorCodeName | null | undefined) ?? null;
}

function waitOrRetry(retryAt: Date | null): ErrorAction {
  return retryAt && retryAt.getTime() > Date.now() ? { kind: "wait", until: retryAt } : { kind: "retry" };
}

/**
 * Words and a next step for a failed call. `fallback` is for failures whose server message is not worth
 * showing (internal errors without a message, schema-validation dumps); give it the control's own wording.
 */
export function describeApiError(error: unknown, fallback: string = DEFAULT_FALLBACK): ErrorText {
  if (!(error instanceof Error)) return { message: fallback, action: { kind: "retry" } };
  const data = readErrorData(error);
  if (!data) return { message: OFFLINE_MESSAGE, action: { kind: "retry" } };
  const serverMessage = error.message.trim() || null;

  const appCode = data.appCode as AppErrorCodeName | null;
  switch (appCode) {
    case "RECONNECT_REQUIRED":
      return {
        message: serverMessage ?? "YouTube access has expired or was revoked. Reconnect your channel to continue.",
        action: { kind: "reconnect", href: YOUTUBE_CONNECT_HREF },
      };
    case "QUOTA_EXHAUSTED":
      return {
        message: data.retryAt
          ? `Today's YouTube quota is used up. Work resumes by itself ${formatResumeTime(data.retryAt)}, when it resets.`
          : "Today's YouTube quota is used up. Work resumes by itself after the daily reset.",
        action: data.retryAt ? { kind: "wait", until: data.retryAt } : null,
      };
    case "RATE_LIMITED":
      return {
        message: serverMessage ?? "You're going a little fast. Please wait a moment.",
        action: waitOrRetry(data.retryAt),
      };
    case "UPSTREAM_UNAVAILABLE":
      return {
        message: "YouTube is having trouble right now; work resumes by itself.",
        action: waitOrRetry(data.retryAt),
      };
    case "UPSTREAM_MISCONFIGURED":
      return { message: CONFIG_ERROR_TEXT, action: null };
    case "INVALID_INPUT":
      return { message: serverMessage ?? "Check what you entered and try again.", action: { kind: "fix-input" } };
    case "NOT_FOUND":
      return { message: serverMessage ?? "We couldn't find that. It may have been deleted.", action: null };
    case "FORBIDDEN":
      return { message: serverMessage ?? "Your account can't do that.", action: null };
    case "CONFLICT":
      return { message: serverMessage ?? "That changed in the meantime. Please try again.", action: { kind: "retry" } };
    case null:
      break;
    default:
      // A code added to src/lib/errors.ts without words here fails the typecheck.
      appCode satisfies never;
  }

  switch (data.code) {
    case "UNAUTHORIZED":
      return { message: "Your session has ended. Sign in again to continue.", action: { kind: "sign-in" } };
    case "TOO_MANY_REQUESTS":
      return {
        message: serverMessage ?? "You're going a little fast. Please wait a moment.",
        action: waitOrRetry(data.retryAt),
      };
    case "BAD_REQUEST":
      // A schema failure reads like a stack trace; the caller's wording says what the field wants.
      return { message: data.hasZodError || !serverMessage ? fallback : serverMessage, action: { kind: "fix-input" } };
    default:
      return { message: serverMessage ?? fallback, action: { kind: "retry" } };
  }
}

/** Just the words, for messages shown next to the control that failed. */
export function describeApiErrorMessage(error: unknown, fallback: string = DEFAULT_FALLBACK): string {
  return describeApiError(error, fallback).message;
}

/** How many times a failed read is retried when retrying can help (TanStack Query's default is 3). */
const MAX_QUERY_RETRIES = 2;

/**
 * TanStack Query `retry` for reads: retry network blips and server faults, but not failures that
 * another identical request cannot fix (not connected, a quota or rate wait, bad input, signed out), so
 * their message shows at once instead of after several seconds of backoff.
 */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_QUERY_RETRIES && describeApiError(error).action?.kind === "retry";
}
