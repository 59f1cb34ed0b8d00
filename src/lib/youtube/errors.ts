/**
 * What went wrong talking to YouTube, classified from structured fields only: HTTP status plus
 * `error.errors[0].reason` (falling back to `error.details[].reason` / `error.status`), never message text
 * (reference/youtube-api.md §2). The client turns these into AppErrors for callers; YouTubeApiError itself
 * is for the client's own decisions and for tests.
 */
export type YouTubeErrorKind =
  | "quota" // daily quota spent: stop until the Pacific-midnight reset
  | "rate_limited" // short-term rate: back off and retry
  | "server" // 5xx, network failure, timeout: transient, retry with backoff
  | "auth" // 401 authError: refresh the token once, then retry once
  | "reconnect" // the grant cannot do this (insufficientPermissions, youtubeSignupRequired)
  | "not_found" // playlistNotFound and friends
  | "bad_request" // our bug: bad parameter, page token, part
  | "config" // API not enabled, bad API key: an operator must fix configuration
  | "bad_response"; // a reply we cannot parse

export class YouTubeApiError extends Error {
  readonly kind: YouTubeErrorKind;
  readonly status: number | null;
  readonly reason: string | null;
  /** From a Retry-After header, when the upstream sent one. */
  readonly retryAfterMs: number | null;

  constructor(options: {
    kind: YouTubeErrorKind;
    message: string;
    status?: number | null;
    reason?: string | null;
    retryAfterMs?: number | null;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = "YouTubeApiError";
    this.kind = options.kind;
    this.status = options.status ?? null;
    this.reason = options.reason ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }

  get isRetryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "server";
  }
}

const QUOTA_REASONS = new Set(["quotaExceeded", "dailyLimitExceeded"]);
const RATE_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"]);
const RECONNECT_REASONS = new Set(["insufficientPermissions", "youtubeSignupRequired", "forbidden"]);
const NOT_FOUND_REASONS = new Set(["playlistNotFound", "videoNotFound", "channelNotFound", "playlistItemsNotAccessible"]);
const CONFIG_REASONS = new Set(["accessNotConfigured", "keyInvalid", "SERVICE_DISABLED", "API_KEY_INVALID", "authorizationRequired"]);

type ErrorBody = {
  error?: {
    code?: unknown;
    message?: unknown;
    status?: unknown;
    errors?: { reason?: unknown }[];
    details?: { reason?: unknown }[];
  };
};

/** The first machine-readable reason Google put in the body, if any. */
export function reasonOf(body: unknown): string | null {
  const error = (body as ErrorBody | null)?.error;
  if (!error || typeof error !== "object") return null;
  const candidates = [error.errors?.[0]?.reason, ...(error.details ?? []).map((detail) => detail?.reason), error.status];
  const found = candidates.find((candidate) => typeof candidate === "string" && candidate.length > 0);
  return typeof found === "string" ? found : null;
}

/** Parses Retry-After (delta-seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function classifyError(status: number, body: unknown, retryAfter?: string | null): YouTubeApiError {
  const reason = reasonOf(body);
  const retryAfterMs = parseRetryAfter(retryAfter);
  const base = { status, reason, retryAfterMs };
  const describe = (what: string) => `YouTube ${status}${reason ? ` ${reason}` : ""}: ${what}`;
  if (status === 403 && reason && QUOTA_REASONS.has(reason)) return new YouTubeApiError({ ...base, kind: "quota", message: describe("daily quota exceeded") });
  if (status === 429 || (reason && RATE_REASONS.has(reason))) return new YouTubeApiError({ ...base, kind: "rate_limited", message: describe("rate limited") });
  if (status >= 500) return new YouTubeApiError({ ...base, kind: "server", message: describe("server error") });
  if (reason && CONFIG_REASONS.has(reason)) return new YouTubeApiError({ ...base, kind: "config", message: describe("API not usable with this configuration") });
  if (status === 401) return new YouTubeApiError({ ...base, kind: "auth", message: describe("credentials rejected") });
  if (reason && RECONNECT_REASONS.has(reason)) return new YouTubeApiError({ ...base, kind: "reconnect", message: describe("access not granted") });
  if (status === 404 || (reason && NOT_FOUND_REASONS.has(reason))) return new YouTubeApiError({ ...base, kind: "not_found", message: describe("not found") });
  return new YouTubeApiError({ ...base, kind: "bad_request", message: describe("request rejected") });
}
