/**
 * Contract tests: the real client, the real Postgres quota ledger and the Google emulator, talking over
 * loopback HTTP. What the app records must match what "Google" charged, exactly.
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { Agent } from "undici";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "~/lib/errors";
import { markQuotaExhausted } from "~/lib/quota/mark-quota-exhausted";
import { quotaDayDate } from "~/lib/quota/next-reset";
import { reserveQuota, type QuotaLimits } from "~/lib/quota/reserve-quota";
import { createUpstreamBreaker, type UpstreamBreaker } from "~/lib/upstream/circuit-breaker";
import { db } from "~/server/db";
import { createEmulatorServer } from "../../../emulator/server";
import { emulatorControl, type EmulatorControl } from "@test/emulator-control";
import { createYouTubeClient } from "./client";
import { isYouTubeOutage } from "./default-client";
import { normalizeChannel, normalizeUploadsPage, normalizeVideo } from "./normalize";
import { MAX_PAGE_SIZE } from "./quota-costs";
import { channelListSchema, playlistItemListSchema, videoListSchema } from "./schemas";

type Emulator = Awaited<ReturnType<typeof createEmulatorServer>>;
type Counters = {
  requests: { total: number; byEndpoint: Record<string, number> };
  unitsCharged: number;
  tcpConnectionsOpened: number;
};

let emulator: Emulator;
let control: EmulatorControl;
let agents: Agent[] = [];
let breakers: UpstreamBreaker[] = [];
let ledgerDay = 0;

const counters = () => control<Counters>("GET", "/counters");

async function createChannel(videos: number): Promise<{ id: string; uploadsPlaylistId: string; videoIds: string[] }> {
  const channel = await control<{ id: string; uploadsPlaylistId: string }>("POST", "/channels", {
    title: `Contract ${randomUUID().slice(0, 8)}`,
  });
  const videoIds: string[] = [];
  for (let index = 0; index < videos; index += 1) {
    const video = await control<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
      kind: "video",
      privacy: "public",
    });
    videoIds.push(video.id);
  }
  return { ...channel, videoIds };
}

/** A client wired like production, on its own Agent and breakers, charging a ledger day of its own. */
function makeClient(options: { connections?: number; resetTimeoutMs?: number; day?: Date; limits?: QuotaLimits } = {}) {
  const agent = new Agent({ connections: options.connections ?? 4, keepAliveTimeout: 30_000 });
  agents.push(agent);
  const dataApi = createUpstreamBreaker("contract data api", {
    isFailure: isYouTubeOutage,
    volumeThreshold: 5,
    resetTimeoutMs: options.resetTimeoutMs ?? 30_000,
  });
  const feeds = createUpstreamBreaker("contract feeds", { isFailure: isYouTubeOutage });
  breakers.push(dataApi, feeds);
  // Each client charges its own ledger day, so tests never share a row.
  const now = options.day ?? new Date(Date.UTC(2032, 0, 1 + (ledgerDay += 1), 12));
  const client = createYouTubeClient({
    apiBaseUrl: emulator.url,
    feedBaseUrl: emulator.url,
    apiKey: "contract-key",
    dispatcher: agent,
    breakers: { dataApi, feeds },
    quota: {
      reserve: (units) =>
        reserveQuota({
          units,
          purpose: "interactive",
          now,
          limits: options.limits ?? { projectDaily: 1_000_000, userDaily: 1_000_000, backgroundShare: 0.8 },
        }),
      markExhausted: () => markQuotaExhausted({ now }),
    },
    logger: pino({ level: "silent" }),
    timeoutMs: 2_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
  });
  const ledgerUsed = async () =>
    (
      await db.quotaDay.findUnique({
        where: { day_scope: { day: quotaDayDate(now), scope: "project" } },
        select: { used: true },
      })
    )?.used ?? 0;
  return { client, dataApi, ledgerUsed, now };
}

beforeAll(async () => {
  emulator = await createEmulatorServer({ port: 0, seed: "contract", worldSize: 100 });
  control = emulatorControl(emulator.url);
});

beforeEach(async () => {
  await control("DELETE", "/faults");
  await control("POST", "/counters/reset");
  await control("POST", "/replies", { legacyEtags: false, millisecondTimestamps: false, pageInfoFirst: false });
});

afterEach(async () => {
  for (const breaker of breakers) breaker.shutdown();
  breakers = [];
  await Promise.all(agents.map((agent) => agent.close()));
  agents = [];
});

afterAll(async () => {
  await emulator.close();
});

describe("client ↔ emulator contract", () => {
  it("pages an uploads playlist to the end and stops at the last page", async () => {
    const channel = await createChannel(120);
    const { client } = makeClient();
    const seen: string[] = [];
    let pageToken: string | null = null;
    let pages = 0;
    do {
      const page = await client.listUploadsPage({
        playlistId: channel.uploadsPlaylistId,
        pageToken,
        pageSize: MAX_PAGE_SIZE,
      });
      if ("notModified" in page) throw new Error("unexpected 304");
      seen.push(...page.items.map((item) => item.videoId));
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(new Set(channel.videoIds));
    expect((await counters()).requests.byEndpoint["playlistItems.list"]).toBe(3);
  });

  it("fetches 120 ids in 3 videos.list calls", async () => {
    const channel = await createChannel(120);
    const { client } = makeClient();
    const result = await client.getVideos({ ids: channel.videoIds });
    expect(result.videos).toHaveLength(120);
    expect(result.missingIds).toEqual([]);
    expect((await counters()).requests.byEndpoint["videos.list"]).toBe(3);
  });

  it("records exactly the units the emulator charged, across a mixed run with injected errors", async () => {
    const channel = await createChannel(60);
    const { client, ledgerUsed } = makeClient();
    await control("POST", "/faults", { kind: "5xx", rate: 0.3, endpoint: "*" });
    await control("POST", "/faults", { kind: "429", count: 2, endpoint: "videos", retryAfterSeconds: 1 });
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round += 1) {
      const calls = [
        () => client.getVideos({ ids: channel.videoIds }),
        () => client.listUploadsPage({ playlistId: channel.uploadsPlaylistId }),
        () => client.getChannels({ ids: [channel.id, "UCxxxxxxxxxxxxxxxxxxxxxA"] }),
        () => client.getVideos({ ids: ["notAVideo0A", channel.videoIds[0]!] }),
        () => client.listUploadsPage({ playlistId: "UUnotarealplaylistxxxxxA" }),
      ];
      for (const call of calls) {
        outcomes.push(
          await call().then(
            () => "ok",
            (error: unknown) => (isAppError(error) ? error.code : "other"),
          ),
        );
      }
    }
    const charged = (await counters()).unitsCharged;
    expect(charged).toBeGreaterThan(60);
    expect(await ledgerUsed()).toBe(charged);
    expect(outcomes).toContain("ok");
    expect(outcomes).toContain("NOT_FOUND");
  });

  it("500 sequential calls open no more TCP connections than the Agent allows", async () => {
    const channel = await createChannel(1);
    const { client } = makeClient({ connections: 4 });
    for (let index = 0; index < 500; index += 1) await client.getVideos({ ids: channel.videoIds });
    const { tcpConnectionsOpened, requests } = await counters();
    expect(requests.byEndpoint["videos.list"]).toBe(500);
    expect(tcpConnectionsOpened).toBeLessThanOrEqual(4);
  }, 60_000);

  it("with 100 % 5xx the breaker opens, fails fast without reaching the emulator, and recovers", async () => {
    const channel = await createChannel(1);
    const { client, dataApi } = makeClient({ resetTimeoutMs: 500 });
    await control("POST", "/faults", { kind: "5xx", rate: 1, endpoint: "*" });
    for (let index = 0; index < 3 && dataApi.state() !== "open"; index += 1) {
      await client.getVideos({ ids: channel.videoIds }).catch(() => {});
    }
    expect(dataApi.state()).toBe("open");

    // Fails fast: no request reaches Google (how fast is the breaker benchmark's figure, not this test's).
    const before = (await counters()).requests.total;
    for (let index = 0; index < 50; index += 1) {
      const error = await client.getVideos({ ids: channel.videoIds }).catch((caught: unknown) => caught);
      expect(isAppError(error, "UPSTREAM_UNAVAILABLE")).toBe(true);
    }
    expect((await counters()).requests.total).toBe(before);

    await control("DELETE", "/faults");
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await client.getVideos({ ids: channel.videoIds })).videos).toHaveLength(1);
    expect(dataApi.state()).toBe("closed");
  });

  it("stops spending once Google says quotaExceeded, for every client on the ledger", async () => {
    const channel = await createChannel(1);
    const day = new Date("2033-06-07T12:00:00Z");
    const first = makeClient({ day });
    const second = makeClient({ day });
    await control("POST", "/quota", { exhaust: true });
    await expect(first.client.getVideos({ ids: channel.videoIds })).rejects.toMatchObject({ code: "QUOTA_EXHAUSTED" });
    const chargedAfterSignal = (await counters()).requests.total;
    await expect(second.client.getVideos({ ids: channel.videoIds })).rejects.toMatchObject({
      code: "QUOTA_EXHAUSTED",
      retryAt: new Date("2033-06-08T07:00:00Z"),
    });
    expect((await counters()).requests.total).toBe(chargedAfterSignal);
    await control("POST", "/quota", { dailyQuota: 10_000 });
  });
});

describe("client ↔ emulator: reply shapes Google has sent over the years", () => {
  beforeEach(async () => {
    await control("POST", "/quota", { resetUsage: true });
  });

  /** Everything the client reads, through each method, for one channel. */
  async function readAll(
    client: ReturnType<typeof makeClient>["client"],
    channel: { id: string; uploadsPlaylistId: string; videoIds: string[] },
  ) {
    const handle = (await control<{ handle: string }>("GET", `/channels/${channel.id}`)).handle;
    const page = await client.listUploadsPage({ playlistId: channel.uploadsPlaylistId, pageSize: 3 });
    if ("notModified" in page) throw new Error("unexpected 304");
    return {
      channels: await client.getChannels({ ids: [channel.id] }),
      byHandle: await client.getChannelByHandle({ handle }),
      page: { ...page, etag: null, nextPageToken: page.nextPageToken !== null },
      etag: page.etag,
      videos: await client.getVideos({ ids: channel.videoIds }),
    };
  }

  it("reads legacy replies (quoted etags with a slash, .000Z timestamps, pageInfo before items) exactly as current ones", async () => {
    const channel = await createChannel(5);
    const { client } = makeClient();
    const current = await readAll(client, channel);
    expect(current.videos.videos).toHaveLength(5);
    expect(current.etag).toMatch(/^[A-Za-z0-9_-]{27}$/);

    await control("POST", "/replies", { legacyEtags: true, millisecondTimestamps: true, pageInfoFirst: true });
    const legacy = await readAll(client, channel);
    expect(legacy.etag).toMatch(/^"[A-Za-z0-9_-]{27}\/[A-Za-z0-9_-]{27}"$/);
    expect({ ...legacy, etag: null }).toEqual({ ...current, etag: null });

    // The stored legacy etag, sent back as If-None-Match, gets the 304 (still one unit).
    const before = (await counters()).unitsCharged;
    expect(
      await client.listUploadsPage({ playlistId: channel.uploadsPlaylistId, pageSize: 3, etag: legacy.etag }),
    ).toEqual({ notModified: true });
    expect((await counters()).unitsCharged).toBe(before + 1);
  });

  it("parses replies cut to fields=items (no envelope) with the same schemas, to the same videos, channels and items", async () => {
    const channel = await createChannel(4);
    await control("POST", "/replies", { legacyEtags: true, millisecondTimestamps: true });
    const call = async (path: string, params: Record<string, string>) => {
      const url = new URL(`/youtube/v3/${path}`, emulator.url);
      url.search = new URLSearchParams({ ...params, key: "contract-key" }).toString();
      const response = await fetch(url);
      expect(response.status).toBe(200);
      return (await response.json()) as unknown;
    };
    /** The full reply and the one cut to fields=items, both as Google sent them. */
    const both = async (path: string, params: Record<string, string>) => {
      const [full, partial] = [await call(path, params), await call(path, { ...params, fields: "items" })];
      expect(Object.keys(partial as object)).toEqual(["items"]);
      return { full, partial };
    };
    const videos = await both("videos", {
      part: "snippet,contentDetails,statistics,status,liveStreamingDetails",
      id: channel.videoIds.join(","),
    });
    const readVideos = (reply: unknown) => videoListSchema.parse(reply).items!.map((item) => normalizeVideo(item));
    expect(readVideos(videos.partial)).toEqual(readVideos(videos.full));
    const channels = await both("channels", { part: "snippet,contentDetails,statistics", id: channel.id });
    const readChannels = (reply: unknown) => channelListSchema.parse(reply).items!.map(normalizeChannel);
    expect(readChannels(channels.partial)).toEqual(readChannels(channels.full));
    const page = await both("playlistItems", {
      part: "snippet,contentDetails",
      playlistId: channel.uploadsPlaylistId,
      maxResults: "2",
    });
    const readPage = (reply: unknown) => normalizeUploadsPage(playlistItemListSchema.parse(reply));
    expect(readPage(page.partial)).toEqual({
      ...readPage(page.full),
      nextPageToken: null,
      totalResults: null,
      etag: null,
    });
    expect(readPage(page.partial).items).toHaveLength(2);
  });

  it("takes both answers for the uploads of a channel that never published: 404 is NOT_FOUND, an empty 200 is an empty page", async () => {
    const { client } = makeClient();
    const notFound = await control<{ uploadsPlaylistId: string }>("POST", "/channels", {
      title: `Empty ${randomUUID().slice(0, 8)}`,
    });
    const listed = await control<{ uploadsPlaylistId: string }>("POST", "/channels", {
      title: `Empty ${randomUUID().slice(0, 8)}`,
      emptyUploads: "emptyList",
    });
    await expect(client.listUploadsPage({ playlistId: notFound.uploadsPlaylistId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await client.listUploadsPage({ playlistId: listed.uploadsPlaylistId })).toMatchObject({
      items: [],
      skipped: { private: 0, deleted: 0 },
      nextPageToken: null,
      totalResults: 0,
    });
  });
});
