/**
 * The YouTube Data API and feed client: the only code that talks to YouTube (docs/design.md#youtube-access).
 * Each Data API attempt is, in order: refused at once if the breaker is open (no quota spent); its units
 * reserved in the quota ledger; sent through the process's pooled undici Agent by the vendor helper
 * (~/lib/upstream/vendor-request: timeout, the caller's AbortSignal, size cap); its reply checked with zod;
 * its status read with YouTube's own reason table (errors.ts). Short waits (rate limits, 5xx) are retried here with
 * jittered backoff while the total wait stays under RETRY_MAX_BLOCKING_MS, re-reserving units each time
 * (Google bills every attempt); longer ones become AppErrors with retryAt so the job is rescheduled.
 * Refusals of Showreel's own configuration (errors.ts "config") are never retried in-call and never count
 * against the breaker: they become UPSTREAM_MISCONFIGURED, one `youtube.config_error` line and onConfigError.
 */
import type { Dispatcher } from "undici";
import type { z } from "zod";
import { AppError, isAppError } from "~/lib/errors";
import type { UpstreamBreaker } from "~/lib/upstream/circuit-breaker";
import {
  isRetryableStatus,
  retryAtAfter,
  sendVendorRequest,
  UPSTREAM_RETRY_DELAY_MS,
  VendorHttpError,
  type VendorReply,
} from "~/lib/upstream/vendor-request";
import type { Logger } from "~/server/logger";
import { metrics } from "~/server/metrics";
import { classifyError, YouTubeApiError } from "./errors";
import { FeedParseError, parseFeed, type ParsedFeed } from "./feed";
import {
  normalizeChannel,
  normalizeUploadsPage,
  normalizeVideo,
  VideoParseError,
  type UploadsPage,
  type YouTubeChannel,
  type YouTubeVideo,
} from "./normalize";
import { MAX_IDS_PER_CALL, MAX_PAGE_SIZE, QUOTA_COSTS, quotaCostOf, type YouTubeMethod } from "./quota-costs";
import { channelListSchema, playlistItemListSchema, videoListSchema } from "./schemas";

/** Attempts per call, first one included. */
export const RETRY_MAX_ATTEMPTS = 4;
export const RETRY_BASE_DELAY_MS = 500;
/** In-call waiting stops here; beyond it the job is rescheduled instead of holding a worker. */
export const RETRY_MAX_BLOCKING_MS = 10_000;
/**
 * How far out work goes when Google refuses Showreel's own configuration (bad or restricted API key, API
 * not enabled): nothing in-call can fix that, so the job waits this long and looks again, one unit a look.
 */
export const CONFIG_RECHECK_DELAY_MS = 30 * 60_000;
/** What a creator is told when Google refuses Showreel's configuration; operators get the reason. */
export const CONFIG_ERROR_MESSAGE =
  "Showreel cannot reach YouTube because of a configuration problem; an administrator has been told.";
/** What a creator is told when their Google account has no YouTube channel (youtubeSignupRequired). */
export const NO_CHANNEL_MESSAGE =
  "That Google account has no YouTube channel. Create one on YouTube, or connect a different account.";
/** Replies larger than this are not YouTube's (the largest list page is ~100 KB). */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

const VIDEO_PARTS = "snippet,contentDetails,statistics,status,liveStreamingDetails";
const CHANNEL_PARTS = "snippet,contentDetails,statistics";

export type QuotaGate = {
  /** Takes the units or throws AppError QUOTA_EXHAUSTED. */
  reserve(units: number, method: YouTubeMethod): Promise<void>;
  /** Google said quotaExceeded: close the day for every process; returns when it reopens. */
  markExhausted(): Promise<Date>;
};

/** A refusal of Showreel's own configuration, as the operator needs it: which call, which status, which reason. */
export type ConfigErrorReport = { method: YouTubeMethod; status: number | null; reason: string | null };

export type YouTubeClientOptions = {
  apiBaseUrl: string;
  feedBaseUrl: string;
  /** For calls made without a user (public channels, sync). */
  apiKey?: string | undefined;
  /** For calls on a user's behalf (`mine=true`, private uploads). Called again with forceRefresh after a 401. */
  getAccessToken?: ((options: { forceRefresh: boolean }) => Promise<string>) | undefined;
  dispatcher: Dispatcher;
  breakers: { dataApi: UpstreamBreaker; feeds: UpstreamBreaker };
  quota: QuotaGate;
  /** Told once per refused call, so the operator's signals (the /ops line) need no log scraping; must not throw. */
  onConfigError?: ((report: ConfigErrorReport) => void) | undefined;
  logger: Logger;
  timeoutMs: number;
  /** Injected in tests to avoid real waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
};

export type CallOptions = { signal?: AbortSignal | undefined };

export type VideosResult = {
  videos: YouTubeVideo[];
  /** Asked for but not returned: deleted, private to someone else, or never existed. */
  missingIds: string[];
  /** Returned but unreadable; reported, never silently defaulted. */
  invalid: { videoId: string; reason: string }[];
};

export type FeedResult =
  | { status: "ok"; feed: ParsedFeed; etag: string | null; lastModified: string | null }
  | { status: "not_modified" }
  | { status: "not_found" };

/** A YouTube method, or "feed" for the quota-free RSS feed. */
type CountedMethod = YouTubeMethod | "feed";

/**
 * youtube_api_requests_total: one count per attempt, labelled with how it ended — "ok", "not_modified",
 * an error kind (errors.ts), or "circuit_open" / "quota_refused" for attempts refused here and never sent.
 */
function countAttempt(method: CountedMethod, outcome: string): void {
  metrics.youtubeApiRequestsTotal.inc({ method, outcome });
  if (outcome === "auth" || outcome === "reconnect") metrics.youtubeAuthErrorsTotal.inc({ source: "api" });
}

// The YouTubeConfigError alert takes increase() of these series; one born at 1 would hide its first refusal.
for (const method of Object.keys(QUOTA_COSTS) as YouTubeMethod[])
  metrics.youtubeApiRequestsTotal.inc({ method, outcome: "config" }, 0);

/** The outcome of an attempt refused before it was sent, or null for any other error. */
function refusalOutcome(error: unknown): "circuit_open" | "quota_refused" | null {
  if (isAppError(error, "UPSTREAM_UNAVAILABLE")) return "circuit_open";
  if (isAppError(error, "QUOTA_EXHAUSTED")) return "quota_refused";
  return null;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/** What every call of one client shares: its options, with the test seams filled in. */
type ClientContext = {
  options: YouTubeClientOptions;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  log: Logger;
};

/** One request through the vendor helper; no usable reply becomes a YouTubeApiError ("server" when transient). */
async function send(
  ctx: ClientContext,
  url: URL,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<VendorReply> {
  try {
    return await sendVendorRequest({
      upstream: "YouTube",
      url,
      headers,
      dispatcher: ctx.options.dispatcher,
      timeoutMs: ctx.options.timeoutMs,
      signal,
      maxBytes: MAX_RESPONSE_BYTES,
    });
  } catch (error) {
    if (!(error instanceof VendorHttpError)) throw error;
    throw new YouTubeApiError({
      kind: error.isRetryable ? "server" : "bad_response",
      status: error.status,
      message: error.message,
      cause: error,
    });
  }
}

function backoffMs(ctx: ClientContext, attempt: number, retryAfterMs: number | null): number {
  const exponential = RETRY_BASE_DELAY_MS * 2 ** attempt;
  const jittered = exponential / 2 + ctx.random() * (exponential / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

function toAppError(error: YouTubeApiError, retryAt: Date): AppError | YouTubeApiError {
  switch (error.kind) {
    case "rate_limited":
      return new AppError("RATE_LIMITED", "YouTube asked us to slow down; this continues shortly.", {
        retryAt,
        cause: error,
      });
    case "server":
      return new AppError("UPSTREAM_UNAVAILABLE", "YouTube is having trouble right now; work resumes by itself.", {
        retryAt,
        cause: error,
      });
    case "auth":
    case "reconnect":
      return new AppError(
        "RECONNECT_REQUIRED",
        "YouTube no longer accepts Showreel's access. Reconnect your channel.",
        {
          cause: error,
        },
      );
    case "no_channel":
      return new AppError("RECONNECT_REQUIRED", NO_CHANNEL_MESSAGE, { cause: error });
    case "config":
      return new AppError("UPSTREAM_MISCONFIGURED", CONFIG_ERROR_MESSAGE, { retryAt, cause: error });
    case "bad_request":
      return new AppError("INVALID_INPUT", "YouTube rejected the request as invalid.", { cause: error });
    default:
      return error;
  }
}

type DataApiCall<Schema extends z.ZodType> = {
  method: YouTubeMethod;
  path: string;
  params: Record<string, string>;
  schema: Schema;
} & CallOptions & { etag?: string | null; userAuth: boolean };

/** The URL and headers of one attempt: the API key, or the user's token (forced fresh after a 401). */
async function dataApiRequest(
  ctx: ClientContext,
  call: DataApiCall<z.ZodType>,
  forceRefresh: boolean,
): Promise<{ url: URL; headers: Record<string, string> }> {
  const url = new URL(`/youtube/v3/${call.path}`, ctx.options.apiBaseUrl);
  for (const [key, value] of Object.entries(call.params)) url.searchParams.set(key, value);
  const headers: Record<string, string> = { accept: "application/json", "accept-encoding": "identity" };
  if (call.userAuth) {
    if (!ctx.options.getAccessToken) throw new Error(`${call.method} needs a user's access token`);
    headers.authorization = `Bearer ${await ctx.options.getAccessToken({ forceRefresh })}`;
  } else if (ctx.options.apiKey) {
    url.searchParams.set("key", ctx.options.apiKey);
  } else {
    throw new Error(`${call.method} needs YOUTUBE_API_KEY (or a user's token)`);
  }
  if (call.etag) headers["if-none-match"] = call.etag;
  return { url, headers };
}

/**
 * One attempt: refused at once while the breaker is open, then units reserved, then sent through the
 * breaker. 5xx and 429 are thrown (classified) inside it, so only outages count against it.
 */
async function attemptDataApi(
  ctx: ClientContext,
  call: DataApiCall<z.ZodType>,
  request: { url: URL; headers: Record<string, string> },
): Promise<VendorReply> {
  const { breakers, quota } = ctx.options;
  // Refused before reserving when open: an outage must not also burn the day's budget.
  if (breakers.dataApi.state() === "open") await breakers.dataApi.run(() => Promise.resolve(null));
  await quota.reserve(quotaCostOf(call.method), call.method);
  return breakers.dataApi.run(async () => {
    const reply = await send(ctx, request.url, request.headers, call.signal);
    if (isRetryableStatus(reply.status)) throw classifyError(reply.status, reply.json(), reply.header("retry-after"));
    return reply;
  });
}

/** A 2xx reply checked against its schema; a mismatch is counted, logged and thrown as bad_response. */
function parseDataApiReply<Schema extends z.ZodType>(
  ctx: ClientContext,
  call: DataApiCall<Schema>,
  reply: VendorReply,
): z.output<Schema> {
  const parsed = call.schema.safeParse(reply.json());
  if (!parsed.success) {
    countAttempt(call.method, "bad_response");
    ctx.log.error({ method: call.method, issues: parsed.error.issues.slice(0, 5) }, "youtube.bad_response");
    throw new YouTubeApiError({
      kind: "bad_response",
      status: reply.status,
      message: `${call.method}: reply did not match its schema`,
    });
  }
  countAttempt(call.method, "ok");
  return parsed.data;
}

/** Sleeps before the next attempt when the wait is short enough, or throws the final error. */
async function waitOrThrow(
  ctx: ClientContext,
  call: DataApiCall<z.ZodType>,
  error: YouTubeApiError,
  retry: { attempt: number; waitedMs: number },
): Promise<void> {
  const { method } = call;
  if (error.kind === "quota") {
    const retryAt = await ctx.options.quota.markExhausted();
    ctx.log.warn({ method, retryAt }, "youtube.quota_exhausted");
    throw new AppError(
      "QUOTA_EXHAUSTED",
      "Today's YouTube quota is used up. Work resumes automatically after the daily reset.",
      { retryAt, cause: error },
    );
  }
  if (error.kind === "config") {
    // The operator's signal: this one line, outcome="config" on the counter, and the /ops line.
    ctx.log.error({ method, status: error.status, reason: error.reason }, "youtube.config_error");
    ctx.options.onConfigError?.({ method, status: error.status, reason: error.reason });
    throw toAppError(error, retryAtAfter(CONFIG_RECHECK_DELAY_MS));
  }
  const delay = backoffMs(ctx, retry.attempt, error.retryAfterMs);
  const canWait =
    error.isRetryable && retry.attempt + 1 < RETRY_MAX_ATTEMPTS && retry.waitedMs + delay <= RETRY_MAX_BLOCKING_MS;
  if (!canWait) {
    ctx.log.warn(
      { method, kind: error.kind, status: error.status, reason: error.reason, attempts: retry.attempt + 1 },
      "youtube.call_failed",
    );
    throw toAppError(error, retryAtAfter(Math.max(delay, error.kind === "server" ? UPSTREAM_RETRY_DELAY_MS : 0)));
  }
  ctx.log.debug({ method, kind: error.kind, status: error.status, delayMs: Math.round(delay) }, "youtube.retrying");
  await ctx.sleep(delay, call.signal);
  retry.waitedMs += delay;
}

/** One Data API call with quota, breaker, retries and classification. 304 → null. */
async function callDataApi<Schema extends z.ZodType>(
  ctx: ClientContext,
  call: DataApiCall<Schema>,
): Promise<z.output<Schema> | null> {
  let hasRefreshed = false;
  const retry = { attempt: 0, waitedMs: 0 };
  for (; ; retry.attempt += 1) {
    const request = await dataApiRequest(ctx, call, hasRefreshed);
    let reply: VendorReply;
    try {
      reply = await attemptDataApi(ctx, call, request);
    } catch (error) {
      if (!(error instanceof YouTubeApiError)) {
        const refusal = refusalOutcome(error);
        if (refusal) countAttempt(call.method, refusal);
        throw error;
      }
      countAttempt(call.method, error.kind);
      await waitOrThrow(ctx, call, error, retry);
      continue;
    }
    if (reply.status === 304) {
      countAttempt(call.method, "not_modified");
      return null;
    }
    if (reply.status >= 200 && reply.status < 300) return parseDataApiReply(ctx, call, reply);

    const error = classifyError(reply.status, reply.json(), reply.header("retry-after"), {
      credential: call.userAuth ? "token" : "key",
    });
    countAttempt(call.method, error.kind);
    if (error.kind === "auth" && call.userAuth && !hasRefreshed) {
      hasRefreshed = true;
      ctx.log.info({ method: call.method }, "youtube.auth_retry_after_refresh");
      continue;
    }
    await waitOrThrow(ctx, call, error, retry);
  }
}

// GET /youtube/v3/channels?id= — 1 unit per ≤ 50 ids
async function getChannels(
  ctx: ClientContext,
  { ids, signal }: { ids: readonly string[] } & CallOptions,
): Promise<YouTubeChannel[]> {
  const channels: YouTubeChannel[] = [];
  for (const batch of chunk([...new Set(ids)], MAX_IDS_PER_CALL)) {
    const reply = await callDataApi(ctx, {
      method: "channels.list",
      path: "channels",
      params: { part: CHANNEL_PARTS, id: batch.join(","), maxResults: "50" },
      schema: channelListSchema,
      signal,
      userAuth: false,
    });
    channels.push(...(reply?.items ?? []).map(normalizeChannel));
  }
  return channels;
}

// GET /youtube/v3/channels?forHandle= — 1 unit
async function getChannelByHandle(
  ctx: ClientContext,
  { handle, signal }: { handle: string } & CallOptions,
): Promise<YouTubeChannel | null> {
  const reply = await callDataApi(ctx, {
    method: "channels.list",
    path: "channels",
    params: { part: CHANNEL_PARTS, forHandle: `@${handle.replace(/^@/, "")}` },
    schema: channelListSchema,
    signal,
    userAuth: false,
  });
  const item = reply?.items?.[0];
  return item ? normalizeChannel(item) : null;
}

// GET /youtube/v3/channels?mine=true — 1 unit, user's token; null when the account has no channel
async function getMyChannel(ctx: ClientContext, { signal }: CallOptions = {}): Promise<YouTubeChannel | null> {
  let reply;
  try {
    reply = await callDataApi(ctx, {
      method: "channels.list",
      path: "channels",
      params: { part: CHANNEL_PARTS, mine: "true" },
      schema: channelListSchema,
      signal,
      userAuth: true,
    });
  } catch (error) {
    // youtubeSignupRequired says what an empty reply says: this Google account has no channel.
    if (isAppError(error) && error.cause instanceof YouTubeApiError && error.cause.kind === "no_channel") return null;
    throw error;
  }
  const item = reply?.items?.[0];
  return item ? normalizeChannel(item) : null;
}

type UploadsPageInput = {
  playlistId: string;
  pageToken?: string | null | undefined;
  pageSize?: number;
  etag?: string | null;
  asUser?: boolean;
} & CallOptions;

// GET /youtube/v3/playlistItems — 1 unit per page of ≤ 50
async function listUploadsPage(
  ctx: ClientContext,
  { playlistId, pageToken, pageSize = MAX_PAGE_SIZE, etag, asUser = false, signal }: UploadsPageInput,
): Promise<UploadsPage | { notModified: true }> {
  const params: Record<string, string> = {
    part: "snippet,contentDetails",
    playlistId,
    maxResults: String(Math.min(Math.max(pageSize, 1), MAX_PAGE_SIZE)),
  };
  if (pageToken) params.pageToken = pageToken;
  try {
    const reply = await callDataApi(ctx, {
      method: "playlistItems.list",
      path: "playlistItems",
      params,
      schema: playlistItemListSchema,
      signal,
      etag: etag ?? null,
      userAuth: asUser,
    });
    return reply === null ? { notModified: true } : normalizeUploadsPage(reply);
  } catch (error) {
    if (error instanceof YouTubeApiError && error.kind === "not_found") {
      throw new AppError("NOT_FOUND", "This channel has no public uploads, or it no longer exists.", {
        cause: error,
      });
    }
    throw error;
  }
}

type VideosInput = {
  ids: readonly string[];
  shortHints?: ReadonlyMap<string, boolean>;
  asUser?: boolean;
} & CallOptions;

// GET /youtube/v3/videos?id= — 1 unit per ≤ 50 ids (ids are batched)
async function getVideos(
  ctx: ClientContext,
  { ids, shortHints, asUser = false, signal }: VideosInput,
): Promise<VideosResult> {
  const result: VideosResult = { videos: [], missingIds: [], invalid: [] };
  for (const batch of chunk([...new Set(ids)], MAX_IDS_PER_CALL)) {
    const reply = await callDataApi(ctx, {
      method: "videos.list",
      path: "videos",
      params: { part: VIDEO_PARTS, id: batch.join(",") },
      schema: videoListSchema,
      signal,
      userAuth: asUser,
    });
    const returned = new Set<string>();
    for (const item of reply?.items ?? []) {
      returned.add(item.id);
      try {
        result.videos.push(normalizeVideo(item, { isShortHint: shortHints?.get(item.id) }));
      } catch (error) {
        if (!(error instanceof VideoParseError)) throw error;
        ctx.log.warn({ videoId: item.id, field: error.field }, "youtube.unparseable_video");
        result.invalid.push({ videoId: item.id, reason: error.message });
      }
    }
    result.missingIds.push(...batch.filter((id) => !returned.has(id)));
  }
  return result;
}

type FeedInput = { channelId: string; etag?: string | null; lastModified?: string | null } & CallOptions;

/** One feed request through its breaker; 5xx and 429 are thrown inside it, counted as outages by kind. */
async function sendFeedRequest(ctx: ClientContext, { channelId, etag, lastModified, signal }: FeedInput) {
  const url = new URL("/feeds/videos.xml", ctx.options.feedBaseUrl);
  url.searchParams.set("channel_id", channelId);
  const headers: Record<string, string> = {
    accept: "application/atom+xml, application/xml",
    "accept-encoding": "identity",
  };
  if (etag) headers["if-none-match"] = etag;
  if (lastModified) headers["if-modified-since"] = lastModified;
  try {
    return await ctx.options.breakers.feeds.run(async () => {
      const reply = await send(ctx, url, headers, signal);
      if (isRetryableStatus(reply.status)) throw classifyError(reply.status, null, reply.header("retry-after"));
      return reply;
    });
  } catch (error) {
    const outcome = error instanceof YouTubeApiError ? error.kind : refusalOutcome(error);
    if (outcome) countAttempt("feed", outcome);
    throw error;
  }
}

// GET /feeds/videos.xml?channel_id= — 0 units; conditional on ETag / Last-Modified
async function getFeed(ctx: ClientContext, input: FeedInput): Promise<FeedResult> {
  const reply = await sendFeedRequest(ctx, input);
  if (reply.status === 304 || reply.status === 404) {
    countAttempt("feed", reply.status === 304 ? "not_modified" : "not_found");
    return { status: reply.status === 304 ? "not_modified" : "not_found" };
  }
  if (reply.status !== 200) {
    const error = classifyError(reply.status, null);
    countAttempt("feed", error.kind);
    throw error;
  }
  try {
    const feed = parseFeed(reply.text);
    countAttempt("feed", "ok");
    return { status: "ok", feed, etag: reply.header("etag"), lastModified: reply.header("last-modified") };
  } catch (error) {
    if (!(error instanceof FeedParseError)) throw error;
    countAttempt("feed", "bad_response");
    throw new YouTubeApiError({
      kind: "bad_response",
      status: 200,
      message: `feed for ${input.channelId}: ${error.message}`,
      cause: error,
    });
  }
}

export function createYouTubeClient(options: YouTubeClientOptions) {
  const ctx: ClientContext = {
    options,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    log: options.logger,
  };
  return {
    getChannels: (input: { ids: readonly string[] } & CallOptions) => getChannels(ctx, input),
    getChannelByHandle: (input: { handle: string } & CallOptions) => getChannelByHandle(ctx, input),
    getMyChannel: (input: CallOptions = {}) => getMyChannel(ctx, input),
    listUploadsPage: (input: UploadsPageInput) => listUploadsPage(ctx, input),
    getVideos: (input: VideosInput) => getVideos(ctx, input),
    getFeed: (input: FeedInput) => getFeed(ctx, input),
  };
}

export type YouTubeClient = ReturnType<typeof createYouTubeClient>;
