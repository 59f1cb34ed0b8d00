/**
 * The client's own decisions, against undici's MockAgent: auth refresh, short retries and their limits,
 * quota signals, the breaker, ETags, batching, bad replies. Contract tests against the emulator live in
 * client.int.test.ts.
 */
import pino from "pino";
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFixture as fixture } from "@test/google-fixtures";
import { type AppError, isAppError } from "~/lib/errors";
import { createUpstreamBreaker, type UpstreamBreaker } from "~/lib/upstream/circuit-breaker";
import { createYouTubeClient, RETRY_MAX_ATTEMPTS, type YouTubeClientOptions } from "./client";
import { isYouTubeOutage } from "./default-client";
import { YouTubeApiError } from "./errors";

const API = "https://yt.test";
const FEEDS = "https://feeds.test";

let agent: MockAgent;
let breakers: { dataApi: UpstreamBreaker; feeds: UpstreamBreaker };
let reserved: number[];
let exhaustedCalls: number;
let sleeps: number[];

function makeClient(overrides: Partial<YouTubeClientOptions> = {}) {
  return createYouTubeClient({
    apiBaseUrl: API,
    feedBaseUrl: FEEDS,
    apiKey: "test-key",
    dispatcher: agent,
    breakers,
    quota: {
      reserve: async (units) => {
        reserved.push(units);
      },
      markExhausted: async () => {
        exhaustedCalls += 1;
        return new Date("2030-01-02T08:00:00Z");
      },
    },
    logger: pino({ level: "silent" }),
    timeoutMs: 2_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
}

const api = () => agent.get(API);
const pathStarts = (prefix: string) => (value: string) => value.startsWith(prefix);
const videosReply = fixture("videos.list.multi.json");

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  breakers = {
    dataApi: createUpstreamBreaker("test data api", {
      isFailure: isYouTubeOutage,
      volumeThreshold: 4,
      resetTimeoutMs: 150,
    }),
    feeds: createUpstreamBreaker("test feeds", { isFailure: isYouTubeOutage }),
  };
  reserved = [];
  exhaustedCalls = 0;
  sleeps = [];
});

afterEach(async () => {
  breakers.dataApi.shutdown();
  breakers.feeds.shutdown();
  await agent.close();
});

describe("YouTube client", () => {
  it("sends the API key, reserves 1 unit, and returns normalised videos", async () => {
    api()
      .intercept({
        path: (value) =>
          value.startsWith("/youtube/v3/videos?") &&
          value.includes("key=test-key") &&
          value.includes("id=Ks-_Mh1QhMc%2CGvgqDSnpRQM%2CmissingId01"),
      })
      .reply(200, videosReply);
    const result = await makeClient().getVideos({ ids: ["Ks-_Mh1QhMc", "GvgqDSnpRQM", "missingId01"] });
    expect(result.videos.map((video) => video.id)).toEqual(["Ks-_Mh1QhMc", "GvgqDSnpRQM"]);
    expect(result.missingIds).toEqual(["missingId01"]);
    expect(reserved).toEqual([1]);
  });

  it("batches 120 ids into 3 calls of at most 50", async () => {
    const ids = Array.from({ length: 120 }, (_, index) => `vid${String(index).padStart(8, "0")}`);
    const seen: number[] = [];
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(200, (options) => {
        const idParam = new URL(`${API}${options.path}`).searchParams.get("id")!;
        seen.push(idParam.split(",").length);
        return { kind: "youtube#videoListResponse", etag: "e", pageInfo: { totalResults: 0, resultsPerPage: 0 } };
      })
      .times(3);
    const result = await makeClient().getVideos({ ids });
    expect(seen).toEqual([50, 50, 20]);
    expect(reserved).toEqual([1, 1, 1]);
    expect(result.missingIds).toHaveLength(120);
  });

  it("refreshes the token once after a 401 and retries once", async () => {
    const tokens: boolean[] = [];
    api()
      .intercept({ path: pathStarts("/youtube/v3/channels?"), headers: { authorization: "Bearer stale" } })
      .reply(401, fixture("error.authError.401.json"));
    api()
      .intercept({ path: pathStarts("/youtube/v3/channels?"), headers: { authorization: "Bearer fresh" } })
      .reply(200, fixture("channels.list.mine.json"));
    const client = makeClient({
      getAccessToken: async ({ forceRefresh }) => {
        tokens.push(forceRefresh);
        return forceRefresh ? "fresh" : "stale";
      },
    });
    expect((await client.getMyChannel())?.uploadsPlaylistId).toBe("UU_x5XG1OV2P6uZZ5FSM9Ttw");
    expect(tokens).toEqual([false, true]);
    expect(reserved).toEqual([1, 1]);
  });

  it("asks for a reconnect when the refreshed token is refused too", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/channels?") })
      .reply(401, fixture("error.authError.401.json"))
      .times(2);
    const client = makeClient({ getAccessToken: async () => "token" });
    await expect(client.getMyChannel()).rejects.toMatchObject({ code: "RECONNECT_REQUIRED" });
    expect(reserved).toEqual([1, 1]);
  });

  it("retries 5xx with growing jittered waits, re-reserving units each attempt", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(503, "")
      .times(2);
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(200, videosReply);
    const result = await makeClient().getVideos({ ids: ["Ks-_Mh1QhMc"] });
    expect(result.videos).toHaveLength(2);
    expect(reserved).toEqual([1, 1, 1]);
    expect(sleeps).toEqual([375, 750]);
  });

  it("gives up after RETRY_MAX_ATTEMPTS with UPSTREAM_UNAVAILABLE and a retryAt", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(500, "")
      .times(RETRY_MAX_ATTEMPTS);
    const before = Date.now();
    const error = await makeClient()
      .getVideos({ ids: ["Ks-_Mh1QhMc"] })
      .catch((caught: unknown) => caught);
    expect(isAppError(error, "UPSTREAM_UNAVAILABLE")).toBe(true);
    expect((error as AppError).retryAt!.getTime()).toBeGreaterThanOrEqual(before + 60_000);
    expect(reserved).toHaveLength(RETRY_MAX_ATTEMPTS);
  });

  it("honours a long Retry-After by rescheduling instead of blocking", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(429, "", { headers: { "retry-after": "30" } });
    const before = Date.now();
    const error = await makeClient()
      .getVideos({ ids: ["Ks-_Mh1QhMc"] })
      .catch((caught: unknown) => caught);
    expect(isAppError(error, "RATE_LIMITED")).toBe(true);
    expect((error as AppError).retryAt!.getTime() - before).toBeGreaterThanOrEqual(29_000);
    expect(sleeps).toEqual([]);
    expect(reserved).toEqual([1]);
  });

  it("waits out a short Retry-After in the call", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(429, "", { headers: { "retry-after": "2" } });
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(200, videosReply);
    await makeClient().getVideos({ ids: ["Ks-_Mh1QhMc"] });
    expect(sleeps).toEqual([2000]);
  });

  it("on quotaExceeded closes the day for every process and stops, without retrying", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(403, fixture("error.quotaExceeded.403.json"));
    await expect(makeClient().getVideos({ ids: ["Ks-_Mh1QhMc"] })).rejects.toMatchObject({
      code: "QUOTA_EXHAUSTED",
      retryAt: new Date("2030-01-02T08:00:00Z"),
    });
    expect(exhaustedCalls).toBe(1);
    expect(reserved).toEqual([1]);
  });

  it("maps a missing uploads playlist to NOT_FOUND", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/playlistItems?") })
      .reply(404, fixture("error.playlistNotFound.404.json"));
    await expect(makeClient().listUploadsPage({ playlistId: "UUxxxxxxxxxxxxxxxxxxxxxx" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("sends If-None-Match and reports 304 as not modified (still charged)", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/playlistItems?"), headers: { "if-none-match": "etag-1" } })
      .reply(304, "");
    expect(await makeClient().listUploadsPage({ playlistId: "UU_x5XG1OV2P6uZZ5FSM9Ttw", etag: "etag-1" })).toEqual({
      notModified: true,
    });
    expect(reserved).toEqual([1]);
  });

  it("rejects a reply that does not match its schema, loudly", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(200, { items: [{ id: 42 }] });
    const error = await makeClient()
      .getVideos({ ids: ["Ks-_Mh1QhMc"] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(YouTubeApiError);
    expect((error as YouTubeApiError).kind).toBe("bad_response");
  });

  it("reports an unreadable video and keeps the rest", async () => {
    const reply = JSON.parse(videosReply) as { items: { contentDetails: { duration: string } }[] };
    reply.items[1]!.contentDetails.duration = "three minutes";
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(200, reply);
    const result = await makeClient().getVideos({ ids: ["Ks-_Mh1QhMc", "GvgqDSnpRQM"] });
    expect(result.videos.map((video) => video.id)).toEqual(["Ks-_Mh1QhMc"]);
    expect(result.invalid).toEqual([
      { videoId: "GvgqDSnpRQM", reason: expect.stringContaining("contentDetails.duration") },
    ]);
  });

  it("opens the breaker on repeated 5xx, then fails fast with no request and no units, and recovers", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(500, "")
      .times(RETRY_MAX_ATTEMPTS);
    const client = makeClient();
    await client.getVideos({ ids: ["Ks-_Mh1QhMc"] }).catch(() => {});
    expect(breakers.dataApi.state()).toBe("open");

    reserved = [];
    const error = await client.getVideos({ ids: ["Ks-_Mh1QhMc"] }).catch((caught: unknown) => caught);
    expect(isAppError(error, "UPSTREAM_UNAVAILABLE")).toBe(true);
    expect((error as AppError).retryAt).toEqual(breakers.dataApi.retryAt());
    // No request and no units: the interceptors above were all used and nothing new was asked for.
    expect(reserved).toEqual([]);
    agent.assertNoPendingInterceptors();

    await new Promise((resolve) => setTimeout(resolve, 200));
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(200, videosReply);
    expect((await client.getVideos({ ids: ["Ks-_Mh1QhMc"] })).videos).toHaveLength(2);
    expect(breakers.dataApi.state()).toBe("closed");
  });

  it("does not count 4xx replies against the breaker", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/playlistItems?") })
      .reply(404, fixture("error.playlistNotFound.404.json"))
      .times(10);
    const client = makeClient();
    for (let index = 0; index < 10; index += 1) {
      await client.listUploadsPage({ playlistId: "UUxxxxxxxxxxxxxxxxxxxxxx" }).catch(() => {});
    }
    expect(breakers.dataApi.state()).toBe("closed");
  });

  it("passes the caller's abort through without retrying or tripping the breaker", async () => {
    api()
      .intercept({ path: pathStarts("/youtube/v3/videos?") })
      .reply(200, videosReply)
      .delay(500);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("job cancelled")), 20);
    await expect(makeClient().getVideos({ ids: ["Ks-_Mh1QhMc"], signal: controller.signal })).rejects.toThrow(
      "job cancelled",
    );
    expect(reserved).toEqual([1]);
    expect(breakers.dataApi.state()).toBe("closed");
  });

  it("reads the feed with conditional headers and tells 304 and 404 apart", async () => {
    const feeds = agent.get(FEEDS);
    feeds
      .intercept({ path: "/feeds/videos.xml?channel_id=UC_aBYQ3phPsrkSXkpnZeDZw" })
      .reply(200, fixture("feed.videos.channel.xml"), {
        headers: { etag: '"f1"', "last-modified": "Tue, 24 Nov 2026 10:00:00 GMT" },
      });
    feeds
      .intercept({
        path: "/feeds/videos.xml?channel_id=UC_aBYQ3phPsrkSXkpnZeDZw",
        headers: { "if-none-match": '"f1"' },
      })
      .reply(304, "");
    feeds.intercept({ path: "/feeds/videos.xml?channel_id=UCxxxxxxxxxxxxxxxxxxxxxx" }).reply(404, "");
    const client = makeClient();
    const first = await client.getFeed({ channelId: "UC_aBYQ3phPsrkSXkpnZeDZw" });
    expect(first).toMatchObject({ status: "ok", etag: '"f1"', lastModified: "Tue, 24 Nov 2026 10:00:00 GMT" });
    expect(first.status === "ok" && first.feed.entries).toHaveLength(15);
    expect(await client.getFeed({ channelId: "UC_aBYQ3phPsrkSXkpnZeDZw", etag: '"f1"' })).toEqual({
      status: "not_modified",
    });
    expect(await client.getFeed({ channelId: "UCxxxxxxxxxxxxxxxxxxxxxx" })).toEqual({ status: "not_found" });
    expect(reserved).toEqual([]);
  });
});
