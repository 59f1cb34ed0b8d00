/**
 * Data API error bodies in Google's envelope, worded as the recorded samples in test/fixtures/google/
 * (quotaExceeded, authError, playlistNotFound) and the bodies quoted in docs/youtube-errors.md. Clients key on `errors[].reason`, `status` and `details[].reason`, so
 * those must be exact; messages follow Google's text, including its HTML fragments.
 *
 * Two layouts (docs/youtube-errors.md): the current one (`code`, `message`, `errors`, then `status` and
 * `details` with a google.rpc.ErrorInfo carrying the real cause) and the legacy one Google sent until about
 * 2020 (`errors` first, then `code` and `message`; no `status`, no `details`; the cause in `errors[].reason`).
 */
import type { Fault } from "./faults.ts";

export interface GoogleErrorItem {
  message: string;
  domain: string;
  reason: string;
  location?: string;
  locationType?: string;
  extendedHelp?: string;
}

export interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    errors: GoogleErrorItem[];
    status?: string;
    details?: unknown[];
  };
}

/** Thrown by Data API handlers; the pipeline turns it into the HTTP reply. */
export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: GoogleErrorBody,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.error.message);
    this.name = "GoogleApiError";
  }
}

function buildError(
  code: number,
  item: GoogleErrorItem,
  extra: { topMessage?: string; status?: string; details?: unknown[]; headers?: Record<string, string> } = {},
): GoogleApiError {
  const error: GoogleErrorBody["error"] = { code, message: extra.topMessage ?? item.message, errors: [item] };
  if (extra.status) error.status = extra.status;
  if (extra.details) error.details = extra.details;
  return new GoogleApiError(code, { error }, extra.headers);
}

function parameterItem(message: string, domain: string, reason: string, location: string): GoogleErrorItem {
  return { message, domain, reason, location, locationType: "parameter" };
}

// Recorded body (error.quotaExceeded.403.json): no `status`, HTML in the message.
export function quotaExceededError(): GoogleApiError {
  return buildError(403, {
    message:
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
    domain: "youtube.quota",
    reason: "quotaExceeded",
  });
}

export function rateLimitExceededError(): GoogleApiError {
  return buildError(403, { message: "Rate Limit Exceeded", domain: "usageLimits", reason: "rateLimitExceeded" });
}

// The newer front-end form of rate limiting; Retry-After tells the client when to come back.
export function tooManyRequestsError(retryAfterSeconds: number): GoogleApiError {
  return buildError(
    429,
    { message: "Resource has been exhausted (e.g. check quota).", domain: "global", reason: "rateLimitExceeded" },
    {
      status: "RESOURCE_EXHAUSTED",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "RATE_LIMIT_EXCEEDED",
          domain: "googleapis.com",
          metadata: { service: "youtube.googleapis.com" },
        },
      ],
      headers: { "retry-after": String(retryAfterSeconds) },
    },
  );
}

export function backendError(status: 500 | 503, retryAfterSeconds?: number): GoogleApiError {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) };
  if (status === 503) {
    return buildError(
      503,
      { message: "The service is currently unavailable.", domain: "global", reason: "backendError" },
      { status: "UNAVAILABLE", headers },
    );
  }
  return buildError(
    500,
    { message: "Backend Error", domain: "global", reason: "backendError" },
    { status: "INTERNAL", headers },
  );
}

// Recorded body (error.authError.401.json): expired, revoked or unknown bearer token.
export function authError(): GoogleApiError {
  return buildError(
    401,
    {
      message: "Invalid Credentials",
      domain: "global",
      reason: "authError",
      location: "Authorization",
      locationType: "header",
    },
    {
      topMessage:
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
      status: "UNAUTHENTICATED",
    },
  );
}

/**
 * A valid access token without a YouTube scope (e.g. only openid/email/profile). Body as Google's
 * front end sends it for every API; `WWW-Authenticate` names the scopes that would do.
 */
export function insufficientPermissionsError(acceptedScopes: readonly string[]): GoogleApiError {
  return buildError(
    403,
    { message: "Insufficient Permission", domain: "global", reason: "insufficientPermissions" },
    {
      topMessage: "Request had insufficient authentication scopes.",
      status: "PERMISSION_DENIED",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
          domain: "googleapis.com",
          metadata: { service: "youtube.googleapis.com" },
        },
      ],
      headers: {
        "www-authenticate": `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${acceptedScopes.join(" ")}"`,
      },
    },
  );
}

// `mine=true` with only an API key.
export function authorizationRequiredError(parameter: string): GoogleApiError {
  return buildError(
    401,
    parameterItem(
      `The request uses the <code>${parameter}</code> parameter but is not properly authorized.`,
      "youtube.parameter",
      "authorizationRequired",
      parameter,
    ),
  );
}

export function missingApiKeyError(): GoogleApiError {
  return buildError(
    403,
    { message: "The request is missing a valid API key.", domain: "global", reason: "forbidden" },
    { status: "PERMISSION_DENIED" },
  );
}

export function invalidApiKeyError(): GoogleApiError {
  return buildError(
    400,
    { message: "API key not valid. Please pass a valid API key.", domain: "global", reason: "badRequest" },
    {
      status: "INVALID_ARGUMENT",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "API_KEY_INVALID",
          domain: "googleapis.com",
          metadata: { service: "youtube.googleapis.com" },
        },
      ],
    },
  );
}

// Recorded body (error.playlistNotFound.404.json).
export function playlistNotFoundError(): GoogleApiError {
  return buildError(
    404,
    parameterItem(
      "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.",
      "youtube.playlistItem",
      "playlistNotFound",
      "playlistId",
    ),
  );
}

export function invalidPageTokenError(): GoogleApiError {
  return buildError(
    400,
    parameterItem("The request specifies an invalid page token.", "youtube.parameter", "invalidPageToken", "pageToken"),
  );
}

export function missingRequiredParameterError(parameter: string): GoogleApiError {
  return buildError(
    400,
    parameterItem(`Required parameter: ${parameter}`, "youtube.parameter", "missingRequiredParameter", parameter),
  );
}

// A list call without any of its filters (e.g. videos.list with no id).
export function missingFilterError(filters: readonly string[]): GoogleApiError {
  return buildError(
    400,
    parameterItem(
      `No filter selected. Expected one of: ${filters.join(", ")}`,
      "youtube.parameter",
      "missingRequiredParameter",
      "parameters",
    ),
  );
}

export function incompatibleParametersError(parameters: readonly string[]): GoogleApiError {
  return buildError(
    400,
    parameterItem(
      `Incompatible parameters specified in the request: ${parameters.join(", ")}`,
      "youtube.parameter",
      "incompatibleParameters",
      "parameters",
    ),
  );
}

// Real reply to more than 50 ids in videos.list / channels.list (recorded in public code comments).
export function invalidFiltersError(): GoogleApiError {
  return buildError(400, {
    message: "The request specifies an invalid filter parameter.",
    domain: "youtube.parameter",
    reason: "invalidFilters",
    location: "parameters.",
    locationType: "other",
  });
}

// search.list's own 400 for filters that cannot go together (Google's search.list error table), e.g.
// forMine with publishedAfter.
export function invalidSearchFilterError(): GoogleApiError {
  return buildError(
    400,
    parameterItem(
      "The request contains an invalid combination of search filters and/or restrictions.",
      "youtube.search",
      "invalidSearchFilter",
      "parameters",
    ),
  );
}

export function invalidParameterError(parameter: string, message: string): GoogleApiError {
  return buildError(400, parameterItem(message, "global", "invalidParameter", parameter), {
    status: "INVALID_ARGUMENT",
  });
}

// Google answers with the offending part name in quotes as the whole message.
export function unknownPartError(part: string): GoogleApiError {
  return buildError(400, parameterItem(`'${part}'`, "youtube.part", "unknownPart", "part"));
}

export function methodNotFoundError(): GoogleApiError {
  return buildError(404, { message: "Not Found", domain: "global", reason: "notFound" }, { status: "NOT_FOUND" });
}

export function notImplementedError(method: string): GoogleApiError {
  return buildError(
    501,
    { message: `The Showreel emulator does not implement ${method}.`, domain: "global", reason: "notImplemented" },
    { status: "UNIMPLEMENTED" },
  );
}

/** The layout of a Google error body: see the module comment. */
export type ErrorLayout = "current" | "legacy";

/** The Cloud project the emulated API key belongs to, as Google names it in messages and metadata. */
export const EMULATED_PROJECT_NUMBER = "123456789012";
const CONSUMER = `projects/${EMULATED_PROJECT_NUMBER}`;
const ACTIVATION_URL = `https://console.developers.google.com/apis/api/youtube.googleapis.com/overview?project=${EMULATED_PROJECT_NUMBER}`;
const CREDENTIALS_URL = `https://console.developers.google.com/apis/credentials?project=${EMULATED_PROJECT_NUMBER}`;
/** The caller's address Google names in an IP-restriction refusal (TEST-NET-3, never routable). */
const CALLER_IP = "203.0.113.7";

function errorInfo(reason: string, metadata: Record<string, string> = {}): Record<string, unknown> {
  return {
    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
    reason,
    domain: "googleapis.com",
    metadata: { service: "youtube.googleapis.com", consumer: CONSUMER, ...metadata },
  };
}

/** Google's pre-2020 key order: `errors` before `code` and `message`, nothing else. */
function legacyError(code: number, item: GoogleErrorItem): GoogleApiError {
  return new GoogleApiError(code, { error: { errors: [item], code, message: item.message } });
}

/** "videos.list" → "youtube.api.v3.V3DataVideoService.List", the method name Google's refusals carry. */
function rpcMethodName(method: string | null): string {
  const SERVICES: Record<string, string> = {
    videos: "Video",
    channels: "Channel",
    playlistItems: "PlaylistItem",
    search: "Search",
  };
  const [resource = "", verb = "list"] = (method ?? "videos.list").split(".");
  const service = SERVICES[resource] ?? resource.charAt(0).toUpperCase() + resource.slice(1);
  return `youtube.api.v3.V3Data${service}Service.${verb.charAt(0).toUpperCase()}${verb.slice(1)}`;
}

/** A bad API key. Current: the generic `badRequest` plus ErrorInfo API_KEY_INVALID; legacy: `keyInvalid`. */
export function apiKeyInvalidError(layout: ErrorLayout): GoogleApiError {
  if (layout === "legacy")
    return legacyError(400, { domain: "usageLimits", reason: "keyInvalid", message: "Bad Request" });
  return invalidApiKeyError();
}

/** The YouTube Data API is not enabled in the key's Cloud project (`accessNotConfigured` / SERVICE_DISABLED). */
export function serviceDisabledError(layout: ErrorLayout): GoogleApiError {
  const message = `YouTube Data API v3 has not been used in project ${EMULATED_PROJECT_NUMBER} before or it is disabled. Enable it by visiting ${ACTIVATION_URL} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`;
  if (layout === "legacy") {
    return legacyError(403, {
      domain: "usageLimits",
      reason: "accessNotConfigured",
      message: `Access Not Configured. ${message}`,
      extendedHelp: ACTIVATION_URL,
    });
  }
  return buildError(
    403,
    {
      message,
      domain: "usageLimits",
      reason: "accessNotConfigured",
      extendedHelp: "https://console.developers.google.com",
    },
    {
      status: "PERMISSION_DENIED",
      details: [
        errorInfo("SERVICE_DISABLED", {
          activationUrl: ACTIVATION_URL,
          serviceTitle: "YouTube Data API v3",
          containerInfo: EMULATED_PROJECT_NUMBER,
        }),
        {
          "@type": "type.googleapis.com/google.rpc.Help",
          links: [{ description: "Google developers console API activation", url: ACTIVATION_URL }],
        },
      ],
    },
  );
}

/**
 * The key's API restrictions leave out the YouTube Data API. Google brought API restrictions in with the
 * ErrorInfo layout; the legacy form is the bare `forbidden` it sent for a refused key before that.
 */
export function apiKeyServiceBlockedError(layout: ErrorLayout, method: string | null): GoogleApiError {
  const rpcMethod = rpcMethodName(method);
  const item: GoogleErrorItem = {
    message: `Requests to this API youtube method ${rpcMethod} are blocked.`,
    domain: "global",
    reason: "forbidden",
  };
  if (layout === "legacy") return legacyError(403, item);
  return buildError(403, item, {
    status: "PERMISSION_DENIED",
    details: [errorInfo("API_KEY_SERVICE_BLOCKED", { methodName: rpcMethod, apiName: "youtube.googleapis.com" })],
  });
}

/** The key is restricted to HTTP referrers and the call named none (a server never does). */
export function apiKeyHttpReferrerBlockedError(layout: ErrorLayout): GoogleApiError {
  if (layout === "legacy") {
    return legacyError(403, {
      domain: "usageLimits",
      reason: "ipRefererBlocked",
      message:
        "The request did not specify any referer. Please ensure that the client is sending referer or use the API Console to remove the referer restrictions.",
      extendedHelp: CREDENTIALS_URL,
    });
  }
  return buildError(
    403,
    { message: "Requests from referer <empty> are blocked.", domain: "global", reason: "forbidden" },
    { status: "PERMISSION_DENIED", details: [errorInfo("API_KEY_HTTP_REFERRER_BLOCKED")] },
  );
}

/** The key is restricted to IP addresses and this server's is not one of them. */
export function apiKeyIpAddressBlockedError(layout: ErrorLayout): GoogleApiError {
  const message = `The provided API key has an IP address restriction. The originating IP address of the call (${CALLER_IP}) violates this restriction.`;
  if (layout === "legacy")
    return legacyError(403, {
      domain: "usageLimits",
      reason: "ipRefererBlocked",
      message,
      extendedHelp: CREDENTIALS_URL,
    });
  return buildError(
    403,
    { message, domain: "global", reason: "forbidden" },
    { status: "PERMISSION_DENIED", details: [errorInfo("API_KEY_IP_ADDRESS_BLOCKED")] },
  );
}

/** The bearer's Google account has no YouTube channel (tokland/youtube-upload#288 records the legacy body). */
export function youtubeSignupRequiredError(layout: ErrorLayout): GoogleApiError {
  const item: GoogleErrorItem = {
    domain: "youtube.header",
    reason: "youtubeSignupRequired",
    message: "Unauthorized",
    locationType: "header",
    location: "Authorization",
  };
  if (layout === "legacy") return legacyError(401, item);
  return buildError(401, item, { status: "UNAUTHENTICATED" });
}

/** The reply a configuration or account fault stands for, or null for the other kinds (5xx, rate, quota). */
export function configFaultError(fault: Pick<Fault, "kind" | "layout">, method: string | null): GoogleApiError | null {
  switch (fault.kind) {
    case "apiKeyInvalid":
      return apiKeyInvalidError(fault.layout);
    case "serviceDisabled":
      return serviceDisabledError(fault.layout);
    case "apiKeyServiceBlocked":
      return apiKeyServiceBlockedError(fault.layout, method);
    case "apiKeyHttpReferrerBlocked":
      return apiKeyHttpReferrerBlockedError(fault.layout);
    case "apiKeyIpAddressBlocked":
      return apiKeyIpAddressBlockedError(fault.layout);
    case "youtubeSignupRequired":
      return youtubeSignupRequiredError(fault.layout);
    default:
      return null;
  }
}
