import { describe, expect, it } from "vitest";
import { DEMO_ACCESS_TOKEN, DEMO_CHANNEL_ID, DEMO_UPLOADS_PLAYLIST_ID, DEMO_VIDEO_IDS } from "./demo-world.ts";
import { TEST_API_KEY, itemsOf, readJsonFixture, shapeOf, useTestEmulator, withoutPaths } from "./test-support.ts";

const emu = useTestEmulator({ worldSize: 200, apiKeys: [TEST_API_KEY], expectResetOk: true });

async function createChannel(title: string): Promise<{ id: string; uploadsPlaylistId: string }> {
  const reply = await emu.control.post("/channels", { title });
  expect(reply.status).toBe(201);
  return reply.body as { id: string; uploadsPlaylistId: string };
}

async function createVideo(channelId: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const reply = await emu.control.post(`/channels/${channelId}/videos`, body);
  expect(reply.status, reply.text).toBe(201);
  return reply.body as { id: string };
}

async function unitsCharged(): Promise<number> {
  return (await emu.control.get("/counters")).body.unitsCharged as number;
}

const ALL_VIDEO_PARTS = "snippet,contentDetails,status,statistics,liveStreamingDetails";

describe("channels.list", () => {
  it("answers mine=true for the demo token in the shape of channels.list.mine.json", async () => {
    const reply = await emu.api(
      "channels",
      { part: "snippet,contentDetails,statistics", mine: "true" },
      { auth: { bearer: DEMO_ACCESS_TOKEN } },
    );
    const sample = readJsonFixture("channels.list.mine.json");
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(Object.keys(sample));
    expect(shapeOf(reply.body)).toEqual(shapeOf(sample));
    const [channel] = itemsOf(reply.body);
    expect(channel?.id).toBe(DEMO_CHANNEL_ID);
    expect(channel?.contentDetails).toEqual({ relatedPlaylists: { likes: "", uploads: DEMO_UPLOADS_PLAYLIST_ID } });
    expect(reply.body.pageInfo).toEqual({ totalResults: 1, resultsPerPage: 5 });
  });

  it("finds channels by handle with or without @, in any case", async () => {
    for (const handle of ["democreator", "@democreator", "@DemoCreator", "DEMOCREATOR"]) {
      const reply = await emu.api("channels", { part: "id", forHandle: handle });
      expect(itemsOf(reply.body).map((item) => item.id)).toEqual([DEMO_CHANNEL_ID]);
    }
    const generated = await emu.api("channels", { part: "snippet", forHandle: "@GEN7" });
    const [channel] = itemsOf(generated.body);
    expect((channel?.snippet as { customUrl: string }).customUrl).toBe("@gen7");
  });

  it("answers an unmatched lookup exactly like channels.list.empty.json: no items key, constant etag", async () => {
    const sample = readJsonFixture("channels.list.empty.json");
    const lookups: Record<string, string>[] = [
      { id: "UCxxxxxxxxxxxxxxxxxxxxxA" },
      { forHandle: "@nobody-here" },
      { forUsername: "democreator" },
    ];
    for (const params of lookups) {
      const reply = await emu.api("channels", { part: "snippet", ...params });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(sample);
      expect(reply.headers.get("etag")).toBe(`"${String(sample.etag)}"`);
    }
  });

  it("looks up up to 50 comma-separated ids and rejects 51 with invalidFilters", async () => {
    const world = await emu.control.get("/world/channels?offset=0&limit=60");
    const summaries = world.body.channels as { id: string; profile: string }[];
    const ids = summaries.map((channel) => channel.id);
    const reply = await emu.api("channels", { part: "id", id: ids.slice(0, 50).join(",") });
    const visible = summaries.slice(0, 50).filter((channel) => channel.profile !== "terminated");
    expect(itemsOf(reply.body).map((item) => item.id)).toEqual(visible.map((channel) => channel.id));

    const tooMany = await emu.api("channels", { part: "id", id: ids.slice(0, 51).join(",") });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({
      error: {
        code: 400,
        message: "The request specifies an invalid filter parameter.",
        errors: [
          {
            message: "The request specifies an invalid filter parameter.",
            domain: "youtube.parameter",
            reason: "invalidFilters",
            location: "parameters.",
            locationType: "other",
          },
        ],
      },
    });
  });

  it("leaves terminated channels out", async () => {
    const channel = await createChannel("Soon Gone");
    await emu.control.patch(`/channels/${channel.id}`, { terminated: true });
    const reply = await emu.api("channels", { part: "id", id: channel.id });
    expect(reply.body.items).toBeUndefined();
  });
});

describe("playlistItems.list", () => {
  it("pages the demo uploads in the shape of playlistItems.list.uploads.page1.json", async () => {
    const reply = await emu.api("playlistItems", {
      part: "snippet,contentDetails",
      playlistId: DEMO_UPLOADS_PLAYLIST_ID,
    });
    const sample = readJsonFixture("playlistItems.list.uploads.page1.json");
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(Object.keys(sample));
    const [first] = itemsOf(reply.body);
    expect(shapeOf(first)).toEqual(shapeOf(itemsOf(sample)[0]));
    expect(itemsOf(reply.body)).toHaveLength(5);
    expect(reply.body.pageInfo).toEqual({ totalResults: 29, resultsPerPage: 5 });
    // Item ids are base64 of "<playlistId>.<videoId>", as Google's are.
    expect(Buffer.from(String(first?.id), "base64").toString()).toBe(
      `${DEMO_UPLOADS_PLAYLIST_ID}.${DEMO_VIDEO_IDS.liveNow}`,
    );
  });

  it("shows private and deleted uploads exactly as the placeholders in playlistItems.list.private-videos.json", async () => {
    const sample = readJsonFixture("playlistItems.list.private-videos.json");
    const samplePrivate = itemsOf(sample).find((item) => (item.snippet as { title: string }).title === "Private video");
    const reply = await emu.api("playlistItems", {
      part: "snippet,contentDetails",
      playlistId: DEMO_UPLOADS_PLAYLIST_ID,
      maxResults: "50",
    });
    const items = itemsOf(reply.body);
    const byVideo = (videoId: string) =>
      items.find((item) => (item.contentDetails as { videoId: string }).videoId === videoId);

    const privateItem = byVideo(DEMO_VIDEO_IDS.privateClientCut);
    expect(shapeOf(privateItem)).toEqual(shapeOf(samplePrivate));
    expect(privateItem?.snippet).toMatchObject({
      title: "Private video",
      description: "This video is private.",
      thumbnails: {},
    });
    expect(privateItem?.contentDetails).toEqual({ videoId: DEMO_VIDEO_IDS.privateClientCut });

    const deletedItem = byVideo(DEMO_VIDEO_IDS.deletedOldReel);
    expect(shapeOf(deletedItem)).toEqual(shapeOf(samplePrivate));
    expect(deletedItem?.snippet).toMatchObject({
      title: "Deleted video",
      description: "This video is unavailable.",
      thumbnails: {},
    });

    // Unlisted uploads are not listed for other callers.
    expect(byVideo(DEMO_VIDEO_IDS.unlistedStudioTour)).toBeUndefined();
    expect(items.map((item) => (item.snippet as { position: number }).position)).toEqual(
      items.map((_, index) => index),
    );
  });

  it("shows the owner their private and unlisted uploads in full", async () => {
    const reply = await emu.api(
      "playlistItems",
      { part: "snippet,contentDetails,status", playlistId: DEMO_UPLOADS_PLAYLIST_ID, maxResults: "50" },
      { auth: { bearer: DEMO_ACCESS_TOKEN } },
    );
    const items = itemsOf(reply.body);
    const privateItem = items.find(
      (item) => (item.contentDetails as { videoId: string }).videoId === DEMO_VIDEO_IDS.privateClientCut,
    );
    expect(privateItem?.snippet).toMatchObject({ title: "Client review cut v3", videoOwnerChannelId: DEMO_CHANNEL_ID });
    expect(privateItem?.status).toEqual({ privacyStatus: "private" });
    expect(
      items.some((item) => (item.contentDetails as { videoId: string }).videoId === DEMO_VIDEO_IDS.unlistedStudioTour),
    ).toBe(true);
    expect(reply.body.pageInfo).toEqual({ totalResults: 30, resultsPerPage: 50 });
  });

  it("walks a 120-video channel in 3 pages of ≤ 50 with opaque tokens", async () => {
    const channel = await createChannel("Paging Channel");
    const base = Date.parse("2025-01-01T00:00:00Z");
    for (let index = 0; index < 120; index += 1) {
      await createVideo(channel.id, {
        title: `Upload ${index}`,
        publishedAt: new Date(base + index * 3_600_000).toISOString(),
      });
    }
    const seen: string[] = [];
    const pages: Record<string, unknown>[] = [];
    let pageToken: string | undefined;
    do {
      const reply = await emu.api("playlistItems", {
        part: "snippet,contentDetails",
        playlistId: channel.uploadsPlaylistId,
        maxResults: "50",
        ...(pageToken ? { pageToken } : {}),
      });
      expect(reply.status).toBe(200);
      pages.push(reply.body);
      seen.push(...itemsOf(reply.body).map((item) => (item.contentDetails as { videoId: string }).videoId));
      pageToken = reply.body.nextPageToken as string | undefined;
    } while (pageToken);

    expect(pages.map((page) => itemsOf(page).length)).toEqual([50, 50, 20]);
    expect(pages.map((page) => [page.prevPageToken !== undefined, page.nextPageToken !== undefined])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
    expect(pages.every((page) => JSON.stringify(page.pageInfo) === '{"totalResults":120,"resultsPerPage":50}')).toBe(
      true,
    );
    expect(new Set(seen).size).toBe(120);
    const expectedOrder = ((await emu.control.get(`/channels/${channel.id}`)).body.videoIds as string[]).slice();
    expect(seen).toEqual(expectedOrder);
    // Newest first: the last upload created is the first item.
    expect((itemsOf(pages[0] ?? {})[0]?.snippet as { title: string }).title).toBe("Upload 119");
    // Tokens are opaque, not offsets.
    expect(pages[0]?.nextPageToken).not.toMatch(/^\d+$/);

    // The previous-page token leads back to the first page.
    const back = await emu.api("playlistItems", {
      part: "id",
      playlistId: channel.uploadsPlaylistId,
      maxResults: "50",
      pageToken: String(pages[1]?.prevPageToken),
    });
    expect(itemsOf(back.body).map((item) => item.id)).toEqual(itemsOf(pages[0] ?? {}).map((item) => item.id));
  });

  it("rejects made-up, edited and foreign page tokens with 400 invalidPageToken", async () => {
    const first = await emu.api("playlistItems", { part: "id", playlistId: DEMO_UPLOADS_PLAYLIST_ID });
    const token = String(first.body.nextPageToken);
    const other = await createChannel("Other");
    await createVideo(other.id, {});
    const edited = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const [playlistId, pageToken] of [
      [DEMO_UPLOADS_PLAYLIST_ID, "5"],
      [DEMO_UPLOADS_PLAYLIST_ID, "CAUQAA"],
      [DEMO_UPLOADS_PLAYLIST_ID, edited],
      [other.uploadsPlaylistId, token],
    ] as const) {
      const reply = await emu.api("playlistItems", { part: "id", playlistId, pageToken });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({
        error: {
          code: 400,
          message: "The request specifies an invalid page token.",
          errors: [
            {
              message: "The request specifies an invalid page token.",
              domain: "youtube.parameter",
              reason: "invalidPageToken",
              location: "pageToken",
              locationType: "parameter",
            },
          ],
        },
      });
    }
  });

  it("accepts maxResults 0–50 and rejects others with invalidParameter", async () => {
    const zero = await emu.api("playlistItems", { part: "id", playlistId: DEMO_UPLOADS_PLAYLIST_ID, maxResults: "0" });
    expect(zero.status).toBe(200);
    expect(zero.body.items).toBeUndefined();
    expect(zero.body.pageInfo).toEqual({ totalResults: 29, resultsPerPage: 0 });
    for (const maxResults of ["51", "-1", "abc"]) {
      const reply = await emu.api("playlistItems", { part: "id", playlistId: DEMO_UPLOADS_PLAYLIST_ID, maxResults });
      expect(reply.status).toBe(400);
      const error = reply.body.error as { errors: { reason: string; location: string }[] };
      expect(error.errors[0]).toMatchObject({ reason: "invalidParameter", location: "maxResults" });
    }
  });

  it("404s unknown uploads playlists, channels without uploads and terminated channels like error.playlistNotFound.404.json", async () => {
    const sample = readJsonFixture("error.playlistNotFound.404.json");
    const empty = await createChannel("No Uploads Yet");
    const terminated = await createChannel("Terminated");
    await createVideo(terminated.id, {});
    await emu.control.patch(`/channels/${terminated.id}`, { terminated: true });
    for (const playlistId of [
      "UUxxxxxxxxxxxxxxxxxxxxxA",
      "PLnotAnUploadsPlaylist",
      empty.uploadsPlaylistId,
      terminated.uploadsPlaylistId,
    ]) {
      const reply = await emu.api("playlistItems", { part: "snippet", playlistId });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual(sample);
    }
  });
});

describe("videos.list", () => {
  it("renders every kind in the shape of the constructed edge-case sample", async () => {
    const sample = itemsOf(readJsonFixture("videos.list.edge-cases.CONSTRUCTED.json"));
    const channel = await createChannel("Edge Cases");
    const live = await createVideo(channel.id, { kind: "live", commentsDisabled: true });
    const upcoming = await createVideo(channel.id, { kind: "upcoming", hasStandard: false, hasMaxres: false });
    const short = await createVideo(channel.id, { kind: "short", durationSeconds: 59, hasMaxres: false });
    const dayLong = await createVideo(channel.id, { kind: "ended_stream", durationSeconds: 93_784 });
    const unlisted = await createVideo(channel.id, {
      privacy: "unlisted",
      durationSeconds: 180,
      hideLikes: true,
      commentsDisabled: true,
      hasStandard: false,
      hasMaxres: false,
    });
    const ids = [live.id, upcoming.id, short.id, dayLong.id, unlisted.id, "deletedVid0"];
    const reply = await emu.api("videos", { part: ALL_VIDEO_PARTS, id: ids.join(",") });
    expect(reply.status).toBe(200);
    const items = itemsOf(reply.body);
    expect(items.map((item) => item.id)).toEqual(ids.slice(0, 5));
    expect(reply.body.pageInfo).toEqual({ totalResults: 5, resultsPerPage: 5 });
    const ignored = ["snippet.defaultAudioLanguage", "contentDetails.regionRestriction"];
    for (const [index, item] of items.entries()) {
      expect(shapeOf(item), `item ${index}`).toEqual(shapeOf(withoutPaths(sample[index], ignored)));
    }
    const field = (index: number, path: string): unknown =>
      path
        .split(".")
        .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], items[index]);
    expect([0, 1, 2, 3, 4].map((index) => field(index, "contentDetails.duration"))).toEqual([
      "P0D",
      "P0D",
      "PT59S",
      "P1DT2H3M4S",
      "PT3M",
    ]);
    expect([0, 1, 2, 3, 4].map((index) => field(index, "snippet.liveBroadcastContent"))).toEqual([
      "live",
      "upcoming",
      "none",
      "none",
      "none",
    ]);
    expect(field(0, "snippet.thumbnails.maxres.url")).toBe(`https://i.ytimg.com/vi/${live.id}/maxresdefault_live.jpg`);
    expect(field(2, "snippet.thumbnails.standard")).toEqual({
      url: `https://i.ytimg.com/vi/${short.id}/sddefault.jpg`,
      width: 640,
      height: 480,
    });
    expect(field(0, "liveStreamingDetails.concurrentViewers")).toEqual(expect.any(String));
    expect(field(4, "statistics")).toEqual({ viewCount: "100", favoriteCount: "0" });
    expect(field(4, "status.privacyStatus")).toBe("unlisted");
  });

  it("follows control changes: status.privacyStatus and madeForKids per video, new counts, private and deleted ones left out", async () => {
    const channel = await createChannel("Changing");
    const kids = await createVideo(channel.id, { title: "Counting song", madeForKids: true });
    const plain = await createVideo(channel.id, { title: "Tutorial", viewCount: 100 });
    const gone = await createVideo(channel.id, { title: "Soon private" });
    const deleted = await createVideo(channel.id, { title: "Soon deleted" });
    const ids = [kids.id, plain.id, gone.id, deleted.id];
    const read = async () => itemsOf((await emu.api("videos", { part: "status,statistics", id: ids.join(",") })).body);
    const status = (items: Record<string, unknown>[]) =>
      items.map((item) => [item.id, item.status as { privacyStatus: string; madeForKids: boolean }]);
    expect(status(await read())).toEqual([
      [kids.id, expect.objectContaining({ privacyStatus: "public", madeForKids: true })],
      [plain.id, expect.objectContaining({ privacyStatus: "public", madeForKids: false })],
      [gone.id, expect.objectContaining({ privacyStatus: "public", madeForKids: false })],
      [deleted.id, expect.objectContaining({ privacyStatus: "public", madeForKids: false })],
    ]);

    expect(
      (
        await emu.control.patch(`/videos/${plain.id}`, {
          viewCount: 5_000,
          likeCount: 70,
          privacy: "unlisted",
          madeForKids: true,
        })
      ).body,
    ).toMatchObject({ madeForKids: true, privacy: "unlisted" });
    expect((await emu.control.patch(`/videos/${kids.id}`, { madeForKids: false })).status).toBe(200);
    expect((await emu.control.patch(`/videos/${gone.id}`, { privacy: "private" })).status).toBe(200);
    expect((await emu.control.delete(`/videos/${deleted.id}`)).status).toBe(200);
    const after = await read();
    // Like Google: a private video of someone else and a deleted one are simply not in the reply.
    expect(after.map((item) => item.id)).toEqual([kids.id, plain.id]);
    expect(status(after)).toEqual([
      [kids.id, expect.objectContaining({ privacyStatus: "public", madeForKids: false })],
      [plain.id, expect.objectContaining({ privacyStatus: "unlisted", madeForKids: true })],
    ]);
    expect(after[1]?.statistics).toMatchObject({ viewCount: "5000", likeCount: "70" });
  });

  it("matches videos.list.multi.json for an ordinary upload and videos.list.live.json for liveStreamingDetails only", async () => {
    const multi = readJsonFixture("videos.list.multi.json");
    const channel = await createChannel("Ordinary");
    const video = await createVideo(channel.id, { tags: ["Blender"], hasMaxres: false, durationSeconds: 90 });
    const reply = await emu.api("videos", { part: "snippet,contentDetails,statistics", id: video.id });
    expect(Object.keys(reply.body)).toEqual(Object.keys(multi));
    expect(shapeOf(itemsOf(reply.body)[0])).toEqual(
      shapeOf(withoutPaths(itemsOf(multi)[1], ["snippet.defaultAudioLanguage"])),
    );
    expect((itemsOf(reply.body)[0]?.contentDetails as { duration: string }).duration).toBe("PT1M30S");

    const liveReply = await emu.api("videos", { part: "liveStreamingDetails", id: DEMO_VIDEO_IDS.liveNow });
    expect(shapeOf(liveReply.body)).toEqual(shapeOf(readJsonFixture("videos.list.live.json")));
  });

  it("returns only the requested parts", async () => {
    const reply = await emu.api("videos", { part: "statistics", id: DEMO_VIDEO_IDS.resolveGrading });
    expect(Object.keys(itemsOf(reply.body)[0] ?? {})).toEqual(["kind", "etag", "id", "statistics"]);
    const ordinary = await emu.api("videos", { part: "id,liveStreamingDetails", id: DEMO_VIDEO_IDS.resolveGrading });
    expect(Object.keys(itemsOf(ordinary.body)[0] ?? {})).toEqual(["kind", "etag", "id"]);
  });

  it("leaves out unknown, deleted and other people's private ids, and shows the owner their private ones", async () => {
    const ids = [
      DEMO_VIDEO_IDS.resolveGrading,
      "xxxxxxxxxxA",
      DEMO_VIDEO_IDS.deletedOldReel,
      DEMO_VIDEO_IDS.privateClientCut,
      DEMO_VIDEO_IDS.unlistedStudioTour,
    ];
    const anonymous = await emu.api("videos", { part: "id", id: ids.join(",") });
    expect(itemsOf(anonymous.body).map((item) => item.id)).toEqual([
      DEMO_VIDEO_IDS.resolveGrading,
      DEMO_VIDEO_IDS.unlistedStudioTour,
    ]);
    const owner = await emu.api("videos", { part: "id", id: ids.join(",") }, { auth: { bearer: DEMO_ACCESS_TOKEN } });
    expect(itemsOf(owner.body).map((item) => item.id)).toEqual([
      DEMO_VIDEO_IDS.resolveGrading,
      DEMO_VIDEO_IDS.privateClientCut,
      DEMO_VIDEO_IDS.unlistedStudioTour,
    ]);
    const none = await emu.api("videos", { part: "id", id: "xxxxxxxxxxA,yyyyyyyyyyA" });
    expect(none.status).toBe(200);
    expect(none.body.items).toBeUndefined();
    expect(none.body.pageInfo).toEqual({ totalResults: 0, resultsPerPage: 0 });
  });

  it("accepts 50 ids and rejects 51", async () => {
    const world = await emu.control.get("/world/channels?offset=0&limit=40");
    const channelId = (world.body.channels as { id: string; videoCount: number }[]).find(
      (channel) => channel.videoCount >= 51,
    )?.id;
    expect(channelId).toBeDefined();
    const videoIds = ((await emu.control.get(`/channels/${String(channelId)}`)).body.videoIds as string[]).slice(0, 51);
    expect((await emu.api("videos", { part: "id", id: videoIds.slice(0, 50).join(",") })).status).toBe(200);
    const tooMany = await emu.api("videos", { part: "id", id: videoIds.join(",") });
    expect(tooMany.status).toBe(400);
    expect((tooMany.body.error as { errors: { reason: string }[] }).errors[0]?.reason).toBe("invalidFilters");
  });

  it("requires part and a filter, and rejects unknown parts", async () => {
    const noPart = await emu.api("videos", { id: DEMO_VIDEO_IDS.resolveGrading });
    expect(noPart.status).toBe(400);
    expect(noPart.body).toEqual({
      error: {
        code: 400,
        message: "Required parameter: part",
        errors: [
          {
            message: "Required parameter: part",
            domain: "youtube.parameter",
            reason: "missingRequiredParameter",
            location: "part",
            locationType: "parameter",
          },
        ],
      },
    });
    const unknownPart = await emu.api("videos", { part: "snippet,statistic", id: DEMO_VIDEO_IDS.resolveGrading });
    expect(unknownPart.status).toBe(400);
    expect(unknownPart.body).toEqual({
      error: {
        code: 400,
        message: "'statistic'",
        errors: [
          {
            message: "'statistic'",
            domain: "youtube.part",
            reason: "unknownPart",
            location: "part",
            locationType: "parameter",
          },
        ],
      },
    });
    const noFilter = await emu.api("videos", { part: "id" });
    expect(noFilter.status).toBe(400);
    expect((noFilter.body.error as { errors: { reason: string }[] }).errors[0]?.reason).toBe(
      "missingRequiredParameter",
    );
    const twoFilters = await emu.api("channels", { part: "id", id: DEMO_CHANNEL_ID, forHandle: "democreator" });
    expect(twoFilters.status).toBe(400);
    expect((twoFilters.body.error as { errors: { reason: string }[] }).errors[0]?.reason).toBe(
      "incompatibleParameters",
    );
  });
});

describe("ETag and If-None-Match", () => {
  it("sends the body etag as the ETag header and answers a matching If-None-Match with a charged 304", async () => {
    const params = { part: "snippet", id: DEMO_VIDEO_IDS.resolveGrading };
    const first = await emu.api("videos", params);
    const etag = String(first.body.etag);
    expect(etag).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(first.headers.get("etag")).toBe(`"${etag}"`);
    const before = await unitsCharged();
    for (const header of [etag, `"${etag}"`, `W/"${etag}"`]) {
      const again = await emu.api("videos", params, { headers: { "if-none-match": header } });
      expect(again.status).toBe(304);
      expect(again.text).toBe("");
    }
    expect(await unitsCharged()).toBe(before + 3);
    const changed = await emu.api("videos", params, { headers: { "if-none-match": "something-else" } });
    expect(changed.status).toBe(200);
  });

  it("changes the etag when the resource changes", async () => {
    const params = { part: "snippet", id: DEMO_VIDEO_IDS.resolveGrading };
    const before = String((await emu.api("videos", params)).body.etag);
    await emu.control.patch(`/videos/${DEMO_VIDEO_IDS.resolveGrading}`, { title: "Renamed" });
    const after = await emu.api("videos", params, { headers: { "if-none-match": before } });
    expect(after.status).toBe(200);
    expect(after.body.etag).not.toBe(before);
  });
});

describe("credentials and error envelopes", () => {
  it("403s a request with neither key nor token", async () => {
    const reply = await emu.api("videos", { part: "id", id: DEMO_VIDEO_IDS.resolveGrading }, { auth: "none" });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({
      error: {
        code: 403,
        message: "The request is missing a valid API key.",
        errors: [{ message: "The request is missing a valid API key.", domain: "global", reason: "forbidden" }],
        status: "PERMISSION_DENIED",
      },
    });
  });

  it("400s an unknown API key", async () => {
    const reply = await emu.api(
      "videos",
      { part: "id", id: DEMO_VIDEO_IDS.resolveGrading },
      { auth: { key: "not-a-key" } },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({
      code: 400,
      status: "INVALID_ARGUMENT",
      errors: [{ reason: "badRequest", domain: "global" }],
    });
  });

  it("401s an unknown or revoked bearer token exactly like error.authError.401.json", async () => {
    const sample = readJsonFixture("error.authError.401.json");
    const unknown = await emu.api(
      "videos",
      { part: "id", id: DEMO_VIDEO_IDS.resolveGrading },
      { auth: { bearer: "nope" } },
    );
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(sample);
    await emu.control.delete(`/tokens/${DEMO_ACCESS_TOKEN}`);
    const revoked = await emu.api("channels", { part: "id", mine: "true" }, { auth: { bearer: DEMO_ACCESS_TOKEN } });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual(sample);
  });

  it("401s mine=true with only an API key (authorizationRequired, location mine)", async () => {
    const reply = await emu.api("channels", { part: "id", mine: "true" });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      error: {
        code: 401,
        message: "The request uses the <code>mine</code> parameter but is not properly authorized.",
        errors: [
          {
            message: "The request uses the <code>mine</code> parameter but is not properly authorized.",
            domain: "youtube.parameter",
            reason: "authorizationRequired",
            location: "mine",
            locationType: "parameter",
          },
        ],
      },
    });
    // Google escapes HTML in JSON strings; the parsed value is the same.
    expect(reply.text).toContain("\\u003ccode\\u003emine\\u003c/code\\u003e");
  });

  it("404s unknown methods under /youtube/v3 and 501s known ones it does not serve", async () => {
    const unknown = await emu.api("nonsense", { part: "id" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 404, errors: [{ reason: "notFound" }] });
    const insert = await emu.api("videos", { part: "snippet" }, { method: "POST" });
    expect(insert.status).toBe(501);
  });
});

describe("units", () => {
  it("charges Google's cost per call, errors included, and counts requests per method", async () => {
    await emu.control.post("/counters/reset");
    const expectCharge = async (call: () => Promise<unknown>, units: number): Promise<void> => {
      const before = await unitsCharged();
      await call();
      expect(await unitsCharged()).toBe(before + units);
    };
    await expectCharge(() => emu.api("videos", { part: "id", id: DEMO_VIDEO_IDS.resolveGrading }), 1);
    await expectCharge(() => emu.api("channels", { part: "id", id: DEMO_CHANNEL_ID }), 1);
    await expectCharge(() => emu.api("playlistItems", { part: "id", playlistId: DEMO_UPLOADS_PLAYLIST_ID }), 1);
    await expectCharge(() => emu.api("playlistItems", { part: "id", playlistId: "UUxxxxxxxxxxxxxxxxxxxxxA" }), 1);
    await expectCharge(() => emu.api("videos", { id: DEMO_VIDEO_IDS.resolveGrading }), 1);
    await expectCharge(() => emu.api("videos", { part: "id" }, { auth: "none" }), 1);
    await expectCharge(() => emu.api("videos", { part: "id" }, { auth: { bearer: "nope" } }), 1);
    await expectCharge(() => emu.api("nonsense", {}), 1);
    await expectCharge(() => emu.api("search", { part: "snippet", channelId: DEMO_CHANNEL_ID, type: "video" }), 100);
    await expectCharge(() => emu.api("videos", { part: "snippet" }, { method: "POST" }), 1600);
    await expectCharge(() => emu.api("playlistItems", { part: "snippet" }, { method: "DELETE" }), 50);
    await expectCharge(() => emu.api("videos/rate", { id: "x", rating: "like" }, { method: "POST" }), 50);

    const counters = (await emu.control.get("/counters")).body as {
      requests: { byEndpoint: Record<string, number>; total: number };
      unitsCharged: number;
      unitsChargedToday: number;
    };
    expect(counters.requests.byEndpoint).toEqual({
      "videos.list": 4,
      "channels.list": 1,
      "playlistItems.list": 2,
      unknown: 1,
      "search.list": 1,
      "videos.insert": 1,
      "playlistItems.delete": 1,
      "videos.rate": 1,
    });
    expect(counters.requests.total).toBe(12);
    expect(counters.unitsCharged).toBe(1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 100 + 1600 + 50 + 50);
    expect(counters.unitsChargedToday).toBe(counters.unitsCharged);
  });
});

describe("search.list", () => {
  it("lists a channel's public videos newest first with HTML-escaped snippets", async () => {
    const reply = await emu.api("search", {
      part: "snippet",
      channelId: DEMO_CHANNEL_ID,
      type: "video",
      order: "date",
      maxResults: "50",
    });
    expect(reply.status).toBe(200);
    const items = itemsOf(reply.body);
    expect(items).toHaveLength(25);
    expect(items[0]).toMatchObject({
      kind: "youtube#searchResult",
      id: { kind: "youtube#video", videoId: DEMO_VIDEO_IDS.liveNow },
    });
    const snippet = items.find((item) => (item.id as { videoId: string }).videoId === DEMO_VIDEO_IDS.afterEffectsShort)
      ?.snippet as { title: string };
    expect(snippet.title).toBe("The After Effects expression you&#39;ll use every day #shorts");
  });
});

describe("search.list publishedAfter / publishedBefore", () => {
  it("keeps only videos published within the window, both ends inclusive, and still charges 100 units", async () => {
    const channel = await createChannel("Window channel");
    const times = ["2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"];
    const ids: string[] = [];
    for (const publishedAt of times) ids.push((await createVideo(channel.id, { publishedAt })).id);
    const before = await unitsCharged();

    const after = await emu.api("search", {
      part: "id",
      channelId: channel.id,
      type: "video",
      order: "date",
      publishedAfter: "2026-02-01T00:00:00Z",
    });
    expect(after.status).toBe(200);
    expect(itemsOf(after.body).map((item) => (item.id as { videoId: string }).videoId)).toEqual([ids[2], ids[1]]);

    const window = await emu.api("search", {
      part: "id",
      channelId: channel.id,
      publishedAfter: "2026-01-15T00:00:00+00:00",
      publishedBefore: "2026-02-01T00:00:00.000Z",
    });
    expect(itemsOf(window.body).map((item) => (item.id as { videoId: string }).videoId)).toEqual([ids[1]]);

    const none = await emu.api("search", { part: "id", channelId: channel.id, publishedAfter: "2026-03-01T00:00:01Z" });
    expect(none.status).toBe(200);
    expect(none.body.items).toBeUndefined();
    expect(await unitsCharged()).toBe(before + 300);
  });

  it("answers 400 for a value that is not RFC 3339 and invalidSearchFilter with forMine", async () => {
    const bad = await emu.api("search", { part: "id", channelId: DEMO_CHANNEL_ID, publishedAfter: "yesterday" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ errors: [{ reason: "invalidParameter", location: "publishedAfter" }] });

    const mine = await emu.api(
      "search",
      { part: "id", forMine: "true", type: "video", publishedAfter: "2026-01-01T00:00:00Z" },
      { auth: { bearer: DEMO_ACCESS_TOKEN } },
    );
    expect(mine.status).toBe(400);
    expect(mine.body.error).toMatchObject({
      code: 400,
      errors: [{ reason: "invalidSearchFilter", domain: "youtube.search" }],
    });
  });
});
