/**
 * The reviewed design's YouTube client (docs/design.md#the-baseline), as issue 10 describes it for the
 * baseline: no circuit breaker, no connection reuse, no reason codes. Every call opens a fresh undici
 * connection, sends one request and closes it (no keep-alive), so each pays a TCP handshake; every
 * non-2xx becomes one generic BaselineIntegrationError whatever the cause (quota, auth, 5xx alike), and a
 * failing upstream is hammered for as long as callers keep calling. A benchmark fixture: nothing in src/
 * or worker/ may import it (dependency-cruiser rule `baseline-is-a-fixture`).
 *
 * Deliberately not reproduced: the snapshot's HTTP/2 pool and its cache-backed global breaker (threshold
 * 5, which also counted 4xx); issue 10 measures the design the review described. The emulator stands in
 * for Google over HTTP, as it does for Showreel.
 */
import { Client } from "undici";

/** httpx's timeout in the reviewed design. */
export const BASELINE_HTTP_TIMEOUT_MS = 10_000;
/** search.list page size (Google's maximum). */
const SEARCH_PAGE_SIZE = 50;
const VIDEO_PARTS = "snippet,contentDetails,statistics";

/**
 * What the reviewed design raised for any failed call. `status` and `reason` are kept for the benchmark
 * harness (to tell a quota refusal from an outage when it reports); the baseline itself never looks.
 */
export class BaselineIntegrationError extends Error {
  readonly status: number | null;
  readonly reason: string | null;
  constructor(message: string, options: { status?: number | null; reason?: string | null; cause?: unknown } = {}) {
    super(`[YouTube] ${message}`, { cause: options.cause });
    this.name = "BaselineIntegrationError";
    this.status = options.status ?? null;
    this.reason = options.reason ?? null;
  }
}

export class BaselineNotFoundError extends BaselineIntegrationError {}

export type BaselineVideoInfo = {
  videoId: string;
  title: string;
  description: string;
  channelId: string;
  channelName: string;
  thumbnailUrl: string;
  duration: string;
  publishedAt: string;
  viewCount: number;
  likeCount: number;
  tags: string[];
};

type Thumbnails = Record<string, { url?: string } | undefined>;

function bestThumbnail(thumbnails: Thumbnails | undefined): string {
  for (const size of ["maxres", "high", "medium", "default"]) {
    const url = thumbnails?.[size]?.url;
    if (url) return url;
  }
  return "/static/images/default-video-thumbnail.jpg";
}

function reasonOf(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: { errors?: { reason?: string }[] } };
    return parsed.error?.errors?.[0]?.reason ?? null;
  } catch {
    return null;
  }
}

export type BaselineYouTubeClient = ReturnType<typeof createBaselineYouTubeClient>;

export function createBaselineYouTubeClient(options: { baseUrl: string; apiKey: string; timeoutMs?: number }) {
  const timeoutMs = options.timeoutMs ?? BASELINE_HTTP_TIMEOUT_MS;
  let connectionsOpened = 0;
  let requestsSent = 0;

  /** One GET on a connection of its own; closed (no keep-alive) whatever happens. */
  async function get(path: string, params: Record<string, string>, headers: Record<string, string> = {}) {
    const url = new URL(`/youtube/v3/${path}`, options.baseUrl);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    url.searchParams.set("key", options.apiKey);
    const client = new Client(url.origin, {
      pipelining: 0,
      connectTimeout: timeoutMs,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    connectionsOpened += 1;
    requestsSent += 1;
    try {
      const response = await client.request({
        method: "GET",
        path: `${url.pathname}${url.search}`,
        headers: { accept: "application/json", ...headers },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await response.body.text();
      return { status: response.statusCode, headers: response.headers, body };
    } catch (error) {
      throw new BaselineIntegrationError(`request failed: ${(error as Error).message}`, { cause: error });
    } finally {
      await client.close().catch(() => client.destroy());
    }
  }

  /** `_make_request`: any non-2xx is a generic integration error. */
  async function getJson<T>(path: string, params: Record<string, string>, headers: Record<string, string> = {}) {
    const reply = await get(path, params, headers);
    if (reply.status === 304) return { status: 304 as const, body: null, etag: null };
    if (reply.status < 200 || reply.status >= 300) {
      throw new BaselineIntegrationError(`HTTP ${reply.status} from ${path}`, {
        status: reply.status,
        reason: reasonOf(reply.body),
      });
    }
    const etag = reply.headers.etag;
    return {
      status: reply.status,
      body: JSON.parse(reply.body) as T,
      etag: (Array.isArray(etag) ? etag[0] : etag) ?? null,
    };
  }

  return {
    connectionsOpened: () => connectionsOpened,
    requestsSent: () => requestsSent,

    // GET /youtube/v3/search?channelId=&type=video&order=date — 100 units per page (the design counted 1)
    /**
     * `get_channel_videos`: pages through search.list until `maxResults` ids or the last page; with an
     * etag sends If-None-Match, and a 304 returns no videos and the old etag.
     */
    async getChannelVideos(request: {
      channelId: string;
      maxResults?: number;
      publishedAfter?: string | null;
      etag?: string | null;
    }) {
      const maxResults = request.maxResults ?? 50;
      const videoIds: string[] = [];
      let etag = request.etag ?? null;
      let pages = 0;
      let pageToken: string | null = null;
      do {
        const params: Record<string, string> = {
          part: "id",
          channelId: request.channelId,
          type: "video",
          order: "date",
          maxResults: String(Math.min(SEARCH_PAGE_SIZE, maxResults - videoIds.length)),
        };
        if (request.publishedAfter) params.publishedAfter = request.publishedAfter;
        if (pageToken) params.pageToken = pageToken;
        const reply: Awaited<
          ReturnType<typeof getJson<{ nextPageToken?: string; items?: { id?: { videoId?: string } }[] }>>
        > = await getJson("search", params, request.etag ? { "if-none-match": request.etag } : {});
        pages += 1;
        if (reply.status === 304 || reply.body === null) return { videoIds: [], etag: request.etag ?? null, pages };
        for (const item of reply.body.items ?? []) if (item.id?.videoId) videoIds.push(item.id.videoId);
        etag = reply.etag ?? etag;
        pageToken = reply.body.nextPageToken ?? null;
      } while (pageToken && videoIds.length < maxResults);
      return { videoIds, etag, pages };
    },

    // GET /youtube/v3/videos?id= — 1 unit (the design counted 3), one video per call
    /** `get_video_info`: one video per call; none returned → not found. */
    async getVideoInfo(videoId: string): Promise<BaselineVideoInfo> {
      type VideoItem = {
        id: string;
        snippet?: {
          title?: string;
          description?: string;
          channelId?: string;
          channelTitle?: string;
          publishedAt?: string;
          tags?: string[];
          thumbnails?: Thumbnails;
        };
        contentDetails?: { duration?: string };
        statistics?: { viewCount?: string; likeCount?: string };
      };
      const reply = await getJson<{ items?: VideoItem[] }>("videos", { part: VIDEO_PARTS, id: videoId });
      const item = reply.body?.items?.[0];
      if (!item) throw new BaselineNotFoundError(`video ${videoId} not found`, { status: 200 });
      return {
        videoId: item.id,
        title: item.snippet?.title ?? "",
        description: item.snippet?.description ?? "",
        channelId: item.snippet?.channelId ?? "",
        channelName: item.snippet?.channelTitle ?? "",
        thumbnailUrl: bestThumbnail(item.snippet?.thumbnails),
        duration: item.contentDetails?.duration ?? "",
        publishedAt: item.snippet?.publishedAt ?? "",
        viewCount: Number(item.statistics?.viewCount ?? 0),
        likeCount: Number(item.statistics?.likeCount ?? 0),
        tags: item.snippet?.tags ?? [],
      };
    },

    // GET /youtube/v3/channels?id= — 1 unit
    /** `get_channel_info`. */
    async getChannelInfo(channelId: string) {
      type ChannelItem = {
        id: string;
        snippet?: { title?: string; description?: string };
        statistics?: { subscriberCount?: string; videoCount?: string };
      };
      const reply = await getJson<{ items?: ChannelItem[] }>("channels", { part: "snippet,statistics", id: channelId });
      const item = reply.body?.items?.[0];
      if (!item) throw new BaselineNotFoundError(`channel ${channelId} not found`, { status: 200 });
      return {
        channelId: item.id,
        title: item.snippet?.title ?? "",
        description: item.snippet?.description ?? "",
        subscriberCount: Number(item.statistics?.subscriberCount ?? 0),
        videoCount: Number(item.statistics?.videoCount ?? 0),
      };
    },
  };
}
