/**
 * What went wrong talking to YouTube, classified from structured fields only, never message text
 * (docs/youtube-errors.md). Google sends two layouts: the current one carries a generic
 * `errors[].reason` (often `badRequest` or `forbidden`) plus the real cause in `status` and
 * `details[].reason` (a google.rpc.ErrorInfo); the legacy one has only `errors[]`. Every reason from
 * both is read. The client turns these into AppErrors for callers; YouTubeApiError itself is for the
 * client's own decisions and for tests.
 */
import { parseRetryAfter } from "~/lib/upstream/vendor-request";

export type YouTubeErrorKind =
  | "quota" // daily quota spent: stop until the Pacific-midnight reset
  | "rate_limited" // short-term rate: back off and retry
  | "server" // 5xx, network failure, timeout: transient, retry with backoff
  | "auth" // 401 authError: refresh the token once, then retry once
  | "reconnect" // the grant cannot do this (insufficientPermissions, forbidden on a user's token)
  | "no_channel" // youtubeSignupRequired: the Google account has no YouTube channel; no refresh can help
  | "not_found" // playlistNotFound and friends
  | "bad_request" // our bug: bad parameter, page token, part
  | "config" // API not enabled, API key invalid or restricted: an operator must fix configuration
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
/**
 * Showreel's own Google setup is wrong. Legacy `errors[]` reasons first, then the ErrorInfo reasons of the
 * current layout (whose `errors[]` says only `badRequest`/`forbidden`/`accessNotConfigured`).
 * `authorizationRequired` is `mine=true` sent with only a key: our wiring, never the user's doing.
 */
export const CONFIG_REASONS: ReadonlySet<string> = new Set([
  "keyInvalid",
  "accessNotConfigured",
  "ipRefererBlocked",
  "authorizationRequired",
  "API_KEY_INVALID",
  "SERVICE_DISABLED",
  "API_KEY_SERVICE_BLOCKED",
  "API_KEY_HTTP_REFERRER_BLOCKED",
  "API_KEY_IP_ADDRESS_BLOCKED",
  "API_KEY_ANDROID_APP_BLOCKED",
  "API_KEY_IOS_APP_BLOCKED",
  "CONSUMER_INVALID",
  "CONSUMER_SUSPENDED",
]);
const NO_CHANNEL_REASONS = new Set(["youtubeSignupRequired"]);
const AUTH_REASONS = new Set([
  "authError",
  "ACCESS_TOKEN_EXPIRED",
  "ACCESS_TOKEN_TYPE_UNSUPPORTED",
  "CREDENTIALS_MISSING",
]);
const RECONNECT_REASONS = new Set(["insufficientPermissions", "forbidden", "ACCESS_TOKEN_SCOPE_INSUFFICIENT"]);
const NOT_FOUND_REASONS = new Set([
  "playlistNotFound",
  "videoNotFound",
  "channelNotFound",
  "playlistItemsNotAccessible",
]);

type ErrorBody = {
  error?: {
    code?: unknown;
    message?: unknown;
    status?: unknown;
    errors?: unknown;
    details?: unknown;
  };
};

/** What the call was made with: a 403 `forbidden` means a refused key on a key call, a refused grant on a user's. */
export type Credential = "key" | "token";

/** The reasons a body carries: every `errors[].reason`, every `details[].reason`, and `status`. */
function reasonsIn(body: unknown): { items: string[]; details: string[]; status: string | null } {
  const error = (body as ErrorBody | null)?.error;
  if (!error || typeof error !== "object") return { items: [], details: [], status: null };
  const strings = (list: unknown): string[] =>
    Array.isArray(list)
      ? list
          .map((entry: unknown) => (entry as { reason?: unknown } | null)?.reason)
          .filter((reason): reason is string => typeof reason === "string" && reason.length > 0)
      : [];
  return {
    items: strings(error.errors),
    details: strings(error.details),
    status: typeof error.status === "string" && error.status ? error.status : null,
  };
}

/**
 * The most specific machine-readable reason in the body: an ErrorInfo reason (the real cause in the
 * current layout), else the first `errors[].reason`, else `status`.
 */
export function reasonOf(body: unknown): string | null {
  const { items, details, status } = reasonsIn(body);
  return details[0] ?? items[0] ?? status;
}

export function classifyError(
  status: number,
  body: unknown,
  retryAfter?: string | null,
  { credential = "token" }: { credential?: Credential } = {},
): YouTubeApiError {
  const { items, details, status: rpcStatus } = reasonsIn(body);
  const all = [...details, ...items];
  const matching = (set: ReadonlySet<string>) => all.find((reason) => set.has(reason)) ?? null;
  const retryAfterMs = parseRetryAfter(retryAfter);
  const make = (kind: YouTubeErrorKind, what: string, reason: string | null = reasonOf(body)) =>
    new YouTubeApiError({
      kind,
      status,
      reason,
      retryAfterMs,
      message: `YouTube ${status}${reason ? ` ${reason}` : ""}: ${what}`,
    });

  const quota = matching(QUOTA_REASONS);
  if (status === 403 && quota) return make("quota", "daily quota exceeded", quota);
  if (status === 429 || matching(RATE_REASONS))
    return make("rate_limited", "rate limited", matching(RATE_REASONS) ?? reasonOf(body));
  if (status >= 500) return make("server", "server error");
  const config = matching(CONFIG_REASONS);
  if (config) return make("config", "Showreel's Google configuration is refused", config);
  // A refused API key whose reply names no specific cause (an API restriction in the legacy layout,
  // or no key at all): the key is ours, so this is configuration, not the user's grant.
  const isBareRefusal =
    items.length === 0 ? rpcStatus === "PERMISSION_DENIED" : items.every((reason) => reason === "forbidden");
  if (credential === "key" && status === 403 && isBareRefusal) {
    return make("config", "Showreel's Google configuration is refused");
  }
  const noChannel = matching(NO_CHANNEL_REASONS);
  if (noChannel) return make("no_channel", "the Google account has no YouTube channel", noChannel);
  if (status === 401 || matching(AUTH_REASONS) || rpcStatus === "UNAUTHENTICATED")
    return make("auth", "credentials rejected");
  const reconnect = matching(RECONNECT_REASONS);
  if (reconnect) return make("reconnect", "access not granted", reconnect);
  const notFound = matching(NOT_FOUND_REASONS);
  if (status === 404 || notFound) return make("not_found", "not found", notFound ?? reasonOf(body));
  return make("bad_request", "request rejected");
}
