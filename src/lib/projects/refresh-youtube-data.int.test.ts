/**
 * projects.refresh against the emulator and the run's database: 50 videos per unit (as the emulator and the
 * ledger count them), YouTube's changes written back (and the creator's own edits kept), deleted and private
 * videos marked, stale numbers never sent, every project kept younger than 30 days as the clock moves, and
 * the details only a creator's authorization could read removed when it ends (disconnect, revoked grant) and
 * restored when they reconnect.
 *
 * The lane's files share one database: each test parks every project but its own at a far-future
 * youtubeDataAt (the refresh takes the oldest first, so parked rows are never due) and pushes waiting
 * SyncVideo ids out (the refresh steps aside while enrichment is behind), then works on its own users only.
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogIndex } from "~/lib/analysis/catalog-matcher";
import { encryptSecret } from "~/lib/crypto/secret-box";
import { tokenProviderFor } from "~/lib/google-oauth/get-access-token";
import { quotaDayDate } from "~/lib/quota/next-reset";
import { backgroundQuotaLease } from "~/lib/quota/quota-lease";
import { PROJECT_QUOTA_SCOPE } from "~/lib/quota/reserve-quota";
import { completeYouTubeConnect } from "~/lib/youtube-connection/complete-connect";
import { disconnectYouTube } from "~/lib/youtube-connection/disconnect-youtube";
import { startYouTubeConnect } from "~/lib/youtube-connection/start-connect";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import { db } from "~/server/db";
import { createContextInner } from "~/trpc/context";
import { createCaller } from "~/trpc/routers/_app";
import { DEMO_ACCOUNT_EMAIL, DEMO_VIDEO_IDS } from "../../../emulator/demo-world";
import { testEmulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import { testBoss } from "@test/job-harness";
import { createProjectsFromVideos } from "./create-projects-from-videos";
import { REFRESH_PARTIAL_CALL_AGE_MS } from "./refresh-plan";
import { refreshYouTubeData } from "./refresh-youtube-data";
import { removeAuthorizedDetails } from "./remove-authorized-details";
import { YOUTUBE_DATA_MAX_AGE_MS } from "./youtube-data-age";
import { lazyJobSender } from "~/lib/jobs/enqueue";

/** Jobs the connect flow queues (a revocation, resumed imports) go to the test database. */
const jobs = lazyJobSender(testBoss);

const control = testEmulatorControl();
const logger = pino({ level: "silent" });
const DAY_MS = 24 * 60 * 60 * 1000;
const PARKED_AT = new Date("2100-01-01T00:00:00Z");
const REDIRECT_URI = "http://127.0.0.1:3999/api/youtube/callback";

type Counters = { requests: { byEndpoint: Record<string, number> }; unitsCharged: number };

/** What the emulator counted and charged, and what the ledger's project row says, right now. */
async function spendSnapshot() {
  // Units a process's background lease holds are reserved but unspent: give them back so the ledger is exact.
  await backgroundQuotaLease().release();
  const counters = await control<Counters>("GET", "/counters");
  const ledger = await db.quotaDay.findUnique({
    where: { day_scope: { day: quotaDayDate(new Date()), scope: PROJECT_QUOTA_SCOPE } },
    select: { used: true },
  });
  return {
    videosList: counters.requests.byEndpoint["videos.list"] ?? 0,
    units: counters.unitsCharged,
    ledger: ledger?.used ?? 0,
  };
}

async function spentDuring<T>(work: () => Promise<T>) {
  const before = await spendSnapshot();
  const result = await work();
  const after = await spendSnapshot();
  return {
    result,
    videosList: after.videosList - before.videosList,
    units: after.units - before.units,
    ledger: after.ledger - before.ledger,
  };
}

/** Only these users' projects can come due; waiting enrichment ids are pushed out of the way. */
async function isolate(userIds: readonly string[]) {
  await db.project.updateMany({ where: { userId: { notIn: [...userIds] } }, data: { youtubeDataAt: PARKED_AT } });
  await db.syncVideo.updateMany({ where: { doneAt: null }, data: { notBefore: PARKED_AT } });
}

/** Makes these users' projects look read `ageMs` before `now`. */
const age = (userIds: readonly string[], ageMs: number, now = new Date()) =>
  db.project.updateMany({
    where: { userId: { in: [...userIds] } },
    data: { youtubeDataAt: new Date(now.getTime() - ageMs) },
  });

async function ownChannel(videos: number, body: Record<string, unknown> = {}) {
  const channel = await control<{ id: string }>("POST", "/channels", { title: `Refresh ${randomUUID().slice(0, 8)}` });
  const ids: string[] = [];
  for (let index = 0; index < videos; index += 1) {
    ids.push(
      (
        await control<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
          title: `Blender lesson ${index}`,
          viewCount: 100 + index,
          ...body,
        })
      ).id,
    );
  }
  return { channelId: channel.id, ids };
}

/** A creator connected to `channelId` through a long-lived token the emulator knows (no refresh token). */
async function connectedTo(channelId: string) {
  const user = await createTestUser();
  const token = `refresh-test-${randomUUID()}`;
  await control("POST", "/tokens", { token, channelId });
  const connection = await db.youTubeConnection.create({
    data: {
      userId: user.id,
      googleAccountId: `google-${user.id}`,
      youtubeChannelId: channelId,
      channelTitle: "Own channel",
      scopes: ["https://www.googleapis.com/auth/youtube.readonly"],
      accessTokenEnc: encryptSecret(token),
      accessTokenExpiresAt: new Date(Date.now() + DAY_MS),
    },
  });
  return { ...user, connectionId: connection.id };
}

/** Connect YouTube through the emulator's OAuth as the demo account (real access and refresh tokens). */
async function connectDemo(userId: string) {
  await control("POST", "/oauth/settings", { autoConsent: "allow", autoAccount: DEMO_ACCOUNT_EMAIL });
  const started = startYouTubeConnect({ userId, redirectUri: REDIRECT_URI });
  const response = await fetch(started.authorizeUrl, { redirect: "manual" });
  const query = Object.fromEntries(new URL(response.headers.get("location")!).searchParams);
  const outcome = await completeYouTubeConnect({
    userId,
    flowCookie: started.flowCookie,
    query,
    redirectUri: REDIRECT_URI,
    logger,
    jobs,
  });
  expect(outcome.ok).toBe(true);
  return db.youTubeConnection.findUniqueOrThrow({ where: { userId }, select: { id: true } });
}

/** Imports videos for users the way an import does: read from YouTube (as the owner when given), one INSERT. */
async function importFor(
  userIds: readonly string[],
  videoIds: readonly string[],
  asOwner?: { userId: string; connectionId: string },
) {
  const client = createDefaultYouTubeClient({
    logger,
    purpose: "interactive",
    userId: asOwner?.userId,
    getAccessToken: asOwner ? tokenProviderFor(asOwner.connectionId, logger) : undefined,
  });
  const { videos } = await client.getVideos({ ids: videoIds, asUser: !!asOwner });
  const catalog = await loadCatalogIndex();
  await db.$transaction((tx) =>
    createProjectsFromVideos({
      tx,
      owners: userIds.map((userId) => ({ userId, contentSourceId: null })),
      videos,
      importRunId: null,
      catalog,
    }),
  );
  return videos;
}

const projectOf = (userId: string, youtubeVideoId: string) =>
  db.project.findUniqueOrThrow({ where: { userId_youtubeVideoId: { userId, youtubeVideoId } } });

beforeEach(async () => {
  // Earlier files may have spent or closed today's budget; each test here starts from a fresh day's ledger.
  await backgroundQuotaLease().release();
  await db.quotaDay.deleteMany({ where: { scope: PROJECT_QUOTA_SCOPE } });
});

afterEach(async () => {
  await control("POST", "/oauth/settings", { autoConsent: null, autoAccount: null });
});

describe("projects.refresh", () => {
  it("renews every due project in ceil(distinct videos / 50) videos.list units, each video asked once for all its projects", async () => {
    const { ids } = await ownChannel(60);
    const [a, b, c] = [await createTestUser(), await createTestUser(), await createTestUser()];
    await importFor([a.id], ids);
    await importFor([b.id], ids.slice(0, 40));
    await importFor([c.id], ids.slice(40));
    const users = [a.id, b.id, c.id];
    await isolate(users);
    await age(users, 40 * DAY_MS);

    const now = new Date();
    const run = await spentDuring(() => refreshYouTubeData({ logger, now }));
    // 120 projects of 60 distinct videos: two calls, 50 ids and 10.
    expect(run.result).toMatchObject({
      due: 120,
      calls: 2,
      units: 2,
      videos: 60,
      projectsUpdated: 120,
      projectsGone: 0,
      stoppedBy: "done",
    });
    expect(run.videosList).toBe(Math.ceil(60 / 50));
    expect(run.units).toBe(2);
    expect(run.ledger).toBe(2);
    const rows = await db.project.findMany({ where: { userId: { in: users } }, select: { youtubeDataAt: true } });
    expect(rows).toHaveLength(120);
    expect(rows.every((row) => row.youtubeDataAt.getTime() === now.getTime())).toBe(true);

    // Nothing is due any more: the next run reads two indexes and calls nobody.
    const again = await spentDuring(() => refreshYouTubeData({ logger }));
    expect(again.result).toMatchObject({ due: 0, calls: 0 });
    expect(again.videosList).toBe(0);
  });

  it("writes YouTube's changes back, keeps the creator's own title, and marks deleted and private videos unavailable", async () => {
    const { channelId, ids } = await ownChannel(4);
    const [changed, gonePrivate, deleted, unchanged] = ids as [string, string, string, string];
    const owner = await connectedTo(channelId);
    const fan = await createTestUser();
    await importFor([owner.id, fan.id], ids);
    const ownerCaller = createCaller(owner.context);
    await ownerCaller.projects.update({ id: (await projectOf(owner.id, changed)).id, data: { title: "My own title" } });
    await isolate([owner.id, fan.id]);
    await age([owner.id, fan.id], 26 * DAY_MS);

    await control("PATCH", `/videos/${changed}`, {
      title: "Renamed on YouTube",
      viewCount: 5_000,
      likeCount: 321,
      madeForKids: true,
    });
    await control("PATCH", `/videos/${gonePrivate}`, { privacy: "private" });
    await control("DELETE", `/videos/${deleted}`);

    const run = await spentDuring(() => refreshYouTubeData({ logger }));
    // One call with the key; the owner's video the key no longer sees is asked again with the owner's token.
    expect(run.result).toMatchObject({ calls: 2, units: 2, stoppedBy: "done" });
    expect(run.videosList).toBe(2);
    expect(run.ledger).toBe(2);

    const fanChanged = await projectOf(fan.id, changed);
    expect(fanChanged).toMatchObject({
      title: "Renamed on YouTube",
      viewCount: 5_000n,
      likeCount: 321n,
      madeForKids: true,
      privacyStatus: "public",
      availability: "available",
    });
    expect(await projectOf(owner.id, changed)).toMatchObject({
      title: "My own title",
      viewCount: 5_000n,
      madeForKids: true,
    });
    // The owner's token sees their own private video; to everyone else it is gone.
    expect(await projectOf(owner.id, gonePrivate)).toMatchObject({
      privacyStatus: "private",
      availability: "private",
      viewCount: 101n,
    });
    expect(await projectOf(fan.id, gonePrivate)).toMatchObject({ availability: "deleted", viewCount: null });
    for (const userId of [owner.id, fan.id]) {
      expect(await projectOf(userId, deleted)).toMatchObject({
        availability: "deleted",
        viewCount: null,
        likeCount: null,
      });
      expect(await projectOf(userId, unchanged)).toMatchObject({
        availability: "available",
        viewCount: 103n,
        madeForKids: false,
      });
    }
    // What a client gets: current numbers with their time, none for the video that is gone.
    const listed = await ownerCaller.projects.list({});
    const byVideo = new Map(
      await Promise.all(
        listed.items.map(
          async (item) => [(await ownerCaller.projects.get({ id: item.id })).youtubeVideoId, item] as const,
        ),
      ),
    );
    expect(byVideo.get(changed)).toMatchObject({ hasStats: true, viewCount: 5_000, statsUpdatedAt: expect.any(Date) });
    expect(byVideo.get(deleted)).toMatchObject({ hasStats: false, viewCount: null, statsUpdatedAt: null });
  });

  it("never sends numbers older than 30 days: projects.get, projects.list and the public portfolio withhold them", async () => {
    const { ids } = await ownChannel(2);
    const user = await createTestUser();
    const handle = `fresh-${randomUUID().slice(0, 8)}`;
    await db.user.update({ where: { id: user.id }, data: { handle } });
    await importFor([user.id], ids);
    await db.project.updateMany({ where: { userId: user.id }, data: { visibility: "public" } });
    const [stale, fresh] = ids as [string, string];
    const now = new Date();
    await db.project.update({
      where: { userId_youtubeVideoId: { userId: user.id, youtubeVideoId: stale } },
      data: { youtubeDataAt: new Date(now.getTime() - YOUTUBE_DATA_MAX_AGE_MS - 60_000) },
    });
    await db.project.update({
      where: { userId_youtubeVideoId: { userId: user.id, youtubeVideoId: fresh } },
      data: { youtubeDataAt: new Date(now.getTime() - 29 * DAY_MS) },
    });

    const caller = createCaller(user.context);
    const staleId = (await projectOf(user.id, stale)).id;
    const freshId = (await projectOf(user.id, fresh)).id;
    expect(await caller.projects.get({ id: staleId })).toMatchObject({
      hasStats: false,
      statsUpdatedAt: null,
      viewCount: null,
      likeCount: null,
      commentCount: null,
    });
    expect(await caller.projects.get({ id: freshId })).toMatchObject({
      hasStats: true,
      statsUpdatedAt: new Date(now.getTime() - 29 * DAY_MS),
      viewCount: 101,
      likeCount: 10,
    });
    const listed = new Map((await caller.projects.list({})).items.map((item) => [item.id, item]));
    expect(listed.get(staleId)).toMatchObject({ hasStats: false, viewCount: null });
    expect(listed.get(freshId)).toMatchObject({ hasStats: true, viewCount: 101 });
    const portfolio = await createCaller(createContextInner({ session: null })).portfolio.byHandle({ handle });
    const shown = new Map(portfolio.items.map((item) => [item.id, item]));
    expect(shown.get(staleId)).toMatchObject({ hasStats: false, viewCount: null });
    expect(shown.get(freshId)).toMatchObject({ hasStats: true, viewCount: 101 });
  });

  it("keeps every project younger than 30 days as the clock moves, at one unit per 50 distinct videos a cycle", async () => {
    const { ids } = await ownChannel(30);
    const [a, b] = [await createTestUser(), await createTestUser()];
    await importFor([a.id], ids);
    await importFor([b.id], ids.slice(0, 10));
    const users = [a.id, b.id];
    await isolate(users);
    const start = new Date();
    await age(users, 0, start);

    let calls = 0;
    const spent = await spentDuring(async () => {
      for (let day = 1; day <= 75; day += 1) {
        const now = new Date(start.getTime() + day * DAY_MS);
        const run = await refreshYouTubeData({ logger, now, tickMs: DAY_MS });
        calls += run.calls;
        const rows = await db.project.findMany({ where: { userId: { in: users } }, select: { youtubeDataAt: true } });
        const oldest = Math.max(...rows.map((row) => now.getTime() - row.youtubeDataAt.getTime()));
        expect(oldest, `day ${day}`).toBeLessThan(YOUTUBE_DATA_MAX_AGE_MS);
        expect(oldest, `day ${day}`).toBeLessThanOrEqual(REFRESH_PARTIAL_CALL_AGE_MS);
      }
    });
    // 30 distinct videos, renewed together once they are 24 days old (fewer than 50 wait until then): days 24, 48 and 72.
    expect(calls).toBe(3 * Math.ceil(30 / 50));
    expect(spent.videosList).toBe(calls);
    expect(spent.units).toBe(calls);
    expect(spent.ledger).toBe(calls);
  });

  it("goes after sync enrichment: steps aside while it is behind, and stops cleanly at its share of the quota", async () => {
    const { ids } = await ownChannel(3);
    const user = await createTestUser();
    await importFor([user.id], ids);
    await isolate([user.id]);
    await age([user.id], 27 * DAY_MS);
    const channel = await db.channel.create({
      data: { youtubeChannelId: `UC${randomUUID().replaceAll("-", "").slice(0, 22)}`, title: "Waiting" },
    });
    await db.syncVideo.create({
      data: {
        videoId: `wait${randomUUID().slice(0, 6)}A`,
        channelId: channel.id,
        reason: "new",
        detectedAt: new Date(Date.now() - 60 * 60_000),
      },
    });
    const yielded = await spentDuring(() => refreshYouTubeData({ logger }));
    expect(yielded.result).toMatchObject({ calls: 0, stoppedBy: "enrich" });
    expect(yielded.videosList).toBe(0);
    await db.syncVideo.updateMany({ where: { channelId: channel.id }, data: { doneAt: new Date() } });

    // A day whose budget already went to others: nothing is spent, nothing is written.
    const limits = { projectDaily: 10, userDaily: 10, backgroundShare: 0.8 };
    const ledgerRow = { day: quotaDayDate(new Date()), scope: PROJECT_QUOTA_SCOPE };
    await db.quotaDay.upsert({
      where: { day_scope: ledgerRow },
      create: { ...ledgerRow, used: 7, limit: 10_000 },
      update: { used: 7 },
    });
    const spentOut = await spentDuring(() => refreshYouTubeData({ logger, limits }));
    expect(spentOut.result).toMatchObject({ calls: 0, stoppedBy: "quota_share" });
    expect(spentOut.videosList).toBe(0);
    expect(
      (await db.project.findMany({ where: { userId: user.id }, select: { youtubeDataAt: true } })).every(
        (row) => Date.now() - row.youtubeDataAt.getTime() > 26 * DAY_MS,
      ),
    ).toBe(true);
  });
});

describe("when a creator's YouTube authorization ends", () => {
  const PUBLIC = DEMO_VIDEO_IDS.resolveGrading;
  const UNLISTED = DEMO_VIDEO_IDS.unlistedStudioTour;
  const PRIVATE = DEMO_VIDEO_IDS.privateClientCut;

  /** A creator connected as the demo account with a public, an unlisted and a private upload imported with their token. */
  async function creatorWithPrivateWork() {
    const user = await createTestUser();
    const connection = await connectDemo(user.id);
    await importFor([user.id], [PUBLIC, UNLISTED, PRIVATE], { userId: user.id, connectionId: connection.id });
    await db.project.updateMany({ where: { userId: user.id }, data: { visibility: "public" } });
    const caller = createCaller(user.context);
    await caller.projects.update({
      id: (await projectOf(user.id, PRIVATE)).id,
      data: { description: "Notes I wrote myself" },
    });
    return { user, caller, connection };
  }

  async function expectRemoved(userId: string) {
    const unlisted = await projectOf(userId, UNLISTED);
    expect(unlisted).toMatchObject({
      title: "Unlisted video",
      description: "",
      slug: `video-${UNLISTED}`,
      thumbnailUrl: null,
      durationSeconds: null,
      publishedAt: null,
      channelTitle: null,
      viewCount: null,
      likeCount: null,
      madeForKids: null,
      topics: [],
      youtubeDetailsRemovedAt: expect.any(Date),
    });
    // The creator's own words stay; YouTube's title goes.
    expect(await projectOf(userId, PRIVATE)).toMatchObject({
      title: "Private video",
      description: "Notes I wrote myself",
      thumbnailUrl: null,
      viewCount: null,
      youtubeDetailsRemovedAt: expect.any(Date),
    });
  }

  it("disconnecting removes private and unlisted videos' details at once, leaves public projects alone, and reconnecting restores them", async () => {
    const { user, caller } = await creatorWithPrivateWork();
    const publicBefore = await projectOf(user.id, PUBLIC);
    expect(await projectOf(user.id, PRIVATE)).toMatchObject({ privacyStatus: "private", availability: "private" });
    expect(await projectOf(user.id, UNLISTED)).toMatchObject({
      privacyStatus: "unlisted",
      availability: "available",
      thumbnailUrl: expect.any(String),
    });

    expect(await disconnectYouTube({ userId: user.id, jobs: await testBoss(), logger })).toMatchObject({
      disconnected: true,
      detailsRemoved: 2,
    });
    await expectRemoved(user.id);
    expect(await projectOf(user.id, PUBLIC)).toEqual(publicBefore);
    expect(await removeAuthorizedDetails({ userId: user.id })).toBe(0);
    // The client is told why, and the public portfolio leaves the project out.
    expect(await caller.projects.get({ id: (await projectOf(user.id, UNLISTED)).id })).toMatchObject({
      detailsRemovedAt: expect.any(Date),
      hasStats: false,
      viewCount: null,
    });

    // Reconnecting queues them first; the next run reads them back with the new authorization.
    await connectDemo(user.id);
    await isolate([user.id]);
    expect((await projectOf(user.id, UNLISTED)).youtubeDataAt.getTime()).toBe(0);
    const run = await spentDuring(() => refreshYouTubeData({ logger }));
    expect(run.result).toMatchObject({ calls: 1, stoppedBy: "done" });
    expect(run.videosList).toBe(1);
    const restored = await projectOf(user.id, UNLISTED);
    expect(restored).toMatchObject({
      youtubeDetailsRemovedAt: null,
      privacyStatus: "unlisted",
      thumbnailUrl: expect.any(String),
      viewCount: expect.any(BigInt),
    });
    expect(restored.title).not.toBe("Unlisted video");
    expect(restored.slug).toMatch(new RegExp(`-${UNLISTED}$`));
    expect(await projectOf(user.id, PRIVATE)).toMatchObject({
      youtubeDetailsRemovedAt: null,
      description: "Notes I wrote myself",
      availability: "private",
    });
  });

  it("a grant Google reports revoked removes them at the refresh that finds out, and nothing of another creator's", async () => {
    const { user } = await creatorWithPrivateWork();
    const bystander = await createTestUser();
    await importFor([bystander.id], [PUBLIC]);
    const publicBefore = await projectOf(user.id, PUBLIC);
    await isolate([user.id, bystander.id]);
    await age([user.id, bystander.id], 23 * DAY_MS);
    // Revoked at Google's security page: Showreel learns it only when it next uses the grant.
    await control("POST", "/oauth/revoke", { email: DEMO_ACCOUNT_EMAIL });

    const run = await refreshYouTubeData({ logger, now: new Date(Date.now() + 2 * DAY_MS) });
    // The details went in the transaction that marked the connection, before the refresh's own backstop looked.
    expect(run).toMatchObject({ stoppedBy: "done", creatorsRemoved: 0 });
    expect(
      await db.youTubeConnection.findUniqueOrThrow({ where: { userId: user.id }, select: { status: true } }),
    ).toEqual({ status: "needs_reconnect" });
    await expectRemoved(user.id);
    // The public video was renewed with Showreel's key, for both creators.
    expect(await projectOf(user.id, PUBLIC)).toMatchObject({
      title: publicBefore.title,
      youtubeDetailsRemovedAt: null,
      availability: "available",
    });
    expect((await projectOf(bystander.id, PUBLIC)).youtubeDetailsRemovedAt).toBeNull();
    // Their removed projects went to the back of the queue: the next run has nothing to do for them.
    expect((await refreshYouTubeData({ logger, now: new Date(Date.now() + 2 * DAY_MS) })).calls).toBe(0);
  });
});
