import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Catalog } from "./catalog.ts";
import { DEMO_CHANNEL_ID } from "./demo-world.ts";
import { CHANNEL_ID_PATTERN, VIDEO_ID_PATTERN } from "./random.ts";
import type { VideoRecord } from "./records.ts";
import { createEmulatorServer, type EmulatorServer } from "./server.ts";
import { createApiClient, createControlClient, itemsOf } from "./test-support.ts";
import { renderFeedReply } from "./feed-xml.ts";
import { GeneratedWorld, MAX_GENERATED_VIDEOS_PER_CHANNEL, type WorldChannelSummary } from "./world.ts";

const ANCHOR = "2026-06-01T12:00:00.000Z";
const ANCHOR_MS = Date.parse(ANCHOR);
const DAY_MS = 86_400_000;

describe("a 1M-channel world", () => {
  let big: EmulatorServer;

  beforeAll(async () => {
    big = await createEmulatorServer({ port: 0, worldSize: 1_000_000, seed: "bench", worldAnchor: ANCHOR });
  });

  afterAll(async () => {
    await big.close();
  });

  it("starts without materializing anything", async () => {
    const status = (await createControlClient(big.url).get("")).body as {
      worldSize: number;
      cache: Record<string, number>;
    };
    expect(status.worldSize).toBe(1_000_000);
    expect(status.cache).toEqual({ cachedChannels: 0, cachedVideos: 0, pinnedChannels: 1 });
  });

  it("answers channels.list for channel 999,999 by id and by handle, deterministically", async () => {
    const control = createControlClient(big.url);
    const api = createApiClient(big.url);
    const listed = (await control.get("/world/channels?offset=999999&limit=5")).body as {
      channels: WorldChannelSummary[];
    };
    expect(listed.channels).toHaveLength(1);
    const last = listed.channels[0];
    expect(last).toMatchObject({ index: 999_999, handle: "@gen999999" });
    expect(last?.id).toMatch(CHANNEL_ID_PATTERN);
    expect(last?.id).toBe(new GeneratedWorld("bench", 1_000_000, ANCHOR_MS).channelIdAt(999_999));

    const byHandle = await api("channels", { part: "snippet,contentDetails", forHandle: "@gen999999" });
    const byId = await api("channels", { part: "snippet,contentDetails", id: String(last?.id) });
    // With seed "bench" channel 999,999 is a dormant channel (not terminated), so both find it.
    expect(last?.profile).toBe("dormant");
    expect(itemsOf(byId.body)).toHaveLength(1);
    expect(itemsOf(byHandle.body)).toEqual(itemsOf(byId.body));
    expect(itemsOf(byId.body)[0]).toMatchObject({ id: last?.id, snippet: { customUrl: "@gen999999" } });
    expect((await api("channels", { part: "id", forHandle: "@gen1000000" })).body.items).toBeUndefined();
    const status = (await control.get("")).body as { cache: { cachedChannels: number } };
    expect(status.cache.cachedChannels).toBe(1);
  });
});

describe("generated world", () => {
  it("describes each channel's feed (entries, Last-Modified) exactly as a render of the whole channel gives it", () => {
    const world = new GeneratedWorld("describe-feed", 3000, ANCHOR_MS);
    const profiles = new Set<string>();
    for (let index = 0; index < world.size; index += 1) {
      const channel = world.materializeChannel(index);
      const described = world.describeFeed(index);
      profiles.add(world.describeChannel(index).profile);
      if (channel.isTerminated) {
        expect(described).toBeNull();
        continue;
      }
      const rendered = renderFeedReply(channel, (xml) => xml);
      expect(described).toEqual({ entryIds: rendered.entryIds, lastModifiedMs: rendered.lastModifiedMs });
    }
    expect([...profiles].sort()).toEqual(["active", "dormant", "empty", "normal", "terminated"]);
  });

  it("gives the same ids for the same seed and different ids for another seed", async () => {
    const servers = await Promise.all(
      ["alpha", "alpha", "beta"].map((seed) =>
        createEmulatorServer({ port: 0, seed, worldSize: 1000, worldAnchor: ANCHOR }),
      ),
    );
    try {
      const enumerate = async (server: EmulatorServer) =>
        (
          (await createControlClient(server.url).get("/world/channels?offset=0&limit=1000")).body
            .channels as WorldChannelSummary[]
        ).map((channel) => channel.id);
      const [a1, a2, b] = await Promise.all(servers.map(enumerate));
      expect(a1).toHaveLength(1000);
      expect(new Set(a1).size).toBe(1000);
      expect(a1).toEqual(a2);
      expect(b?.filter((id) => a1?.includes(id))).toEqual([]);

      const uploads = async (server: EmulatorServer, channelId: string) => {
        const channel = await createControlClient(server.url).get(`/channels/${channelId}`);
        return channel.body.videoIds as string[];
      };
      const sample = a1?.slice(0, 30) ?? [];
      for (const id of sample) {
        expect(await uploads(servers[0] as EmulatorServer, id)).toEqual(
          await uploads(servers[1] as EmulatorServer, id),
        );
      }
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });

  it("makes valid ids and a mix of active, normal, dormant, empty and terminated channels", () => {
    const world = new GeneratedWorld("mix", 2000, ANCHOR_MS);
    const summaries = Array.from({ length: 2000 }, (_, index) => world.describeChannel(index));
    const byProfile = (profile: string) => summaries.filter((summary) => summary.profile === profile);
    for (const profile of ["active", "normal", "dormant", "empty", "terminated"])
      expect(byProfile(profile).length).toBeGreaterThan(10);
    for (const summary of summaries) {
      expect(summary.id).toMatch(CHANNEL_ID_PATTERN);
      expect(world.findChannelIndex(summary.id)).toBe(summary.index);
      expect(world.findHandleIndex(summary.handle.slice(1))).toBe(summary.index);
    }
    const ageOf = (summary: WorldChannelSummary) => ANCHOR_MS - Date.parse(String(summary.newestUploadAt));
    expect(byProfile("active").every((summary) => ageOf(summary) < 7 * DAY_MS)).toBe(true);
    expect(byProfile("dormant").every((summary) => ageOf(summary) > 180 * DAY_MS)).toBe(true);
    expect(byProfile("empty").every((summary) => summary.videoCount === 0 && summary.newestUploadAt === null)).toBe(
      true,
    );
    expect(Math.max(...summaries.map((summary) => summary.videoCount))).toBeLessThanOrEqual(
      MAX_GENERATED_VIDEOS_PER_CHANNEL,
    );
    expect(world.findChannelIndex("UCxxxxxxxxxxxxxxxxxxxxxA")).toBeNull();
    expect(world.findHandleIndex("gen2000")).toBeNull();
    expect(world.findHandleIndex("gen007")).toBeNull();
  });

  it("generates videos of every kind, newest first, with ids that decode back", () => {
    const world = new GeneratedWorld("kinds", 400, ANCHOR_MS);
    const videos: VideoRecord[] = [];
    for (let index = 0; index < 400; index += 1) {
      const channel = world.materializeChannel(index);
      expect(channel.videos.map((video) => video.publishedAtMs)).toEqual(
        channel.videos.map((video) => video.publishedAtMs).sort((a, b) => b - a),
      );
      channel.videos.forEach((video, videoIndex) => {
        expect(video.id).toMatch(VIDEO_ID_PATTERN);
        expect(world.decodeVideoId(video.id)).toEqual({ channelIndex: index, videoIndex });
      });
      videos.push(...channel.videos);
    }
    const kinds = new Set(videos.map((video) => video.kind));
    expect([...kinds].sort()).toEqual(["ended_stream", "live", "short", "upcoming", "video"]);
    expect(videos.filter((video) => video.kind === "short").every((video) => video.durationSeconds <= 60)).toBe(true);
    expect(videos.some((video) => video.kind === "ended_stream" && video.durationSeconds >= 86_400)).toBe(true);
    expect(videos.some((video) => video.privacy === "private")).toBe(true);
    expect(videos.some((video) => video.privacy === "unlisted")).toBe(true);
    expect(videos.some((video) => video.isDeleted)).toBe(true);
    expect(videos.some((video) => !video.hasMaxresThumbnail)).toBe(true);
    expect(videos.some((video) => video.isLikeCountHidden)).toBe(true);
    expect(videos.every((video) => (video.actualEndMs ?? 0) <= ANCHOR_MS)).toBe(true);
  }, 30_000); // 400 channels × their uploads: about 1 s alone, more on a loaded 2-core machine.

  it("keeps mutations of generated channels while evicting untouched ones from a bounded cache", () => {
    const world = new GeneratedWorld("lru", 500, ANCHOR_MS);
    const catalog = new Catalog(world, { seed: "lru", now: () => ANCHOR_MS + DAY_MS, maxCachedVideos: 400 });
    const target = Array.from({ length: 500 }, (_, index) => world.describeChannel(index)).find(
      (summary) => summary.profile !== "terminated" && summary.videoCount >= 3,
    );
    expect(target).toBeDefined();
    const channelId = String(target?.id);
    const [newest, second] = catalog.findChannel(channelId)?.videos ?? [];
    const published = catalog.addVideo(channelId, { kind: "video", privacy: "public", title: "Fresh upload" });
    catalog.deleteVideo(String(newest?.id));
    catalog.updateVideo(String(second?.id), { privacy: "private" });

    for (let index = 0; index < 500; index += 1) catalog.findChannel(world.channelIdAt(index));
    expect(catalog.cacheStats().cachedVideos).toBeLessThanOrEqual(400 + MAX_GENERATED_VIDEOS_PER_CHANNEL);

    const channel = catalog.findChannel(channelId);
    expect(channel?.videos[0]?.id).toBe(published.id);
    expect(catalog.findVideo(String(newest?.id))?.isDeleted).toBe(true);
    expect(catalog.findVideo(String(second?.id))?.privacy).toBe("private");
    expect(catalog.findVideo(published.id)?.title).toBe("Fresh upload");
    expect(catalog.cacheStats().pinnedChannels).toBe(2);
  });

  it("serves publish and delete on a generated channel through the API", async () => {
    const server = await createEmulatorServer({ port: 0, seed: "mutations", worldSize: 300, worldAnchor: ANCHOR });
    try {
      const control = createControlClient(server.url);
      const api = createApiClient(server.url);
      const channels = (await control.get("/world/channels?offset=0&limit=300")).body.channels as WorldChannelSummary[];
      const target = channels.find((channel) => channel.profile === "active" && channel.videoCount > 5);
      expect(target).toBeDefined();
      await control.post("/clock", { now: new Date(ANCHOR_MS + DAY_MS).toISOString() });
      const published = (await control.post(`/channels/${String(target?.id)}/videos`, { title: "Brand new" })).body as {
        id: string;
      };
      const firstPage = await api("playlistItems", {
        part: "snippet,contentDetails",
        playlistId: String(target?.uploadsPlaylistId),
      });
      const [first, second] = itemsOf(firstPage.body);
      expect((first?.contentDetails as { videoId: string }).videoId).toBe(published.id);

      const victim = (second?.contentDetails as { videoId: string }).videoId;
      expect((await control.delete(`/videos/${victim}`)).status).toBe(200);
      const after = await api("playlistItems", {
        part: "snippet,contentDetails",
        playlistId: String(target?.uploadsPlaylistId),
      });
      expect((itemsOf(after.body)[1]?.snippet as { title: string }).title).toBe("Deleted video");
      expect((await api("videos", { part: "id", id: victim })).body.items).toBeUndefined();
      expect(itemsOf((await api("videos", { part: "id", id: published.id })).body)).toHaveLength(1);
      // The demo channel is always there too.
      expect(itemsOf((await api("channels", { part: "id", id: DEMO_CHANNEL_ID })).body)).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
