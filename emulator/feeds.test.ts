import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { DEMO_CHANNEL_ID, DEMO_VIDEO_IDS } from "./demo-world.ts";
import { generatedFeedEtag } from "./feed-cache.ts";
import { renderFeedReply, type RenderedFeed } from "./feed-xml.ts";
import { readFixture, shapeOf, useTestEmulator } from "./test-support.ts";

interface FeedEntry {
  id: string;
  "yt:videoId": string;
  "yt:channelId": string;
  title: string;
  link: { "@_href": string };
  published: string;
  updated: string;
  "media:group": { "media:thumbnail": { "@_url": string }; "media:description": string };
}

interface Feed {
  id: string;
  "yt:channelId": string;
  title: string;
  published: string;
  entry?: FeedEntry[] | FeedEntry;
}

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === "entry" });

function parseFeed(xml: string): Feed {
  expect(XMLValidator.validate(xml)).toBe(true);
  return (parser.parse(xml) as { feed: Feed }).feed;
}

function entriesOf(feed: Feed): FeedEntry[] {
  return Array.isArray(feed.entry) ? feed.entry : feed.entry ? [feed.entry] : [];
}

const emu = useTestEmulator({ worldSize: 100 });

function feedUrl(channelId: string): string {
  return `${emu.emulator.url}/feeds/videos.xml?channel_id=${channelId}`;
}

async function getFeed(
  channelId: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(feedUrl(channelId), { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("channel feed", () => {
  it("has the shape of feed.videos.channel.xml with the 15 newest public uploads", async () => {
    const reply = await getFeed(DEMO_CHANNEL_ID);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    const feed = parseFeed(reply.text);
    const sample = parseFeed(readFixture("feed.videos.channel.xml"));
    expect(shapeOf(feed)).toEqual(shapeOf(sample));
    expect(entriesOf(feed)).toHaveLength(15);

    expect(feed.id).toBe(`yt:channel:${DEMO_CHANNEL_ID.slice(2)}`);
    expect(feed["yt:channelId"]).toBe(DEMO_CHANNEL_ID.slice(2));
    expect(feed.title).toBe("Demo Creator");
    expect(feed.published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);

    const channel = (await emu.control.get(`/channels/${DEMO_CHANNEL_ID}`)).body as { videoIds: string[] };
    const publicIds: string[] = [];
    for (const id of channel.videoIds) {
      const video = (await emu.control.get(`/videos/${id}`)).body as { privacy: string; deleted: boolean };
      if (video.privacy === "public" && !video.deleted) publicIds.push(id);
    }
    const entries = entriesOf(feed);
    expect(entries.map((entry) => entry["yt:videoId"])).toEqual(publicIds.slice(0, 15));
    for (const entry of entries) {
      expect(entry.id).toBe(`yt:video:${entry["yt:videoId"]}`);
      expect(entry["yt:channelId"]).toBe(DEMO_CHANNEL_ID);
      expect(entry.published).toMatch(/\+00:00$/);
      expect(entry.updated).toMatch(/\+00:00$/);
      expect(entry["media:group"]["media:thumbnail"]["@_url"]).toMatch(
        new RegExp(`^https://i[1-4]\\.ytimg\\.com/vi/${entry["yt:videoId"]}/hqdefault\\.jpg$`),
      );
    }
  });

  it("links Shorts as /shorts/ID and everything else as watch?v=ID, and keeps live and upcoming entries", async () => {
    const entries = entriesOf(parseFeed((await getFeed(DEMO_CHANNEL_ID)).text));
    const linkOf = (videoId: string) => entries.find((entry) => entry["yt:videoId"] === videoId)?.link["@_href"];
    expect(linkOf(DEMO_VIDEO_IDS.resolveShort)).toBe(`https://www.youtube.com/shorts/${DEMO_VIDEO_IDS.resolveShort}`);
    expect(linkOf(DEMO_VIDEO_IDS.resolveGrading)).toBe(
      `https://www.youtube.com/watch?v=${DEMO_VIDEO_IDS.resolveGrading}`,
    );
    expect(linkOf(DEMO_VIDEO_IDS.liveNow)).toBeDefined();
    expect(linkOf(DEMO_VIDEO_IDS.upcomingPremiere)).toBeDefined();
    for (const hidden of [
      DEMO_VIDEO_IDS.privateClientCut,
      DEMO_VIDEO_IDS.deletedOldReel,
      DEMO_VIDEO_IDS.unlistedStudioTour,
    ]) {
      expect(linkOf(hidden)).toBeUndefined();
    }
  });

  it("answers 304 to a matching If-None-Match or a current If-Modified-Since", async () => {
    const first = await getFeed(DEMO_CHANNEL_ID);
    const etag = first.headers.get("etag");
    const lastModified = first.headers.get("last-modified");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(lastModified).toMatch(/GMT$/);

    const byEtag = await getFeed(DEMO_CHANNEL_ID, { "if-none-match": String(etag) });
    expect(byEtag.status).toBe(304);
    expect(byEtag.text).toBe("");
    expect(byEtag.headers.get("etag")).toBe(etag);

    const byDate = await getFeed(DEMO_CHANNEL_ID, { "if-modified-since": String(lastModified) });
    expect(byDate.status).toBe(304);

    const older = new Date(Date.parse(String(lastModified)) - 1000).toUTCString();
    expect((await getFeed(DEMO_CHANNEL_ID, { "if-modified-since": older })).status).toBe(200);
    // If-None-Match wins over If-Modified-Since.
    expect(
      (await getFeed(DEMO_CHANNEL_ID, { "if-none-match": '"other"', "if-modified-since": String(lastModified) }))
        .status,
    ).toBe(200);
  });

  it("changes after a publish and after a delete", async () => {
    const first = await getFeed(DEMO_CHANNEL_ID);
    const etag = String(first.headers.get("etag"));
    await emu.control.post("/clock", { now: new Date(Date.now() + 3_600_000).toISOString() });
    const published = (
      await emu.control.post(`/channels/${DEMO_CHANNEL_ID}/videos`, {
        kind: "short",
        durationSeconds: 30,
        title: "New short",
      })
    ).body as {
      id: string;
    };

    const afterPublish = await getFeed(DEMO_CHANNEL_ID, { "if-none-match": etag });
    expect(afterPublish.status).toBe(200);
    const entries = entriesOf(parseFeed(afterPublish.text));
    expect(entries[0]?.["yt:videoId"]).toBe(published.id);
    expect(entries[0]?.link["@_href"]).toBe(`https://www.youtube.com/shorts/${published.id}`);
    expect(entries).toHaveLength(15);

    await emu.control.post("/clock", { advanceMs: 60_000 });
    await emu.control.delete(`/videos/${published.id}`);
    const afterDelete = await getFeed(DEMO_CHANNEL_ID, {
      "if-modified-since": String(afterPublish.headers.get("last-modified")),
    });
    expect(afterDelete.status).toBe(200);
    expect(entriesOf(parseFeed(afterDelete.text)).map((entry) => entry["yt:videoId"])).not.toContain(published.id);
    expect(Date.parse(String(afterDelete.headers.get("last-modified")))).toBeGreaterThan(
      Date.parse(String(afterPublish.headers.get("last-modified"))),
    );
  });

  it("escapes XML in titles and descriptions", async () => {
    const channel = (await emu.control.post("/channels", { title: "Tom & Jerry's <Studio>" })).body as { id: string };
    const title = `Tips & <tricks> "quoted" 'single' ]]> \u0001done`;
    await emu.control.post(`/channels/${channel.id}/videos`, { title, description: "a < b && c > d" });
    const reply = await getFeed(channel.id);
    expect(reply.text).toContain(
      "<title>Tips &amp; &lt;tricks&gt; &quot;quoted&quot; &apos;single&apos; ]]&gt; done</title>",
    );
    const feed = parseFeed(reply.text);
    expect(feed.title).toBe("Tom & Jerry's <Studio>");
    const [entry] = entriesOf(feed);
    expect(entry?.title).toBe(title.replace("\u0001", ""));
    expect(entry?.["media:group"]["media:description"]).toBe("a < b && c > d");
  });

  it("serves generated channels, and 404s unknown and terminated channels", async () => {
    const world = (await emu.control.get("/world/channels?offset=0&limit=100")).body.channels as {
      id: string;
      profile: string;
      videoCount: number;
    }[];
    const active = world.find((channel) => channel.profile === "active" && channel.videoCount > 20);
    expect(active).toBeDefined();
    const feed = parseFeed((await getFeed(String(active?.id))).text);
    expect(entriesOf(feed).length).toBeGreaterThan(0);
    expect(entriesOf(feed).length).toBeLessThanOrEqual(15);

    const empty = world.find((channel) => channel.profile === "empty");
    expect(empty).toBeDefined();
    const emptyReply = await getFeed(String(empty?.id));
    expect(emptyReply.status).toBe(200);
    expect(entriesOf(parseFeed(emptyReply.text))).toHaveLength(0);

    expect((await getFeed("UCxxxxxxxxxxxxxxxxxxxxxA")).status).toBe(404);
    const terminated = world.find((channel) => channel.profile === "terminated");
    expect(terminated).toBeDefined();
    expect((await getFeed(String(terminated?.id))).status).toBe(404);
    await emu.control.patch(`/channels/${DEMO_CHANNEL_ID}`, { terminated: true });
    expect((await getFeed(DEMO_CHANNEL_ID)).status).toBe(404);
    expect((await fetch(`${emu.emulator.url}/feeds/videos.xml`)).status).toBe(400);
  });

  it("costs no quota but is counted", async () => {
    await emu.control.post("/counters/reset");
    await getFeed(DEMO_CHANNEL_ID);
    await getFeed("UCxxxxxxxxxxxxxxxxxxxxxA");
    const counters = (await emu.control.get("/counters")).body as {
      requests: { byEndpoint: Record<string, number> };
      unitsCharged: number;
    };
    expect(counters.requests.byEndpoint).toEqual({ feed: 2 });
    expect(counters.unitsCharged).toBe(0);
  });
});

describe("conditional GETs answered from the cached validators", () => {
  const HOUR_MS = 3_600_000;

  /**
   * What a fresh render says the feed is, worked out apart from the route: a generated channel nothing
   * changed keeps its derived ETag (feed-cache.ts), every other feed has its XML's SHA-1.
   */
  function freshFeed(channelId: string): RenderedFeed {
    const { state } = emu.emulator;
    const channel = state.catalog.findChannel(channelId);
    if (!channel) throw new Error(`no channel ${channelId}`);
    const rendered = renderFeedReply(channel, (xml) => state.localizeImages(xml));
    const index = state.world.findChannelIndex(channelId);
    if (index === null || state.feedCache.hasChanged(index)) return rendered;
    return { ...rendered, etag: generatedFeedEtag(state.world, index, state.imageOrigin()) };
  }

  function renders(): number {
    return emu.emulator.state.feedCache.stats().renders;
  }

  async function activeWorldChannelId(): Promise<string> {
    const world = (await emu.control.get("/world/channels?offset=0&limit=100")).body.channels as {
      id: string;
      profile: string;
      videoCount: number;
    }[];
    const active = world.find((channel) => channel.profile === "active" && channel.videoCount > 20);
    if (!active) throw new Error("the test world has no active channel with more than 20 videos");
    return active.id;
  }

  async function newestEntryId(channelId: string): Promise<string> {
    const [entry] = entriesOf(parseFeed((await getFeed(channelId)).text));
    if (!entry) throw new Error(`channel ${channelId} has an empty feed`);
    return entry["yt:videoId"];
  }

  it.each([
    ["the demo channel", async () => DEMO_CHANNEL_ID],
    ["a generated channel", activeWorldChannelId],
  ])(
    "answers 304 to an unchanged feed of %s with the same validators, rendering nothing",
    async (_name, pickChannel) => {
      const channelId = await pickChannel();
      const first = await getFeed(channelId);
      expect(first.status).toBe(200);
      const etag = String(first.headers.get("etag"));
      const lastModified = String(first.headers.get("last-modified"));
      const rendersAfterFirst = renders();

      const conditions: Record<string, string>[] = [
        { "if-none-match": etag },
        { "if-none-match": `W/${etag}` },
        { "if-none-match": `"other", ${etag}` },
        { "if-modified-since": lastModified },
      ];
      for (const headers of conditions) {
        const reply = await getFeed(channelId, headers);
        expect(reply.status).toBe(304);
        expect(reply.text).toBe("");
        expect(reply.headers.get("etag")).toBe(etag);
        expect(reply.headers.get("last-modified")).toBe(lastModified);
      }
      expect(renders()).toBe(rendersAfterFirst);
      const status = (await emu.control.get("")).body as { feedCache: { renders: number } };
      expect(status.feedCache.renders).toBe(rendersAfterFirst);

      // The counter does count renders: a GET that cannot be answered 304 renders once more.
      const again = await getFeed(channelId);
      expect(again.status).toBe(200);
      expect(again.headers.get("etag")).toBe(etag);
      expect(renders()).toBe(rendersAfterFirst + 1);
    },
  );

  interface ChangeCase {
    /** Changes something through the control API; resolves to its reply. */
    change: (channelId: string) => Promise<{ status: number }>;
    channel: () => Promise<string>;
    /** Whether the feed's ETag / Last-Modified move with this change. */
    moves: { etag: boolean; lastModified: boolean };
  }

  const changes: Record<string, ChangeCase> = {
    "publishing a video": {
      channel: activeWorldChannelId,
      change: (channelId) =>
        emu.control.post(`/channels/${channelId}/videos`, { kind: "video", title: "Fresh upload" }),
      moves: { etag: true, lastModified: true },
    },
    "deleting a video in the feed": {
      channel: activeWorldChannelId,
      change: async (channelId) => emu.control.delete(`/videos/${await newestEntryId(channelId)}`),
      moves: { etag: true, lastModified: true },
    },
    "editing a video's title": {
      channel: activeWorldChannelId,
      change: async (channelId) =>
        emu.control.patch(`/videos/${await newestEntryId(channelId)}`, { title: "Renamed upload" }),
      moves: { etag: true, lastModified: true },
    },
    "making a video private": {
      channel: activeWorldChannelId,
      change: async (channelId) =>
        emu.control.patch(`/videos/${await newestEntryId(channelId)}`, { privacy: "private" }),
      moves: { etag: true, lastModified: true },
    },
    "a premiere going live": {
      channel: async () => DEMO_CHANNEL_ID,
      change: () => emu.control.patch(`/videos/${DEMO_VIDEO_IDS.upcomingPremiere}`, { kind: "live" }),
      moves: { etag: true, lastModified: true },
    },
    "renaming the channel": {
      channel: activeWorldChannelId,
      change: (channelId) => emu.control.patch(`/channels/${channelId}`, { title: "Renamed channel" }),
      moves: { etag: true, lastModified: true },
    },
    "a reset to a later world anchor": {
      channel: activeWorldChannelId,
      change: () => emu.control.post("/reset", { worldAnchor: new Date(Date.now() + 30 * 24 * HOUR_MS).toISOString() }),
      moves: { etag: true, lastModified: true },
    },
    "hosting images on the emulator": {
      channel: async () => DEMO_CHANNEL_ID,
      change: () => emu.control.post("/replies", { images: "emulator" }),
      moves: { etag: true, lastModified: false },
    },
    "switching to legacy Data API reply shapes": {
      channel: activeWorldChannelId,
      change: () =>
        emu.control.post("/replies", { legacyEtags: true, millisecondTimestamps: true, pageInfoFirst: true }),
      moves: { etag: false, lastModified: false },
    },
  };

  it.each(Object.entries(changes))(
    "after %s, answers as a fresh render does, never with stale validators",
    async (_name, { channel, change, moves }) => {
      const channelId = await channel();
      await emu.control.post("/clock", { now: new Date(Date.now() + HOUR_MS).toISOString() });
      const before = await getFeed(channelId);
      const etag = String(before.headers.get("etag"));
      const lastModified = String(before.headers.get("last-modified"));
      expect((await getFeed(channelId, { "if-none-match": etag })).status).toBe(304);

      await emu.control.post("/clock", { advanceMs: 60_000 });
      expect((await change(channelId)).status).toBeLessThan(300);
      const fresh = freshFeed(channelId);
      expect(`"${fresh.etag}"` !== etag).toBe(moves.etag);
      expect(new Date(fresh.lastModifiedMs).toUTCString() !== lastModified).toBe(moves.lastModified);

      const byEtag = await getFeed(channelId, { "if-none-match": etag });
      expect(byEtag.status).toBe(moves.etag ? 200 : 304);
      expect(byEtag.headers.get("etag")).toBe(`"${fresh.etag}"`);
      expect(byEtag.headers.get("last-modified")).toBe(new Date(fresh.lastModifiedMs).toUTCString());
      if (moves.etag) expect(byEtag.text).toBe(fresh.xml);
      const byDate = await getFeed(channelId, { "if-modified-since": lastModified });
      expect(byDate.status).toBe(moves.lastModified ? 200 : 304);
      // And the new validators are cached in turn.
      expect((await getFeed(channelId, { "if-none-match": `"${fresh.etag}"` })).status).toBe(304);
    },
  );

  it("after the clock passes a scheduled premiere and a future publish time, answers as a fresh render does", async () => {
    const channelId = await activeWorldChannelId();
    const nowMs = Date.now() + HOUR_MS;
    await emu.control.post("/clock", { now: new Date(nowMs).toISOString() });
    await emu.control.post(`/channels/${channelId}/videos`, {
      kind: "upcoming",
      scheduledStartTime: new Date(nowMs + HOUR_MS).toISOString(),
    });
    await emu.control.post(`/channels/${channelId}/videos`, {
      kind: "video",
      publishedAt: new Date(nowMs + 2 * HOUR_MS).toISOString(),
    });
    const before = await getFeed(channelId);
    const etag = String(before.headers.get("etag"));
    const rendersBefore = renders();

    await emu.control.post("/clock", { advanceMs: 3 * HOUR_MS });
    const fresh = freshFeed(channelId);
    const after = await getFeed(channelId, { "if-none-match": etag });
    // The feed lists upcoming and future-dated uploads whatever the time, so it has not changed.
    expect(`"${fresh.etag}"`).toBe(etag);
    expect(after.status).toBe(304);
    expect(after.headers.get("last-modified")).toBe(new Date(fresh.lastModifiedMs).toUTCString());
    expect(renders()).toBe(rendersBefore);
  });
});

describe("feeds seeded from /_emulator/world/feeds", () => {
  interface ExportedChannel {
    index: number;
    id: string;
    profile: string;
    feed: { etag: string; lastModified: string; entryIds: string[] } | null;
  }

  async function exportedFeeds(offset: number, limit: number): Promise<ExportedChannel[]> {
    const reply = await emu.control.get(`/world/feeds?offset=${offset}&limit=${limit}`);
    expect(reply.status).toBe(200);
    return (reply.body as { channels: ExportedChannel[] }).channels;
  }

  it("hands out the validators and entries a GET serves, so a client seeded with them gets 304 first time, with no render", async () => {
    await emu.control.post("/reset", {});
    const channels = await exportedFeeds(0, 100);
    expect(channels).toHaveLength(100);
    const rendersBefore = emu.emulator.state.feedCache.stats().renders;
    for (const channel of channels) {
      if (channel.profile === "terminated") {
        expect(channel.feed).toBeNull();
        expect((await getFeed(channel.id)).status).toBe(404);
        continue;
      }
      const feed = channel.feed!;
      const seeded = await getFeed(channel.id, { "if-none-match": feed.etag, "if-modified-since": feed.lastModified });
      expect(seeded.status).toBe(304);
      expect(seeded.headers.get("etag")).toBe(feed.etag);
      expect(seeded.headers.get("last-modified")).toBe(feed.lastModified);
    }
    expect(emu.emulator.state.feedCache.stats().renders).toBe(rendersBefore);

    // A plain GET renders the feed, with the same validators and exactly the exported entries.
    for (const channel of channels.filter((candidate) => candidate.feed).slice(0, 20)) {
      const full = await getFeed(channel.id);
      expect(full.status).toBe(200);
      expect(full.headers.get("etag")).toBe(channel.feed!.etag);
      expect(full.headers.get("last-modified")).toBe(channel.feed!.lastModified);
      expect(entriesOf(parseFeed(full.text)).map((entry) => entry["yt:videoId"])).toEqual(channel.feed!.entryIds);
    }
  });

  it("after a bulk publish, answers the seeded validators 200 with the new video first, and exports the new feed", async () => {
    await emu.control.post("/reset", {});
    const channels = (await exportedFeeds(0, 40)).filter((channel) => channel.feed).slice(0, 3);
    const published = await emu.control.post("/videos/publish", { channelIds: channels.map((channel) => channel.id) });
    expect(published.status).toBe(201);
    const videos = (published.body as { videos: { channelId: string; id: string; publishedAt: string }[] }).videos;
    expect(videos.map((video) => video.channelId)).toEqual(channels.map((channel) => channel.id));

    const after = new Map((await exportedFeeds(0, 40)).map((channel) => [channel.id, channel]));
    for (const [position, channel] of channels.entries()) {
      const reply = await getFeed(channel.id, { "if-none-match": channel.feed!.etag });
      expect(reply.status).toBe(200);
      const entryIds = entriesOf(parseFeed(reply.text)).map((entry) => entry["yt:videoId"]);
      expect(entryIds[0]).toBe(videos[position]!.id);
      expect(entryIds.slice(1)).toEqual(channel.feed!.entryIds.slice(0, 14));
      // The changed feed's ETag is its XML's, and the export says so too.
      expect(reply.headers.get("etag")).not.toBe(channel.feed!.etag);
      expect(after.get(channel.id)?.feed).toEqual({
        etag: reply.headers.get("etag"),
        lastModified: reply.headers.get("last-modified"),
        entryIds,
      });
      expect((await getFeed(channel.id, { "if-none-match": String(reply.headers.get("etag")) })).status).toBe(304);
    }
  });

  it("refuses a bulk publish on an unknown channel, and an empty one", async () => {
    expect((await emu.control.post("/videos/publish", { channelIds: ["UCnotAChannelOfThisWorld0"] })).status).toBe(404);
    expect((await emu.control.post("/videos/publish", { channelIds: [] })).status).toBe(400);
  });
});
