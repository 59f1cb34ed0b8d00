import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { DEMO_CHANNEL_ID, DEMO_VIDEO_IDS } from "./demo-world.ts";
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

async function getFeed(channelId: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
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
    expect(linkOf(DEMO_VIDEO_IDS.resolveGrading)).toBe(`https://www.youtube.com/watch?v=${DEMO_VIDEO_IDS.resolveGrading}`);
    expect(linkOf(DEMO_VIDEO_IDS.liveNow)).toBeDefined();
    expect(linkOf(DEMO_VIDEO_IDS.upcomingPremiere)).toBeDefined();
    for (const hidden of [DEMO_VIDEO_IDS.privateClientCut, DEMO_VIDEO_IDS.deletedOldReel, DEMO_VIDEO_IDS.unlistedStudioTour]) {
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
    expect((await getFeed(DEMO_CHANNEL_ID, { "if-none-match": '"other"', "if-modified-since": String(lastModified) })).status).toBe(200);
  });

  it("changes after a publish and after a delete", async () => {
    const first = await getFeed(DEMO_CHANNEL_ID);
    const etag = String(first.headers.get("etag"));
    await emu.control.post("/clock", { now: new Date(Date.now() + 3_600_000).toISOString() });
    const published = (await emu.control.post(`/channels/${DEMO_CHANNEL_ID}/videos`, { kind: "short", durationSeconds: 30, title: "New short" })).body as {
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
    const afterDelete = await getFeed(DEMO_CHANNEL_ID, { "if-modified-since": String(afterPublish.headers.get("last-modified")) });
    expect(afterDelete.status).toBe(200);
    expect(entriesOf(parseFeed(afterDelete.text)).map((entry) => entry["yt:videoId"])).not.toContain(published.id);
    expect(Date.parse(String(afterDelete.headers.get("last-modified")))).toBeGreaterThan(Date.parse(String(afterPublish.headers.get("last-modified"))));
  });

  it("escapes XML in titles and descriptions", async () => {
    const channel = (await emu.control.post("/channels", { title: "Tom & Jerry's <Studio>" })).body as { id: string };
    const title = `Tips & <tricks> "quoted" 'single' ]]> \u0001done`;
    await emu.control.post(`/channels/${channel.id}/videos`, { title, description: "a < b && c > d" });
    const reply = await getFeed(channel.id);
    expect(reply.text).toContain("<title>Tips &amp; &lt;tricks&gt; &quot;quoted&quot; &apos;single&apos; ]]&gt; done</title>");
    const feed = parseFeed(reply.text);
    expect(feed.title).toBe("Tom & Jerry's <Studio>");
    const [entry] = entriesOf(feed);
    expect(entry?.title).toBe(title.replace("\u0001", ""));
    expect(entry?.["media:group"]["media:description"]).toBe("a < b && c > d");
  });

  it("serves generated channels, and 404s unknown and terminated channels", async () => {
    const world = (await emu.control.get("/world/channels?offset=0&limit=100")).body.channels as { id: string; profile: string; videoCount: number }[];
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
    const counters = (await emu.control.get("/counters")).body as { requests: { byEndpoint: Record<string, number> }; unitsCharged: number };
    expect(counters.requests.byEndpoint).toEqual({ feed: 2 });
    expect(counters.unitsCharged).toBe(0);
  });
});
