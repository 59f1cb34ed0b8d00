/**
 * Every error reason Google documents for the Data API methods Showreel calls (docs/youtube-errors.md),
 * each in the current layout (generic `errors[].reason`, the cause in `status` and a google.rpc.ErrorInfo)
 * and in the legacy layout (`errors[]` only), sent through the real client against undici's MockAgent.
 * For each: the class, whether the call is retried, whether the breaker counts it, what the creator is told
 * (the AppError's code and message; src/components/errors/error-text.test.ts holds the UI's words for the
 * codes whose server message it replaces), and what the operator gets (the `youtube_api_requests_total`
 * outcome, the config log line and hook).
 */
import pino from "pino";
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors";
import { createUpstreamBreaker, type UpstreamBreaker } from "~/lib/upstream/circuit-breaker";
import { metrics } from "~/server/metrics";
import {
  CONFIG_RECHECK_DELAY_MS,
  createYouTubeClient,
  NO_CHANNEL_MESSAGE,
  RETRY_MAX_ATTEMPTS,
  type ConfigErrorReport,
} from "./client";
import { isYouTubeOutage } from "./default-client";
import { classifyError, YouTubeApiError, type YouTubeErrorKind } from "./errors";

const API = "https://yt.test";
const UPLOADS = "UU_x5XG1OV2P6uZZ5FSM9Ttw";

type Layout = "current" | "legacy";
type Credential = "key" | "token";

/**
 * One documented reason. `item` is what `errors[0]` says in the current layout (Google puts a generic
 * reason there when the cause is an ErrorInfo); `legacy` is `errors[0]` in the legacy layout.
 */
type Row = {
  status: number;
  item: { domain: string; reason: string };
  rpcStatus?: string;
  info?: string;
  legacy: { domain: string; reason: string };
  /** Which credential the call used: some reasons only arise with one (authError needs a token). */
  credential: Credential;
  kind: YouTubeErrorKind;
};

const row = (
  status: number,
  domain: string,
  reason: string,
  kind: YouTubeErrorKind,
  extra: Partial<Pick<Row, "rpcStatus" | "info" | "legacy" | "credential">> & { item?: Row["item"] } = {},
): Row => ({
  status,
  item: extra.item ?? { domain, reason },
  legacy: extra.legacy ?? { domain, reason },
  credential: extra.credential ?? "key",
  kind,
  ...(extra.rpcStatus ? { rpcStatus: extra.rpcStatus } : {}),
  ...(extra.info ? { info: extra.info } : {}),
});

const IP_REFERER_BLOCKED = { domain: "usageLimits", reason: "ipRefererBlocked" };

const TABLE: Row[] = [
  row(403, "youtube.quota", "quotaExceeded", "quota"),
  row(403, "usageLimits", "dailyLimitExceeded", "quota"),
  row(403, "usageLimits", "rateLimitExceeded", "rate_limited"),
  row(403, "usageLimits", "userRateLimitExceeded", "rate_limited"),
  row(429, "global", "rateLimitExceeded", "rate_limited", {
    rpcStatus: "RESOURCE_EXHAUSTED",
    info: "RATE_LIMIT_EXCEEDED",
  }),
  row(403, "usageLimits", "accessNotConfigured", "config", {
    rpcStatus: "PERMISSION_DENIED",
    info: "SERVICE_DISABLED",
  }),
  row(403, "usageLimits", "accessNotConfigured", "config", {
    rpcStatus: "PERMISSION_DENIED",
    info: "SERVICE_DISABLED",
    credential: "token",
  }),
  row(400, "usageLimits", "keyInvalid", "config", {
    item: { domain: "global", reason: "badRequest" },
    rpcStatus: "INVALID_ARGUMENT",
    info: "API_KEY_INVALID",
  }),
  row(403, "global", "forbidden", "config", { rpcStatus: "PERMISSION_DENIED", info: "API_KEY_SERVICE_BLOCKED" }),
  row(403, "global", "forbidden", "config", {
    rpcStatus: "PERMISSION_DENIED",
    info: "API_KEY_HTTP_REFERRER_BLOCKED",
    legacy: IP_REFERER_BLOCKED,
  }),
  row(403, "global", "forbidden", "config", {
    rpcStatus: "PERMISSION_DENIED",
    info: "API_KEY_IP_ADDRESS_BLOCKED",
    legacy: IP_REFERER_BLOCKED,
  }),
  row(401, "youtube.parameter", "authorizationRequired", "config"),
  row(403, "global", "forbidden", "reconnect", { rpcStatus: "PERMISSION_DENIED", credential: "token" }),
  row(403, "global", "insufficientPermissions", "reconnect", {
    rpcStatus: "PERMISSION_DENIED",
    info: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
    credential: "token",
  }),
  row(401, "global", "authError", "auth", {
    rpcStatus: "UNAUTHENTICATED",
    info: "ACCESS_TOKEN_EXPIRED",
    credential: "token",
  }),
  row(401, "youtube.header", "youtubeSignupRequired", "no_channel", {
    rpcStatus: "UNAUTHENTICATED",
    credential: "token",
  }),
  row(403, "youtube.playlistItem", "playlistItemsNotAccessible", "not_found", { rpcStatus: "PERMISSION_DENIED" }),
  row(404, "youtube.playlistItem", "playlistNotFound", "not_found", { rpcStatus: "NOT_FOUND" }),
  row(404, "youtube.commentThread", "videoNotFound", "not_found", { rpcStatus: "NOT_FOUND" }),
  row(400, "global", "badRequest", "bad_request", { rpcStatus: "INVALID_ARGUMENT" }),
  row(400, "youtube.parameter", "invalidPageToken", "bad_request"),
  row(400, "youtube.parameter", "missingRequiredParameter", "bad_request"),
  row(400, "youtube.parameter", "unexpectedParameter", "bad_request"),
  row(400, "youtube.parameter", "incompatibleParameters", "bad_request"),
  row(400, "youtube.parameter", "invalidFilters", "bad_request"),
  row(400, "global", "invalidParameter", "bad_request", { rpcStatus: "INVALID_ARGUMENT" }),
  row(400, "youtube.part", "unknownPart", "bad_request"),
  row(500, "global", "backendError", "server", { rpcStatus: "INTERNAL" }),
  row(503, "global", "backendError", "server", { rpcStatus: "UNAVAILABLE" }),
];

function bodyOf(entry: Row, layout: Layout): object {
  const message = `Google's words for ${entry.item.reason}`;
  if (layout === "legacy") return { error: { errors: [{ ...entry.legacy, message }], code: entry.status, message } };
  const error: Record<string, unknown> = { code: entry.status, message, errors: [{ message, ...entry.item }] };
  if (entry.rpcStatus) error.status = entry.rpcStatus;
  if (entry.info) {
    error.details = [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: entry.info,
        domain: "googleapis.com",
        metadata: { service: "youtube.googleapis.com" },
      },
    ];
  }
  return { error };
}

/** What each class means for the call, the breaker, the creator and the operator. */
type Expected = {
  attempts: number;
  breakerCounts: boolean;
  code: AppError["code"] | null;
  /** What the creator is told: the AppError's message. */
  userText: string;
};

const EXPECTED: Record<Exclude<YouTubeErrorKind, "bad_response">, Expected> = {
  quota: {
    attempts: 1,
    breakerCounts: false,
    code: "QUOTA_EXHAUSTED",
    userText: "Today's YouTube quota is used up. Work resumes automatically after the daily reset.",
  },
  rate_limited: {
    attempts: RETRY_MAX_ATTEMPTS,
    breakerCounts: false,
    code: "RATE_LIMITED",
    userText: "YouTube asked us to slow down; this continues shortly.",
  },
  server: {
    attempts: RETRY_MAX_ATTEMPTS,
    breakerCounts: true,
    code: "UPSTREAM_UNAVAILABLE",
    userText: "YouTube is having trouble right now; work resumes by itself.",
  },
  // One refresh, one retry with the new token.
  auth: {
    attempts: 2,
    breakerCounts: false,
    code: "RECONNECT_REQUIRED",
    userText: "YouTube no longer accepts Showreel's access. Reconnect your channel.",
  },
  reconnect: {
    attempts: 1,
    breakerCounts: false,
    code: "RECONNECT_REQUIRED",
    userText: "YouTube no longer accepts Showreel's access. Reconnect your channel.",
  },
  no_channel: { attempts: 1, breakerCounts: false, code: "RECONNECT_REQUIRED", userText: NO_CHANNEL_MESSAGE },
  not_found: {
    attempts: 1,
    breakerCounts: false,
    code: "NOT_FOUND",
    userText: "This channel has no public uploads, or it no longer exists.",
  },
  bad_request: {
    attempts: 1,
    breakerCounts: false,
    code: "INVALID_INPUT",
    userText: "YouTube rejected the request as invalid.",
  },
  config: {
    attempts: 1,
    breakerCounts: false,
    code: "UPSTREAM_MISCONFIGURED",
    userText: "Showreel cannot reach YouTube because of a configuration problem; an administrator has been told.",
  },
};

let agent: MockAgent;
let breaker: UpstreamBreaker;
let breakerFailures: number;
let logLines: { msg: string; reason?: string }[];
let configReports: ConfigErrorReport[];
let refreshes: boolean[];

function makeClient() {
  return createYouTubeClient({
    apiBaseUrl: API,
    feedBaseUrl: "https://feeds.test",
    apiKey: "test-key",
    getAccessToken: async ({ forceRefresh }) => {
      refreshes.push(forceRefresh);
      return forceRefresh ? "fresh" : "stale";
    },
    dispatcher: agent,
    breakers: { dataApi: breaker, feeds: breaker },
    quota: { reserve: async () => {}, markExhausted: async () => new Date("2030-01-02T08:00:00Z") },
    onConfigError: (report) => configReports.push(report),
    logger: pino(
      { level: "debug" },
      { write: (line: string) => void logLines.push(JSON.parse(line) as { msg: string }) },
    ),
    timeoutMs: 2_000,
    sleep: async () => {},
    random: () => 0.5,
  });
}

async function countOf(outcome: string): Promise<number> {
  const { values } = await metrics.youtubeApiRequestsTotal.get();
  return (
    values.find((value) => value.labels.method === "playlistItems.list" && value.labels.outcome === outcome)?.value ?? 0
  );
}

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  breakerFailures = 0;
  breaker = createUpstreamBreaker("table", {
    isFailure: (error) => {
      const counts = isYouTubeOutage(error);
      if (counts) breakerFailures += 1;
      return counts;
    },
    volumeThreshold: 100,
  });
  logLines = [];
  configReports = [];
  refreshes = [];
});

afterEach(async () => {
  breaker.shutdown();
  await agent.close();
});

const cases = TABLE.flatMap((entry) => (["current", "legacy"] as const).map((layout) => ({ entry, layout })));

describe("Google's documented error reasons × layout", () => {
  it.each(
    cases.map(
      ({ entry, layout }) =>
        [`${entry.status} ${entry.info ?? entry.item.reason} (${layout}, ${entry.credential})`, entry, layout] as const,
    ),
  )("%s", async (_name, entry, layout) => {
    const expected = EXPECTED[entry.kind as keyof typeof EXPECTED];
    const body = bodyOf(entry, layout);
    expect(classifyError(entry.status, body, null, { credential: entry.credential }).kind).toBe(entry.kind);

    let attempts = 0;
    agent
      .get(API)
      .intercept({ path: (path) => path.startsWith("/youtube/v3/playlistItems?") })
      .reply(() => {
        attempts += 1;
        return {
          statusCode: entry.status,
          data: JSON.stringify(body),
          responseOptions: { headers: { "content-type": "application/json" } },
        };
      })
      .persist();
    const outcomeBefore = await countOf(entry.kind);
    const startedAt = Date.now();

    const error = await makeClient()
      .listUploadsPage({ playlistId: UPLOADS, asUser: entry.credential === "token" })
      .catch((caught: unknown) => caught);

    // Class and what the caller (job, tRPC) gets.
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe(expected.code);
    expect(appError.cause).toBeInstanceOf(YouTubeApiError);
    expect((appError.cause as YouTubeApiError).kind).toBe(entry.kind);
    // Retried or not, and (for 401 authError only) one token refresh in between.
    expect(attempts).toBe(expected.attempts);
    expect(refreshes.filter(Boolean)).toHaveLength(entry.kind === "auth" ? 1 : 0);
    // The breaker counts outages only.
    expect(breakerFailures > 0).toBe(expected.breakerCounts);
    // What the creator is told.
    expect(appError.message).toBe(expected.userText);
    // The operator's signals: every attempt counted under its class; configuration also logs one line
    // naming the reason and reports it once (for /ops).
    expect((await countOf(entry.kind)) - outcomeBefore).toBe(expected.attempts);
    const configLines = logLines.filter((line) => line.msg === "youtube.config_error");
    if (entry.kind === "config") {
      const reason = layout === "current" && entry.info ? entry.info : entry.legacy.reason;
      expect(configLines).toEqual([expect.objectContaining({ reason })]);
      expect(configReports).toEqual([{ method: "playlistItems.list", status: entry.status, reason }]);
      expect(appError.retryAt!.getTime()).toBeGreaterThanOrEqual(startedAt + CONFIG_RECHECK_DELAY_MS);
    } else {
      expect(configLines).toEqual([]);
      expect(configReports).toEqual([]);
    }
  });

  it("covers every class the client has, each in both layouts", () => {
    const classes = new Set(cases.map(({ entry }) => entry.kind));
    expect([...classes].toSorted()).toEqual(Object.keys(EXPECTED).toSorted());
    expect(cases.filter(({ layout }) => layout === "legacy")).toHaveLength(TABLE.length);
  });

  it("youtubeSignupRequired on channels.list mine=true is the no-channel answer: null, no refresh, one call", async () => {
    for (const layout of ["current", "legacy"] as const) {
      let attempts = 0;
      const signup = TABLE.find((entry) => entry.kind === "no_channel")!;
      agent
        .get(API)
        .intercept({ path: (path) => path.startsWith("/youtube/v3/channels?") })
        .reply(() => {
          attempts += 1;
          return { statusCode: 401, data: JSON.stringify(bodyOf(signup, layout)) };
        });
      expect(await makeClient().getMyChannel()).toBeNull();
      expect(attempts).toBe(1);
    }
    expect(refreshes).toEqual([false, false]);
  });
});
