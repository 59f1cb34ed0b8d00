import { describe, expect, it } from "vitest";
import { DEMO_CHANNEL_ID, DEMO_UPLOADS_PLAYLIST_ID, DEMO_VIDEO_IDS } from "./demo-world.ts";
import { LEGACY_ETAG_PREFIX } from "./reply-shapes.ts";
import { TEST_API_KEY, itemsOf, readJsonFixture, useTestEmulator } from "./test-support.ts";

const emu = useTestEmulator({ worldSize: 50, apiKeys: [TEST_API_KEY], expectResetOk: true });

const SECONDS_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MILLISECONDS_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/;
const PUBLIC_VIDEO_IDS = [DEMO_VIDEO_IDS.resolveShort, DEMO_VIDEO_IDS.resolveGrading, DEMO_VIDEO_IDS.blenderProduct];
const LEGACY_ETAG = new RegExp(`^"${LEGACY_ETAG_PREFIX}/[A-Za-z0-9_-]{27}"$`);

async function createChannel(
  body: Record<string, unknown>,
): Promise<{ id: string; uploadsPlaylistId: string; emptyUploads: string }> {
  const reply = await emu.control.post("/channels", body);
  expect(reply.status, reply.text).toBe(201);
  return reply.body as { id: string; uploadsPlaylistId: string; emptyUploads: string };
}

async function unitsCharged(): Promise<number> {
  return (await emu.control.get("/counters")).body.unitsCharged as number;
}

/** Every string value anywhere in a reply whose key is `key`. */
function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesOf(item, key));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([name, child]) => [...(name === key ? [child] : []), ...valuesOf(child, key)]);
}

describe("the uploads list of a channel that never published", () => {
  it("is a 404 playlistNotFound by default, and a 200 with items: [] and resultsPerPage 0 for an emptyList channel", async () => {
    const notFound = await createChannel({ title: "Never Published" });
    const listed = await createChannel({ title: "Never Published Either", emptyUploads: "emptyList" });
    expect(notFound.emptyUploads).toBe("playlistNotFound");
    expect(listed.emptyUploads).toBe("emptyList");

    const missing = await emu.api("playlistItems", {
      part: "snippet,contentDetails",
      playlistId: notFound.uploadsPlaylistId,
      maxResults: "50",
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(readJsonFixture("error.playlistNotFound.404.json"));

    const before = await unitsCharged();
    const empty = await emu.api("playlistItems", {
      part: "snippet,contentDetails",
      playlistId: listed.uploadsPlaylistId,
      maxResults: "50",
    });
    expect(await unitsCharged()).toBe(before + 1);
    expect(empty.status).toBe(200);
    expect(Object.keys(empty.body)).toEqual(["kind", "etag", "items", "pageInfo"]);
    expect(empty.body).toMatchObject({
      kind: "youtube#playlistItemListResponse",
      items: [],
      pageInfo: { totalResults: 0, resultsPerPage: 0 },
    });
    expect(empty.headers.get("etag")).toBe(`"${String(empty.body.etag)}"`);
    const again = await emu.api(
      "playlistItems",
      { part: "id", playlistId: listed.uploadsPlaylistId },
      { headers: { "if-none-match": String(empty.body.etag) } },
    );
    expect(again.status).toBe(304);
  });

  it("lists the first upload as soon as there is one, and 404s a terminated emptyList channel", async () => {
    const channel = await createChannel({ title: "First Upload Soon", emptyUploads: "emptyList" });
    const video = await emu.control.post(`/channels/${channel.id}/videos`, {});
    const listed = await emu.api("playlistItems", { part: "contentDetails", playlistId: channel.uploadsPlaylistId });
    expect(itemsOf(listed.body).map((item) => (item.contentDetails as { videoId: string }).videoId)).toEqual([
      video.body.id,
    ]);

    const gone = await createChannel({ title: "Gone", emptyUploads: "emptyList" });
    await emu.control.patch(`/channels/${gone.id}`, { terminated: true });
    expect((await emu.api("playlistItems", { part: "id", playlistId: gone.uploadsPlaylistId })).status).toBe(404);
  });

  it("still refuses a page token from another playlist", async () => {
    const channel = await createChannel({ title: "Empty", emptyUploads: "emptyList" });
    const demoPage = await emu.api("playlistItems", {
      part: "id",
      playlistId: DEMO_UPLOADS_PLAYLIST_ID,
      maxResults: "1",
    });
    const reply = await emu.api("playlistItems", {
      part: "id",
      playlistId: channel.uploadsPlaylistId,
      pageToken: String(demoPage.body.nextPageToken),
    });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain("invalidPageToken");
  });

  it("refuses an unknown emptyUploads value through the control API", async () => {
    const reply = await emu.control.post("/channels", { title: "Bad", emptyUploads: "maybe" });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: "invalid" } });
  });
});

describe("legacy reply shapes", () => {
  it("are off by default: bare etags, timestamps without milliseconds, the samples' key order", async () => {
    expect((await emu.control.get("/replies")).body).toEqual({
      legacyEtags: false,
      millisecondTimestamps: false,
      pageInfoFirst: false,
      images: "google",
    });
    const reply = await emu.api("playlistItems", {
      part: "snippet,contentDetails",
      playlistId: DEMO_UPLOADS_PLAYLIST_ID,
    });
    expect(Object.keys(reply.body)).toEqual(Object.keys(readJsonFixture("playlistItems.list.uploads.page1.json")));
    expect(
      valuesOf(reply.body, "etag").every((etag) => typeof etag === "string" && /^[A-Za-z0-9_-]{27}$/.test(etag)),
    ).toBe(true);
    expect(valuesOf(reply.body, "publishedAt").every((time) => SECONDS_TIMESTAMP.test(String(time)))).toBe(true);
  });

  it("quote every etag with a slash inside, and the ETag header carries the same value; If-None-Match still answers 304", async () => {
    const settings = await emu.control.post("/replies", { legacyEtags: true });
    expect(settings.body).toMatchObject({ legacyEtags: true, millisecondTimestamps: false });
    const reply = await emu.api("videos", { part: "snippet", id: PUBLIC_VIDEO_IDS.join(",") });
    const etags = valuesOf(reply.body, "etag");
    expect(etags).toHaveLength(4);
    for (const etag of etags) expect(etag).toMatch(LEGACY_ETAG);
    expect(reply.headers.get("etag")).toBe(reply.body.etag);

    const notModified = await emu.api(
      "videos",
      { part: "snippet", id: PUBLIC_VIDEO_IDS.join(",") },
      { headers: { "if-none-match": String(reply.body.etag) } },
    );
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(reply.body.etag);
  });

  it("write .000Z timestamps everywhere, and put pageInfo before items", async () => {
    await emu.control.post("/replies", { millisecondTimestamps: true, pageInfoFirst: true });
    const page = await emu.api("playlistItems", {
      part: "snippet,contentDetails",
      playlistId: DEMO_UPLOADS_PLAYLIST_ID,
    });
    expect(Object.keys(page.body)).toEqual(["kind", "etag", "nextPageToken", "pageInfo", "items"]);
    const times = [...valuesOf(page.body, "publishedAt"), ...valuesOf(page.body, "videoPublishedAt")];
    expect(times.length).toBeGreaterThan(5);
    for (const time of times) expect(time).toMatch(MILLISECONDS_TIMESTAMP);

    const videos = await emu.api("videos", { part: "snippet", id: DEMO_VIDEO_IDS.resolveShort });
    expect(Object.keys(videos.body)).toEqual(["kind", "etag", "pageInfo", "items"]);
    const channels = await emu.api("channels", { part: "snippet", id: DEMO_CHANNEL_ID });
    expect(valuesOf(channels.body, "publishedAt")[0]).toMatch(MILLISECONDS_TIMESTAMP);
  });

  it("are forgotten on reset, and a setting the emulator does not know is refused", async () => {
    await emu.control.post("/replies", { legacyEtags: true, millisecondTimestamps: true, pageInfoFirst: true });
    await emu.control.post("/reset", {});
    expect((await emu.control.get("/replies")).body).toEqual({
      legacyEtags: false,
      millisecondTimestamps: false,
      pageInfoFirst: false,
      images: "google",
    });
    for (const body of [{ legacyETags: true }, { legacyEtags: "yes" }, { images: "cdn" }]) {
      const reply = await emu.control.post("/replies", body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe("fields= (partial response)", () => {
  it("fields=items drops the envelope: no kind, etag, pageInfo or nextPageToken", async () => {
    const full = await emu.api("playlistItems", {
      part: "snippet,contentDetails",
      playlistId: DEMO_UPLOADS_PLAYLIST_ID,
    });
    const partial = await emu.api("playlistItems", {
      part: "snippet,contentDetails",
      playlistId: DEMO_UPLOADS_PLAYLIST_ID,
      fields: "items",
    });
    expect(partial.status).toBe(200);
    expect(Object.keys(partial.body)).toEqual(["items"]);
    expect(partial.body.items).toEqual(full.body.items);
  });

  it("selects nested paths and sub-selections in the reply's own key order", async () => {
    const reply = await emu.api("videos", {
      part: "snippet,statistics",
      id: PUBLIC_VIDEO_IDS.slice(0, 2).join(","),
      fields: "items(statistics/viewCount,id,snippet(title,thumbnails/high)),pageInfo/totalResults",
    });
    expect(Object.keys(reply.body)).toEqual(["items", "pageInfo"]);
    expect(reply.body.pageInfo).toEqual({ totalResults: 2 });
    for (const item of itemsOf(reply.body)) {
      expect(Object.keys(item)).toEqual(["id", "snippet", "statistics"]);
      expect(Object.keys(item.snippet as object)).toEqual(["title", "thumbnails"]);
      expect(Object.keys((item.snippet as { thumbnails: object }).thumbnails)).toEqual(["high"]);
      expect(Object.keys(item.statistics as object)).toEqual(["viewCount"]);
    }
  });

  it("answers {} when nothing selected is there, works with the legacy shapes, and charges the same units", async () => {
    await emu.control.post("/replies", { legacyEtags: true, pageInfoFirst: true });
    const before = await unitsCharged();
    const empty = await emu.api("videos", { part: "id", id: "xxxxxxxxxxx", fields: "items" });
    expect(empty.body).toEqual({});
    const withEtag = await emu.api("videos", { part: "id", id: DEMO_VIDEO_IDS.resolveShort, fields: "etag,items/id" });
    expect(Object.keys(withEtag.body)).toEqual(["etag", "items"]);
    expect(withEtag.body.etag).toMatch(LEGACY_ETAG);
    expect(await unitsCharged()).toBe(before + 2);
  });

  it("400s a selection it cannot parse with invalidParameter on fields", async () => {
    for (const fields of ["items(", "items)", "items,,id", "items/", "a b("]) {
      const reply = await emu.api("videos", { part: "id", id: DEMO_VIDEO_IDS.resolveShort, fields });
      expect(reply.status, fields).toBe(400);
      const error = reply.body.error as { errors: { reason: string; location: string }[] };
      expect(error.errors[0]).toMatchObject({ reason: "invalidParameter", location: "fields" });
    }
  });
});
