import { describe, expect, it } from "vitest";
import { readFixture as fixture } from "@test/google-fixtures";
import { classifyError } from "./errors";
import { parseFeed } from "./feed";
import { normalizeChannel, normalizeUploadsPage, normalizeVideo, parseIsoDuration, VideoParseError } from "./normalize";
import { channelListSchema, errorEnvelopeSchema, playlistItemListSchema, videoListSchema } from "./schemas";

const json = (name: string) => JSON.parse(fixture(name)) as unknown;

describe("parseIsoDuration", () => {
  it.each([
    ["PT21M3S", 1263],
    ["PT1M30S", 90],
    ["PT59S", 59],
    ["PT3M", 180],
    ["PT1H", 3600],
    ["PT1H5S", 3605],
    ["P1DT2H3M4S", 93_784],
    ["P1DT2H", 93_600],
    ["P2W", 1_209_600],
    ["PT0.5S", 1],
  ])("%s → %i s", (value, seconds) => {
    expect(parseIsoDuration(value)).toBe(seconds);
  });

  it("treats P0D and PT0S (live, upcoming, processing) as unknown, not zero", () => {
    expect(parseIsoDuration("P0D")).toBeNull();
    expect(parseIsoDuration("PT0S")).toBeNull();
  });

  it.each(["", "P", "PT", "21M3S", "PT21m", "P1H", "PT-1S", "PT1.2.3S", "x".repeat(500)])("rejects %j", (value) => {
    expect(() => parseIsoDuration(value)).toThrow(/not an ISO 8601 duration/);
  });
});

describe("videos.list samples", () => {
  it("videos.list.multi.json: durations, string counts, best thumbnail (maxres missing on the second)", () => {
    const reply = videoListSchema.parse(json("videos.list.multi.json"));
    const [first, second] = reply.items!.map((item) => normalizeVideo(item));
    expect(first).toMatchObject({
      id: "Ks-_Mh1QhMc",
      channelId: "UCAuUUnT6oDeKwE6v1NGQxug",
      durationSeconds: 1263,
      kind: "video",
      viewCount: 23_278_951,
      likeCount: 391_633,
      commentCount: 9518,
      thumbnailUrl: "https://i.ytimg.com/vi/Ks-_Mh1QhMc/maxresdefault.jpg",
      publishedAt: new Date("2012-10-01T15:27:35Z"),
      live: null,
    });
    expect(second).toMatchObject({
      id: "GvgqDSnpRQM",
      durationSeconds: 90,
      kind: "video",
      thumbnailUrl: "https://i.ytimg.com/vi/GvgqDSnpRQM/sddefault.jpg",
    });
  });

  it("videos.list.edge-cases: live, upcoming, short, day-long stream, hidden likes", () => {
    const reply = videoListSchema.parse(json("videos.list.edge-cases.CONSTRUCTED.json"));
    const byId = new Map(reply.items!.map((item) => [item.id, normalizeVideo(item)]));
    expect(byId.get("liveNOW0001")).toMatchObject({
      kind: "live",
      durationSeconds: null,
      likeCount: 3120,
      commentCount: null,
      live: { concurrentViewers: 1873, startedAt: new Date("2024-05-01T18:00:03Z"), endedAt: null },
    });
    expect(byId.get("upcoming001")).toMatchObject({
      kind: "upcoming",
      durationSeconds: null,
      viewCount: 0,
      live: { scheduledStartAt: new Date("2024-05-10T16:00:00Z"), startedAt: null },
    });
    expect(byId.get("shortVID001")).toMatchObject({ kind: "short", durationSeconds: 59, madeForKids: false });
    expect(byId.get("dayLONG0001")).toMatchObject({
      kind: "live",
      durationSeconds: 93_784,
      live: { endedAt: new Date("2024-04-21T02:03:09Z") },
    });
    expect(byId.get("unlisted001")).toMatchObject({
      kind: "video",
      durationSeconds: 180,
      privacyStatus: "unlisted",
      madeForKids: true,
      viewCount: 532,
      likeCount: null,
      commentCount: null,
    });
  });

  it("videos.list.live.json (part=liveStreamingDetails only) parses, and without a snippet is reported, not defaulted", () => {
    const reply = videoListSchema.parse(json("videos.list.live.json"));
    expect(reply.items![0]!.liveStreamingDetails?.concurrentViewers).toBe("37036");
    expect(() => normalizeVideo(reply.items![0]!)).toThrow(VideoParseError);
  });

  it("a malformed duration or date is an error naming the video, never a default", () => {
    const reply = videoListSchema.parse(json("videos.list.multi.json"));
    const item = reply.items![0]!;
    expect(() => normalizeVideo({ ...item, contentDetails: { duration: "PT1X" } })).toThrow(
      /Ks-_Mh1QhMc: cannot read contentDetails.duration/,
    );
    expect(() => normalizeVideo({ ...item, snippet: { ...item.snippet!, publishedAt: "yesterday" } })).toThrow(
      /Ks-_Mh1QhMc: cannot read snippet.publishedAt/,
    );
  });

  it("a Short is a Short when the feed says so, whatever its length", () => {
    const reply = videoListSchema.parse(json("videos.list.multi.json"));
    expect(normalizeVideo(reply.items![1]!, { isShortHint: true }).kind).toBe("short");
    expect(normalizeVideo(reply.items![1]!).kind).toBe("video");
  });
});

describe("playlistItems.list samples", () => {
  it("uploads page 1: five videos with their publish dates and a next page", () => {
    const page = normalizeUploadsPage(playlistItemListSchema.parse(json("playlistItems.list.uploads.page1.json")));
    expect(page.items.map((item) => item.videoId)).toEqual([
      "wysukDrMdqU",
      "hleLlcHwQLM",
      "lMKjtSFujcw",
      "c0mqBuXPrpA",
      "_n9xwuTORas",
    ]);
    expect(page.items[0]!.publishedAt).toEqual(new Date("2023-05-11T00:20:46Z"));
    expect(page).toMatchObject({
      nextPageToken: "EAAaBlBUOkNBVQ",
      totalResults: 5798,
      skipped: { private: 0, deleted: 0 },
    });
  });

  it("the last page has no nextPageToken", () => {
    const page = normalizeUploadsPage(playlistItemListSchema.parse(json("playlistItems.list.page2.last.json")));
    expect(page.items).toHaveLength(3);
    expect(page.nextPageToken).toBeNull();
  });

  it("private entries are skipped and counted, never passed on", () => {
    const page = normalizeUploadsPage(playlistItemListSchema.parse(json("playlistItems.list.private-videos.json")));
    expect(page.items).toHaveLength(10);
    expect(page.skipped).toEqual({ private: 3, deleted: 0 });
    expect(page.items.map((item) => item.videoId)).not.toContain("fIc_VEQ7Vo0");
  });

  it("deleted entries are counted separately", () => {
    const reply = playlistItemListSchema.parse(json("playlistItems.list.private-videos.json"));
    const first = reply.items![1]!;
    const deleted = {
      ...first,
      snippet: { ...first.snippet, title: "Deleted video", description: "This video is unavailable." },
    };
    const page = normalizeUploadsPage({ ...reply, items: [deleted, reply.items![0]!] });
    expect(page.skipped).toEqual({ private: 0, deleted: 1 });
    expect(page.items).toHaveLength(1);
  });
});

describe("channels.list samples", () => {
  it("mine: uploads playlist, handle, counts", () => {
    const reply = channelListSchema.parse(json("channels.list.mine.json"));
    expect(normalizeChannel(reply.items![0]!)).toEqual({
      id: "UC_x5XG1OV2P6uZZ5FSM9Ttw",
      title: "Google for Developers",
      description: expect.any(String),
      handle: "googledevelopers",
      uploadsPlaylistId: "UU_x5XG1OV2P6uZZ5FSM9Ttw",
      thumbnailUrl: expect.stringMatching(/^https:\/\//),
      subscriberCount: 2_290_000,
      videoCount: 5798,
    });
  });

  it("an empty reply has no items key at all, which means nothing matched", () => {
    const reply = channelListSchema.parse(json("channels.list.empty.json"));
    expect(reply.items).toBeUndefined();
    expect((reply.items ?? []).map(normalizeChannel)).toEqual([]);
  });
});

describe("feeds", () => {
  it("feed.videos.channel.xml: 15 entries, newest first, Shorts from /shorts/ links, UC-prefixed channel", () => {
    const feed = parseFeed(fixture("feed.videos.channel.xml"));
    expect(feed.channelId).toBe("UC_aBYQ3phPsrkSXkpnZeDZw");
    expect(feed.entries).toHaveLength(15);
    expect(feed.entries.filter((entry) => entry.isShort)).toHaveLength(10);
    expect(feed.entries[0]).toMatchObject({ videoId: "yGZ6h6WhPXU", channelId: "UC_aBYQ3phPsrkSXkpnZeDZw" });
    expect(feed.entries[0]!.thumbnailUrl).toMatch(/hqdefault\.jpg$/);
    const times = feed.entries.map((entry) => entry.publishedAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("websub.notification.xml: one entry (placeholders replaced with real-format ids)", () => {
    const xml = fixture("websub.notification.xml")
      .replaceAll("VIDEO_ID", "dQw4w9WgXcQ")
      .replaceAll("CHANNEL_ID", "UC_aBYQ3phPsrkSXkpnZeDZw");
    const feed = parseFeed(xml);
    expect(feed.entries).toEqual([
      expect.objectContaining({
        videoId: "dQw4w9WgXcQ",
        channelId: "UC_aBYQ3phPsrkSXkpnZeDZw",
        title: "Video title",
        isShort: false,
      }),
    ]);
  });

  it("reads deleted-entry tombstones", () => {
    const xml = `<feed xmlns:at="http://purl.org/atompub/tombstones/1.0" xmlns="http://www.w3.org/2005/Atom">
      <at:deleted-entry ref="yt:video:dQw4w9WgXcQ" when="2026-11-20T10:00:00+00:00"/></feed>`;
    expect(parseFeed(xml)).toMatchObject({ entries: [], deletedVideoIds: ["dQw4w9WgXcQ"] });
  });

  it("refuses entity declarations (billion laughs), oversize and malformed documents", () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><feed>&lol2;</feed>`;
    expect(() => parseFeed(laughs)).toThrow(/DOCTYPE or ENTITY/);
    expect(() => parseFeed(`<feed>${"x".repeat(1024 * 1024)}</feed>`)).toThrow(/larger than/);
    expect(() => parseFeed("<html><body>oops</body></html>")).toThrow(/not an Atom feed/);
    expect(() => parseFeed("<feed><entry><title>no id</title></entry></feed>")).toThrow(/valid video id/);
  });
});

describe("error samples", () => {
  it.each([
    ["error.quotaExceeded.403.json", 403, "quota", "quotaExceeded"],
    ["error.authError.401.json", 401, "auth", "authError"],
    ["error.playlistNotFound.404.json", 404, "not_found", "playlistNotFound"],
  ])("%s → %s", (file, status, kind, reason) => {
    const body = json(file);
    expect(errorEnvelopeSchema.safeParse(body).success).toBe(true);
    expect(classifyError(status, body)).toMatchObject({ kind, reason, status });
  });

  it("classifies rate limits, 429 with Retry-After, 5xx, config and bad requests", () => {
    const envelope = (reason: string) => ({
      error: { code: 403, message: "m", errors: [{ reason, domain: "usageLimits" }] },
    });
    expect(classifyError(403, envelope("rateLimitExceeded")).kind).toBe("rate_limited");
    expect(classifyError(403, envelope("userRateLimitExceeded")).kind).toBe("rate_limited");
    expect(classifyError(403, envelope("dailyLimitExceeded")).kind).toBe("quota");
    expect(classifyError(429, null, "7")).toMatchObject({ kind: "rate_limited", retryAfterMs: 7000 });
    expect(classifyError(503, null).kind).toBe("server");
    expect(classifyError(403, envelope("accessNotConfigured")).kind).toBe("config");
    expect(classifyError(403, envelope("insufficientPermissions")).kind).toBe("reconnect");
    expect(classifyError(400, envelope("invalidPageToken")).kind).toBe("bad_request");
    expect(classifyError(400, "<html>not json</html>").kind).toBe("bad_request");
  });
});
