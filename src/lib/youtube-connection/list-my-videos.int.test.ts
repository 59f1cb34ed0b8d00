/**
 * My Videos against the emulator's demo channel: the fields the grid shows, 2 units a page, ETag reuse,
 * alreadyImported from one query whatever the page size, and a clear answer when not connected.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encryptSecret } from "~/lib/crypto/secret-box";
import { db, onQuery } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { DEMO_ACCESS_TOKEN, DEMO_CHANNEL_ID } from "../../../emulator/demo-world";
import { emulatorControl } from "../../../scripts/test/emulator-control";
import { createTestUser } from "../../../scripts/test/fixtures";

type Counters = { requests: { byEndpoint: Record<string, number> }; unitsCharged: number };
const counters = async () => (await (await fetch(`${process.env.TEST_EMULATOR_URL}/_emulator/counters`)).json()) as Counters;

/** A user connected to a channel (the emulator's demo channel by default) through a long-lived token. */
async function connectedUser(channel: { id: string; token: string } = { id: DEMO_CHANNEL_ID, token: DEMO_ACCESS_TOKEN }) {
  const user = await createTestUser();
  await db.youTubeConnection.create({
    data: {
      userId: user.id,
      googleAccountId: `demo-${user.id}`,
      youtubeChannelId: channel.id,
      channelTitle: "Demo Creator",
      scopes: ["https://www.googleapis.com/auth/youtube.readonly"],
      accessTokenEnc: encryptSecret(channel.token),
      accessTokenExpiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000),
    },
  });
  return user;
}

async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const stop = onQuery(() => (queries += 1));
  try {
    return { result: await work(), queries };
  } finally {
    stop();
  }
}

describe("youtube.myVideos", () => {
  // Google answers the uploads list of a channel that never published with a 404 or an empty list, per channel.
  it.each(["playlistNotFound", "emptyList"] as const)("shows an empty page, not an error, for a channel that never published (%s), for 1 unit", async (emptyUploads) => {
    const control = emulatorControl(process.env.TEST_EMULATOR_URL!);
    const channel = await control<{ id: string }>("POST", "/channels", { title: `Nothing yet ${emptyUploads}`, emptyUploads });
    const token = `my-videos-${randomUUID()}`;
    await control("POST", "/tokens", { token, channelId: channel.id });
    const caller = createCaller((await connectedUser({ id: channel.id, token })).context);
    const before = await counters();
    expect(await caller.youtube.myVideos({ pageSize: 10 })).toEqual({ items: [], nextPageToken: null, prevPageToken: null, totalResults: 0 });
    const after = await counters();
    expect(after.unitsCharged - before.unitsCharged).toBe(1);
  });

  it("lists a page with what the grid needs for 2 units, and reuses an unchanged page by ETag", async () => {
    const user = await connectedUser();
    const caller = createCaller(user.context);
    const before = await counters();
    const page = await caller.youtube.myVideos({ pageSize: 10 });
    const after = await counters();
    // Deleted uploads in the page are skipped, so a page of 10 shows at most 10.
    expect(page.items.length).toBeGreaterThanOrEqual(8);
    expect(page.items.length).toBeLessThanOrEqual(10);
    expect(page.nextPageToken).toBeTruthy();
    expect(page.items[0]).toEqual({
      videoId: expect.stringMatching(/^[\w-]{11}$/),
      title: expect.any(String),
      thumbnailUrl: expect.stringMatching(/^https:\/\/i\.ytimg\.com\//),
      durationSeconds: expect.toSatisfy((value: unknown) => value === null || typeof value === "number"),
      viewCount: expect.toSatisfy((value: unknown) => value === null || typeof value === "number"),
      publishedAt: expect.any(Date),
      kind: expect.stringMatching(/^(video|short|live|upcoming)$/),
      privacyStatus: expect.stringMatching(/^(public|unlisted|private)$/),
      alreadyImported: false,
    });
    expect(after.unitsCharged - before.unitsCharged).toBe(2);

    const again = await caller.youtube.myVideos({ pageSize: 10 });
    const third = await counters();
    expect(again.items.map((item) => item.videoId)).toEqual(page.items.map((item) => item.videoId));
    expect((third.requests.byEndpoint["videos.list"] ?? 0) - (after.requests.byEndpoint["videos.list"] ?? 0)).toBe(0);
    expect(third.unitsCharged - after.unitsCharged).toBe(1);
  });

  it("flags imported videos with one query whatever the page size", async () => {
    const user = await connectedUser();
    const caller = createCaller(user.context);
    const first = await caller.youtube.myVideos({ pageSize: 30 });
    for (const item of first.items.slice(0, 3)) {
      await db.project.create({
        data: { userId: user.id, slug: item.videoId, title: item.title, youtubeVideoId: item.videoId, externalUrl: `https://www.youtube.com/watch?v=${item.videoId}` },
      });
    }
    // Both pages are fresh (not ETag-cached), so each makes the same two quota reservations.
    const small = await countQueries(() => caller.youtube.myVideos({ pageSize: 5 }));
    const large = await countQueries(() => caller.youtube.myVideos({ pageSize: 25 }));
    expect(large.result.items.filter((item) => item.alreadyImported).map((item) => item.videoId)).toEqual(first.items.slice(0, 3).map((item) => item.videoId));
    expect(small.result.items.filter((item) => item.alreadyImported)).toHaveLength(3);
    expect(large.queries).toBe(small.queries);
    // connection + imported flags, plus two quota reservations (a short transaction each).
    expect(large.queries).toBeLessThanOrEqual(12);
  });

  it("asks to connect YouTube when there is no connection", async () => {
    const caller = createCaller((await createTestUser()).context);
    await expect(caller.youtube.myVideos({})).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: "Connect YouTube to see your videos." });
    await expect(caller.youtube.myVideos({ pageSize: 51 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
