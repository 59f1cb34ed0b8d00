import { describe, expect, it } from "vitest";
import {
  DEMO_ACCESS_TOKEN,
  DEMO_CHANNEL_HANDLE,
  DEMO_CHANNEL_ID,
  DEMO_CHANNEL_TITLE,
  DEMO_UPLOADS_PLAYLIST_ID,
  DEMO_VIDEO_IDS,
} from "./demo-world.ts";
import { CHANNEL_ID_PATTERN, VIDEO_ID_PATTERN } from "./random.ts";
import { itemsOf, useTestEmulator } from "./test-support.ts";

const emu = useTestEmulator({ worldSize: 50 });

interface ControlVideo {
  id: string;
  kind: string;
  privacy: string;
  deleted: boolean;
  duration: string;
  durationSeconds: number;
  publishedAt: string;
  actualStartTime: string | null;
  actualEndTime: string | null;
}

async function createChannel(
  body: Record<string, unknown>,
): Promise<{ id: string; uploadsPlaylistId: string; handle: string }> {
  const reply = await emu.control.post("/channels", body);
  expect(reply.status, reply.text).toBe(201);
  return reply.body as { id: string; uploadsPlaylistId: string; handle: string };
}

async function publish(channelId: string, body: Record<string, unknown>): Promise<ControlVideo> {
  const reply = await emu.control.post(`/channels/${channelId}/videos`, body);
  expect(reply.status, reply.text).toBe(201);
  return reply.body as unknown as ControlVideo;
}

async function playlistTitles(playlistId: string, bearer?: string): Promise<string[]> {
  const reply = await emu.api(
    "playlistItems",
    { part: "snippet", playlistId, maxResults: "50" },
    bearer ? { auth: { bearer } } : {},
  );
  return itemsOf(reply.body).map((item) => (item.snippet as { title: string }).title);
}

describe("demo world", () => {
  it("exports valid constant ids and is always present", async () => {
    expect(DEMO_CHANNEL_ID).toMatch(CHANNEL_ID_PATTERN);
    expect(DEMO_CHANNEL_ID).toHaveLength(24);
    expect(DEMO_CHANNEL_ID.startsWith("UCdemo")).toBe(true);
    expect(DEMO_UPLOADS_PLAYLIST_ID).toBe(`UU${DEMO_CHANNEL_ID.slice(2)}`);
    const ids = Object.values(DEMO_VIDEO_IDS);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(VIDEO_ID_PATTERN);

    await emu.control.post("/reset", { seed: "another", worldSize: 0 });
    const mine = await emu.api("channels", { part: "snippet", mine: "true" }, { auth: { bearer: DEMO_ACCESS_TOKEN } });
    expect(itemsOf(mine.body)[0]).toMatchObject({
      id: DEMO_CHANNEL_ID,
      snippet: { title: DEMO_CHANNEL_TITLE, customUrl: DEMO_CHANNEL_HANDLE },
    });
  });

  it("has every kind of video, private and deleted ones, and titles naming real tools", async () => {
    const videos: ControlVideo[] = [];
    for (const id of Object.values(DEMO_VIDEO_IDS))
      videos.push((await emu.control.get(`/videos/${id}`)).body as unknown as ControlVideo);
    expect(new Set(videos.map((video) => video.kind))).toEqual(
      new Set(["video", "short", "live", "upcoming", "ended_stream"]),
    );
    expect(videos.some((video) => video.privacy === "private")).toBe(true);
    expect(videos.some((video) => video.privacy === "unlisted")).toBe(true);
    expect(videos.some((video) => video.deleted)).toBe(true);
    expect(videos.some((video) => video.duration.startsWith("P1DT"))).toBe(true);
    const text = JSON.stringify(videos);
    for (const tool of ["DaVinci Resolve", "Blender", "After Effects", "Figma", "Python", "React", "Unreal Engine"])
      expect(text).toContain(tool);
  });
});

describe("channels and videos", () => {
  it("creates a channel with its uploads playlist id, findable by handle", async () => {
    const channel = await createChannel({ title: "Motion Lab", handle: "@MotionLab" });
    expect(channel.id).toMatch(CHANNEL_ID_PATTERN);
    expect(channel.uploadsPlaylistId).toBe(`UU${channel.id.slice(2)}`);
    expect(channel.handle).toBe("@motionlab");
    const found = await emu.api("channels", { part: "contentDetails", forHandle: "motionlab" });
    expect(itemsOf(found.body)[0]).toMatchObject({
      id: channel.id,
      contentDetails: { relatedPlaylists: { uploads: channel.uploadsPlaylistId } },
    });

    const chosen = await createChannel({ id: "UCchosenIdForTheTest001w", title: "Chosen" });
    expect(chosen.id).toBe("UCchosenIdForTheTest001w");
    expect((await emu.control.post("/channels", { id: "UCchosenIdForTheTest001w", title: "Again" })).status).toBe(409);
    expect((await emu.control.post("/channels", { title: "Clash", handle: "motionlab" })).status).toBe(409);
    expect((await emu.control.post("/channels", { title: "Reserved", handle: "gen3" })).status).toBe(409);
    expect((await emu.control.post("/channels", { id: "UCshort", title: "Bad id" })).status).toBe(400);
    expect((await emu.control.post("/channels", {})).status).toBe(400);
  });

  it("creates videos of every kind with Google's durations", async () => {
    const channel = await createChannel({ title: "Kinds" });
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "video", durationSeconds: 3600 + 5 }, "PT1H5S"],
      [{ kind: "short", durationSeconds: 59 }, "PT59S"],
      [{ kind: "live" }, "P0D"],
      [{ kind: "upcoming" }, "P0D"],
      [{ kind: "ended_stream", durationSeconds: 86_400 + 2 * 3600 + 3 * 60 + 4 }, "P1DT2H3M4S"],
      [{ kind: "ended_stream", durationSeconds: 86_400 }, "P1D"],
    ];
    for (const [body, duration] of cases) {
      const video = await publish(channel.id, body);
      expect(video.id).toMatch(VIDEO_ID_PATTERN);
      expect(video.duration).toBe(duration);
      const listed = await emu.api("videos", { part: "contentDetails", id: video.id });
      expect((itemsOf(listed.body)[0]?.contentDetails as { duration: string }).duration).toBe(duration);
    }
    expect(
      (await emu.control.post(`/channels/${channel.id}/videos`, { kind: "short", durationSeconds: 61 })).status,
    ).toBe(400);
    expect((await emu.control.post(`/channels/${channel.id}/videos`, { kind: "podcast" })).status).toBe(400);
    expect((await emu.control.post("/channels/UCxxxxxxxxxxxxxxxxxxxxxA/videos", { kind: "video" })).status).toBe(404);
  });

  it("publishes a new upload as the newest, then makes it private, then deletes it", async () => {
    const video = await publish(DEMO_CHANNEL_ID, { title: "Fresh Blender tutorial", durationSeconds: 300 });
    expect((await playlistTitles(DEMO_UPLOADS_PLAYLIST_ID))[0]).toBe("Fresh Blender tutorial");
    expect(itemsOf((await emu.api("videos", { part: "id", id: video.id })).body)).toHaveLength(1);

    const made = await emu.control.patch(`/videos/${video.id}`, { privacy: "private" });
    expect(made.body).toMatchObject({ privacy: "private" });
    expect((await playlistTitles(DEMO_UPLOADS_PLAYLIST_ID))[0]).toBe("Private video");
    expect((await playlistTitles(DEMO_UPLOADS_PLAYLIST_ID, DEMO_ACCESS_TOKEN))[0]).toBe("Fresh Blender tutorial");
    expect((await emu.api("videos", { part: "id", id: video.id })).body.items).toBeUndefined();

    const deleted = await emu.control.delete(`/videos/${video.id}`);
    expect(deleted.body).toMatchObject({ deleted: true });
    expect((await playlistTitles(DEMO_UPLOADS_PLAYLIST_ID, DEMO_ACCESS_TOKEN))[0]).toBe("Deleted video");
    expect(
      (await emu.api("videos", { part: "id", id: video.id }, { auth: { bearer: DEMO_ACCESS_TOKEN } })).body.items,
    ).toBeUndefined();
    expect((await emu.control.delete(`/videos/${video.id}`)).status).toBe(409);
    expect((await emu.control.delete("/videos/xxxxxxxxxxA")).status).toBe(404);
  });

  it("moves a broadcast from upcoming to live to ended", async () => {
    const channel = await createChannel({ title: "Broadcasts" });
    await emu.control.post("/clock", { now: "2026-04-01T10:00:00Z" });
    const video = await publish(channel.id, { kind: "upcoming", scheduledStartTime: "2026-04-01T12:00:00Z" });
    const details = async () => {
      const reply = await emu.api("videos", { part: "snippet,contentDetails,liveStreamingDetails", id: video.id });
      return itemsOf(reply.body)[0] as {
        snippet: { liveBroadcastContent: string };
        contentDetails: { duration: string };
        liveStreamingDetails: Record<string, string>;
      };
    };
    expect((await details()).liveStreamingDetails).toEqual({
      scheduledStartTime: "2026-04-01T12:00:00Z",
      activeLiveChatId: expect.any(String),
    });

    await emu.control.post("/clock", { now: "2026-04-01T12:01:00Z" });
    await emu.control.patch(`/videos/${video.id}`, { kind: "live" });
    const live = await details();
    expect(live.snippet.liveBroadcastContent).toBe("live");
    expect(live.liveStreamingDetails).toMatchObject({
      actualStartTime: "2026-04-01T12:01:00Z",
      concurrentViewers: expect.any(String),
    });

    await emu.control.post("/clock", { now: "2026-04-01T13:31:30Z" });
    await emu.control.patch(`/videos/${video.id}`, { kind: "ended_stream" });
    const ended = await details();
    expect(ended.snippet.liveBroadcastContent).toBe("none");
    expect(ended.contentDetails.duration).toBe("PT1H30M30S");
    expect(ended.liveStreamingDetails).toEqual({
      actualStartTime: "2026-04-01T12:01:00Z",
      actualEndTime: "2026-04-01T13:31:30Z",
      scheduledStartTime: "2026-04-01T12:00:00Z",
    });
  });
});

describe("tokens", () => {
  it("maps bearer tokens to channels for mine=true, and revokes them", async () => {
    const channel = await createChannel({ title: "Token Owner" });
    expect((await emu.control.post("/tokens", { token: "tok-1", channelId: channel.id })).status).toBe(201);
    const mine = await emu.api("channels", { part: "id", mine: "true" }, { auth: { bearer: "tok-1" } });
    expect(itemsOf(mine.body).map((item) => item.id)).toEqual([channel.id]);

    // A Google account without a channel: mine=true finds nothing.
    await emu.control.post("/tokens", { token: "tok-no-channel", channelId: null });
    const none = await emu.api("channels", { part: "id", mine: "true" }, { auth: { bearer: "tok-no-channel" } });
    expect(none.status).toBe(200);
    expect(none.body.items).toBeUndefined();

    expect((await emu.control.delete("/tokens/tok-1")).status).toBe(204);
    expect((await emu.api("channels", { part: "id", mine: "true" }, { auth: { bearer: "tok-1" } })).status).toBe(401);
    expect((await emu.control.delete("/tokens/tok-1")).status).toBe(404);
    expect((await emu.control.post("/tokens", { token: "tok-2", channelId: "UCxxxxxxxxxxxxxxxxxxxxxA" })).status).toBe(
      404,
    );
  });
});

describe("reset and errors", () => {
  it("forgets created channels and applies a new seed, world size and budget", async () => {
    const channel = await createChannel({ title: "Ephemeral" });
    const before = ((await emu.control.get("/world/channels?limit=3")).body.channels as { id: string }[]).map(
      (item) => item.id,
    );
    const reset = await emu.control.post("/reset", { seed: "other-seed", worldSize: 7, dailyQuota: 42 });
    expect(reset.body).toMatchObject({ seed: "other-seed", worldSize: 7, dailyQuota: 42 });
    expect((await emu.control.get(`/channels/${channel.id}`)).status).toBe(404);
    const after = (await emu.control.get("/world/channels?limit=100")).body.channels as { id: string }[];
    expect(after).toHaveLength(7);
    expect(after.map((item) => item.id).slice(0, 3)).not.toEqual(before);
    expect((await emu.control.get("/quota")).body.dailyQuota).toBe(42);
  });

  it("answers JSON errors for bad bodies and unknown routes", async () => {
    const badJson = await fetch(`${emu.emulator.url}/_emulator/channels`, { method: "POST", body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { code: string } }).error.code).toBe("invalid");
    expect((await emu.control.post("/channels", { title: "x", unexpected: true })).status).toBe(400);
    expect((await emu.control.get("/nothing-here")).status).toBe(404);
    expect((await emu.control.post("/clock", { now: "yesterday" })).status).toBe(400);
  });
});
