/**
 * My Videos against the emulator: the fields the grid shows, 2 units for a page YouTube has not given us
 * before, then the stored page answered from Postgres in ONE statement for 0 units and 0 calls while
 * younger than MY_VIDEOS_MAX_AGE_SECONDS; once older, checked against the channel's feed for 0 units and
 * served again when it shows nothing new, changed from the feed for 0 units when the feed can describe the
 * change (an upload, a rename), else revalidated by ETag, as on refresh (304: 1 unit; 200: 2);
 * refresh rate limited and paid from the quota ledger; pages gone on disconnect, with the user and after a
 * week; a clear answer when not connected.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { env } from "~/env";
import { encryptSecret } from "~/lib/crypto/secret-box";
import { quotaDayDate } from "~/lib/quota/next-reset";
import { userQuotaScope } from "~/lib/quota/reserve-quota";
import { rateLimiterFor } from "~/lib/rate-limit/limiters";
import { MY_VIDEOS_PAGE_RETENTION_DAYS } from "~/lib/retention/policies";
import { pruneExpiredRows } from "~/lib/retention/prune-expired-rows";
import { db, onQuery, pool } from "~/server/db";
import { logger } from "~/server/logger";
import { createCaller } from "~/trpc/routers/_app";
import { DEMO_ACCESS_TOKEN, DEMO_CHANNEL_ID } from "../../../emulator/demo-world";
import { emulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import { MY_VIDEOS_REFRESH_RATE_LIMIT } from "./list-my-videos";
import { myVideosPageKey } from "./my-videos-page-cache";

type Counters = { requests: { byEndpoint: Record<string, number>; total: number }; unitsCharged: number };
const counters = async () =>
  (await (await fetch(`${process.env.TEST_EMULATOR_URL}/_emulator/counters`)).json()) as Counters;
const control = () => emulatorControl(process.env.TEST_EMULATOR_URL!);

/** What the emulator saw between two snapshots. */
function spent(before: Counters, after: Counters) {
  const calls = (endpoint: string) =>
    (after.requests.byEndpoint[endpoint] ?? 0) - (before.requests.byEndpoint[endpoint] ?? 0);
  return {
    units: after.unitsCharged - before.unitsCharged,
    calls: after.requests.total - before.requests.total,
    playlistItems: calls("playlistItems.list"),
    videos: calls("videos.list"),
    feed: calls("feed"),
  };
}

async function measure<T>(work: () => Promise<T>) {
  const before = await counters();
  const result = await work();
  return { result, ...spent(before, await counters()) };
}

/** A user connected to a channel (the emulator's demo channel by default) through a long-lived token. */
async function connectedUser(
  channel: { id: string; token: string } = { id: DEMO_CHANNEL_ID, token: DEMO_ACCESS_TOKEN },
) {
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

/** A channel of the test's own (so it may publish without touching other tests) with `videos` uploads. */
async function ownChannel(videos: number) {
  const channel = await control()<{ id: string }>("POST", "/channels", {
    title: `My Videos ${randomUUID().slice(0, 8)}`,
  });
  for (let index = 0; index < videos; index += 1)
    await control()("POST", `/channels/${channel.id}/videos`, {
      kind: "video",
      privacy: "public",
      title: `Upload ${index}`,
    });
  const token = `my-videos-${randomUUID()}`;
  await control()("POST", "/tokens", { token, channelId: channel.id });
  return { id: channel.id, token };
}

async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const stop = onQuery((event) => queries.push(event.query));
  try {
    return { result: await work(), queries };
  } finally {
    stop();
  }
}

/** Makes the user's stored page older than the max age, as if last fetched 11 minutes past it. */
const ageStoredPages = (userId: string, seconds = env.MY_VIDEOS_MAX_AGE_SECONDS + 660) =>
  db.myVideosPage.updateMany({ where: { userId }, data: { fetchedAt: new Date(Date.now() - seconds * 1000) } });

describe("youtube.myVideos", () => {
  // Google answers the uploads list of a channel that never published with a 404 or an empty list, per channel.
  it.each(["playlistNotFound", "emptyList"] as const)(
    "shows an empty page, not an error, for a channel that never published (%s): 1 unit, then stored",
    async (emptyUploads) => {
      const channel = await control()<{ id: string }>("POST", "/channels", {
        title: `Nothing yet ${emptyUploads}`,
        emptyUploads,
      });
      const token = `my-videos-${randomUUID()}`;
      await control()("POST", "/tokens", { token, channelId: channel.id });
      const caller = createCaller((await connectedUser({ id: channel.id, token })).context);
      const first = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
      expect(first.result).toEqual({
        items: [],
        nextPageToken: null,
        prevPageToken: null,
        totalResults: 0,
        fetchedAt: expect.any(Date),
      });
      expect(first.units).toBe(1);
      const again = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
      expect(again.result).toEqual(first.result);
      expect(again.calls).toBe(0);
    },
  );

  it("lists a page with what the grid needs for 2 units, then serves it from Postgres in one statement for 0 units and 0 calls", async () => {
    const user = await connectedUser();
    const caller = createCaller(user.context);
    const first = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
    const page = first.result;
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
    expect(Math.abs(page.fetchedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(first).toMatchObject({ units: 2, playlistItems: 1, videos: 1 });

    const cached = await measure(() => countQueries(() => caller.youtube.myVideos({ pageSize: 10 })));
    expect(cached.result.result).toEqual(page);
    expect(cached.result.queries).toHaveLength(1);
    expect(cached).toMatchObject({ units: 0, calls: 0 });
    // Another page size is another page: fetched once, then stored on its own.
    expect((await measure(() => caller.youtube.myVideos({ pageSize: 5 }))).units).toBe(2);
    expect(await db.myVideosPage.count({ where: { userId: user.id } })).toBe(2);
  });

  it("flags imported videos from the stored page in its one statement, whatever the page size", async () => {
    const user = await connectedUser();
    const caller = createCaller(user.context);
    const first = await caller.youtube.myVideos({ pageSize: 30 });
    await caller.youtube.myVideos({ pageSize: 5 });
    for (const item of first.items.slice(0, 3)) {
      await db.project.create({
        data: {
          userId: user.id,
          slug: item.videoId,
          title: item.title,
          youtubeVideoId: item.videoId,
          externalUrl: `https://www.youtube.com/watch?v=${item.videoId}`,
        },
      });
    }
    const small = await measure(() => countQueries(() => caller.youtube.myVideos({ pageSize: 5 })));
    const large = await measure(() => countQueries(() => caller.youtube.myVideos({ pageSize: 30 })));
    expect(large.result.result.items.filter((item) => item.alreadyImported).map((item) => item.videoId)).toEqual(
      first.items.slice(0, 3).map((item) => item.videoId),
    );
    expect(small.result.result.items.filter((item) => item.alreadyImported)).toHaveLength(3);
    expect(small.result.queries).toHaveLength(1);
    expect(large.result.queries).toHaveLength(1);
    expect(large.units + small.units).toBe(0);
  });

  it("checks a page older than the max age against the channel's feed for 0 units, and revalidates it only when the feed shows something new", async () => {
    const channel = await ownChannel(4);
    const user = await connectedUser(channel);
    const caller = createCaller(user.context);
    const page = await caller.youtube.myVideos({ pageSize: 10 });
    expect(page.items).toHaveLength(4);
    await ageStoredPages(user.id);
    const aged = (
      await db.myVideosPage.findUniqueOrThrow({
        where: { userId_pageKey: { userId: user.id, pageKey: myVideosPageKey({ pageSize: 10 }) } },
      })
    ).fetchedAt;

    // The feed shows what it showed when the page was read (the same four videos and titles): current, for no unit.
    const checked = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
    expect(checked).toMatchObject({ units: 0, playlistItems: 0, videos: 0, feed: 1 });
    expect(checked.result.items).toEqual(page.items);
    expect(checked.result.fetchedAt.getTime()).toBeGreaterThan(aged.getTime());
    // Touched, so fresh again: the next view is free.
    expect((await measure(() => caller.youtube.myVideos({ pageSize: 10 }))).calls).toBe(0);

    // Published at YouTube since, and older than the max age: the feed shows it and describes it, so it joins
    // the stored page from the feed, first and without a duration, for no unit; the rest is kept as it was.
    await control()("POST", `/channels/${channel.id}/videos`, {
      kind: "video",
      privacy: "public",
      title: "Published since",
      durationSeconds: 321,
    });
    await ageStoredPages(user.id);
    const merged = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
    expect(merged).toMatchObject({ units: 0, playlistItems: 0, videos: 0, feed: 1 });
    expect(merged.result.items).toHaveLength(5);
    expect(merged.result.items[0]).toMatchObject({
      title: "Published since",
      durationSeconds: null,
      privacyStatus: "public",
    });
    expect(merged.result.items.slice(1)).toEqual(page.items);
    expect(merged.result.totalResults).toBe(5);
    expect((await measure(() => caller.youtube.myVideos({ pageSize: 10 }))).calls).toBe(0);

    // Refresh reads it from the Data API: the duration arrives. The merged page has no ETag, so both calls.
    const refreshed = await measure(() => caller.youtube.myVideos({ pageSize: 10, refresh: true }));
    expect(refreshed).toMatchObject({ units: 2, playlistItems: 1, videos: 1 });
    expect(refreshed.result.items[0]).toMatchObject({ title: "Published since", durationSeconds: 321 });
  });

  it("gives a new upload from the feed the duration of the user's project of it (imported by following the channel)", async () => {
    const channel = await ownChannel(2);
    const user = await connectedUser(channel);
    const caller = createCaller(user.context);
    await caller.youtube.myVideos({ pageSize: 10 });
    const upload = await control()<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
      kind: "video",
      privacy: "public",
      title: "Imported by the follow",
      durationSeconds: 95,
    });
    await db.project.create({
      data: {
        userId: user.id,
        slug: upload.id,
        title: "Imported by the follow",
        youtubeVideoId: upload.id,
        externalUrl: `https://www.youtube.com/watch?v=${upload.id}`,
        durationSeconds: 95,
      },
    });
    await ageStoredPages(user.id);
    const merged = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
    expect(merged).toMatchObject({ units: 0, playlistItems: 0, videos: 0, feed: 1 });
    expect(merged.result.items[0]).toMatchObject({
      videoId: upload.id,
      durationSeconds: 95,
      alreadyImported: true,
    });
  });

  it("takes a rename from the feed for no unit, and asks the Data API when a public video leaves the feed", async () => {
    const channel = await ownChannel(4);
    const user = await connectedUser(channel);
    const caller = createCaller(user.context);
    const page = await caller.youtube.myVideos({ pageSize: 10 });
    const [first, second] = page.items;

    await control()("PATCH", `/videos/${first!.videoId}`, { title: "Renamed at YouTube" });
    await ageStoredPages(user.id);
    const renamed = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
    expect(renamed).toMatchObject({ units: 0, calls: 1, feed: 1 });
    expect(renamed.result.items.map((item) => item.title)).toEqual([
      "Renamed at YouTube",
      ...page.items.slice(1).map((item) => item.title),
    ]);

    // Made private: the feed no longer lists it, and cannot say whether it was deleted or hidden. The Data API can.
    await control()("PATCH", `/videos/${second!.videoId}`, { privacy: "private" });
    await ageStoredPages(user.id);
    const hidden = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
    expect(hidden).toMatchObject({ units: 2, playlistItems: 1, videos: 1, feed: 1 });
    expect(hidden.result.items.find((item) => item.videoId === second!.videoId)?.privacyStatus).toBe("private");
    expect(hidden.result.items[0]?.title).toBe("Renamed at YouTube");

    // Deleted: gone from the page once the Data API is asked.
    await control()("DELETE", `/videos/${first!.videoId}`);
    await ageStoredPages(user.id);
    const deleted = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
    expect(deleted).toMatchObject({ units: 2, playlistItems: 1, feed: 1 });
    expect(deleted.result.items.map((item) => item.videoId)).not.toContain(first!.videoId);
  });

  it("checks a stored page with no feed signature (stored while the feed was unreadable) against the feed's content, for no unit when it agrees", async () => {
    const channel = await ownChannel(4);
    const user = await connectedUser(channel);
    const caller = createCaller(user.context);
    const page = await caller.youtube.myVideos({ pageSize: 10 });
    await db.myVideosPage.updateMany({ where: { userId: user.id }, data: { feedSignature: null } });
    await ageStoredPages(user.id);

    const checked = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
    expect(checked).toMatchObject({ units: 0, playlistItems: 0, videos: 0, feed: 1 });
    expect(checked.result.items).toEqual(page.items);
    // The signature read with it is kept, and the page is fresh again.
    const row = await db.myVideosPage.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.feedSignature).not.toBeNull();
    expect((await measure(() => caller.youtube.myVideos({ pageSize: 10 }))).calls).toBe(0);
  });

  it("revalidates by ETag when the feed cannot be read: 304 costs the playlist call and keeps the stored videos", async () => {
    const channel = await ownChannel(4);
    const user = await connectedUser(channel);
    const caller = createCaller(user.context);
    const page = await caller.youtube.myVideos({ pageSize: 10 });
    await ageStoredPages(user.id);
    await control()("POST", "/faults", { kind: "5xx", endpoint: "feed", status: 503 });
    try {
      const revalidated = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
      expect(revalidated).toMatchObject({ units: 1, playlistItems: 1, videos: 0 });
      expect(revalidated.result.items).toEqual(page.items);
    } finally {
      await control()("DELETE", "/faults");
    }
  });

  it("refresh revalidates a fresh page now and costs what the emulator charges", async () => {
    const channel = await ownChannel(3);
    const user = await connectedUser(channel);
    const caller = createCaller(user.context);
    const page = await caller.youtube.myVideos({ pageSize: 10 });

    const unchanged = await measure(() => caller.youtube.myVideos({ pageSize: 10, refresh: true }));
    expect(unchanged).toMatchObject({ units: 1, playlistItems: 1, videos: 0 });
    expect(unchanged.result.items).toEqual(page.items);
    expect(unchanged.result.fetchedAt.getTime()).toBeGreaterThanOrEqual(page.fetchedAt.getTime());

    await control()("POST", `/channels/${channel.id}/videos`, {
      kind: "video",
      privacy: "public",
      title: "Fresh upload",
    });
    // Without refresh the stored page is still young: the new upload is not seen, and nothing is spent.
    const stale = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
    expect(stale.calls).toBe(0);
    expect(stale.result.items).toHaveLength(3);
    const changed = await measure(() => caller.youtube.myVideos({ pageSize: 10, refresh: true }));
    expect(changed).toMatchObject({ units: 2, playlistItems: 1, videos: 1 });
    expect(changed.result.items[0]?.title).toBe("Fresh upload");
    // The quota ledger charged this user for every unit the emulator charged.
    const ledger = await db.quotaDay.findUniqueOrThrow({
      where: { day_scope: { day: quotaDayDate(new Date()), scope: userQuotaScope(user.id) } },
    });
    expect(ledger.used).toBe(2 + 1 + 2);
  });

  it("rate limits refresh (TOO_MANY_REQUESTS, nothing spent) while the stored page keeps being served", async () => {
    const user = await connectedUser();
    const caller = createCaller(user.context);
    const page = await caller.youtube.myVideos({ pageSize: 10 });
    await rateLimiterFor(MY_VIDEOS_REFRESH_RATE_LIMIT).block(user.id, 60);
    const refused = await measure(() =>
      caller.youtube.myVideos({ pageSize: 10, refresh: true }).catch((error: unknown) => error),
    );
    expect(refused.result).toMatchObject({ code: "TOO_MANY_REQUESTS", message: MY_VIDEOS_REFRESH_RATE_LIMIT.message });
    expect(refused.calls).toBe(0);
    expect((await caller.youtube.myVideos({ pageSize: 10 })).items).toEqual(page.items);
  });

  it("refresh does not bypass the quota: a user out of units is refused, and the stored page is still served, aged ones too", async () => {
    const user = await connectedUser();
    const caller = createCaller(user.context);
    const page = await caller.youtube.myVideos({ pageSize: 10 });
    await db.quotaDay.update({
      where: { day_scope: { day: quotaDayDate(new Date()), scope: userQuotaScope(user.id) } },
      data: { used: env.YOUTUBE_USER_DAILY_QUOTA },
    });
    const refused = await measure(() =>
      caller.youtube.myVideos({ pageSize: 10, refresh: true }).catch((error: unknown) => error),
    );
    expect(refused.result).toMatchObject({ code: "SERVICE_UNAVAILABLE", cause: { code: "QUOTA_EXHAUSTED" } });
    // The feed (no quota) may be read first; the Data API is not asked.
    expect(refused).toMatchObject({ units: 0, playlistItems: 0, videos: 0 });
    expect((await caller.youtube.myVideos({ pageSize: 10 })).items).toEqual(page.items);

    // Older than the max age, with no feed to vouch for it (it cannot be read), the revalidation is refused
    // too: the stored page is served with its own age.
    await ageStoredPages(user.id);
    await control()("POST", "/faults", { kind: "5xx", endpoint: "feed", status: 503 });
    try {
      const aged = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
      expect(aged).toMatchObject({ units: 0, playlistItems: 0, videos: 0 });
      expect(aged.result.items).toEqual(page.items);
      expect(Date.now() - aged.result.fetchedAt.getTime()).toBeGreaterThan(env.MY_VIDEOS_MAX_AGE_SECONDS * 1000);
      // Not a page this user has seen: nothing to fall back on, so the quota error is the answer.
      await expect(caller.youtube.myVideos({ pageSize: 7 })).rejects.toMatchObject({
        code: "SERVICE_UNAVAILABLE",
        cause: { code: "QUOTA_EXHAUSTED" },
      });
    } finally {
      await control()("DELETE", "/faults");
    }
  });

  it("never serves a page of a previously connected channel", async () => {
    const first = await ownChannel(2);
    const second = await ownChannel(3);
    const user = await connectedUser(first);
    const caller = createCaller(user.context);
    expect((await caller.youtube.myVideos({ pageSize: 10 })).items).toHaveLength(2);
    await db.youTubeConnection.update({
      where: { userId: user.id },
      data: { youtubeChannelId: second.id, accessTokenEnc: encryptSecret(second.token) },
    });
    const switched = await measure(() => caller.youtube.myVideos({ pageSize: 10 }));
    expect(switched.result.items).toHaveLength(3);
    expect(switched.units).toBe(2);
    expect(await db.myVideosPage.count({ where: { userId: user.id } })).toBe(1);
  });

  it("asks to reconnect, even with a stored page, once the connection needs it", async () => {
    const user = await connectedUser();
    const caller = createCaller(user.context);
    await caller.youtube.myVideos({ pageSize: 10 });
    await db.youTubeConnection.update({ where: { userId: user.id }, data: { status: "needs_reconnect" } });
    await expect(caller.youtube.myVideos({ pageSize: 10 })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "YouTube access has expired. Reconnect to see your videos.",
    });
  });

  it("deletes the stored pages on disconnect, with the user, and once untouched for the retention period", async () => {
    const leaving = await connectedUser();
    await createCaller(leaving.context).youtube.myVideos({ pageSize: 10 });
    await createCaller(leaving.context).youtube.disconnect();
    expect(await db.myVideosPage.count({ where: { userId: leaving.id } })).toBe(0);

    const deleted = await connectedUser();
    await createCaller(deleted.context).youtube.myVideos({ pageSize: 10 });
    await db.user.delete({ where: { id: deleted.id } });
    expect(await db.myVideosPage.count({ where: { userId: deleted.id } })).toBe(0);

    const idle = await connectedUser();
    const kept = await connectedUser();
    await createCaller(idle.context).youtube.myVideos({ pageSize: 10 });
    await createCaller(kept.context).youtube.myVideos({ pageSize: 10 });
    await ageStoredPages(idle.id, MY_VIDEOS_PAGE_RETENTION_DAYS * 24 * 60 * 60 + 60);
    await ageStoredPages(kept.id, MY_VIDEOS_PAGE_RETENTION_DAYS * 24 * 60 * 60 - 60 * 60);
    expect(
      (await pruneExpiredRows({ pool, logger: logger.child({ test: "my-videos" }) })).pruned.MyVideosPage,
    ).toBeGreaterThanOrEqual(1);
    expect(await db.myVideosPage.count({ where: { userId: idle.id } })).toBe(0);
    expect(await db.myVideosPage.count({ where: { userId: kept.id } })).toBe(1);
  });

  it("asks to connect YouTube when there is no connection", async () => {
    const caller = createCaller((await createTestUser()).context);
    await expect(caller.youtube.myVideos({})).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "Connect YouTube to see your videos.",
    });
    await expect(caller.youtube.myVideos({ pageSize: 51 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
