/**
 * Followed-channel sync through the procedures and the real sync engine (claims from ChannelSchedule,
 * batched write-back) and sync.enrich, against the emulator: the emulator counts requests and units, the
 * database counts projects.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { testEmulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import pino from "pino";
import { testBoss } from "@test/job-harness";
import { makeDue, parkAllChannels, runSyncCycle, scheduleOf } from "@test/sync-harness";
import { TIER_INTERVAL_MS } from "./check-schedule";
import { enrichDetectedVideos } from "./enrich-videos";
import { createSyncClients } from "./sync-clients";
import { startSyncEngine } from "./sync-engine";

type Counters = { requests: { byEndpoint: Record<string, number> }; unitsCharged: number };

const control = testEmulatorControl();
const counters = () => control<Counters>("GET", "/counters");
const DAY_MS = 86_400_000;

async function emulatorChannel(
  options: { videos?: number; lastUploadDaysAgo?: number; emptyUploads?: "playlistNotFound" | "emptyList" } = {},
) {
  const handle = `syn${randomUUID().slice(0, 8)}`;
  const channel = await control<{ id: string }>("POST", "/channels", {
    title: `Sync ${handle}`,
    handle: `@${handle}`,
    ...(options.emptyUploads ? { emptyUploads: options.emptyUploads } : {}),
  });
  for (let index = 0; index < (options.videos ?? 3); index += 1) {
    const publishedAt = new Date(Date.now() - ((options.lastUploadDaysAgo ?? 30) + index) * DAY_MS).toISOString();
    await control("POST", `/channels/${channel.id}/videos`, { kind: "video", privacy: "public", publishedAt });
  }
  return channel.id;
}

const publish = (channelId: string, extra: Record<string, unknown> = {}) =>
  control<{ id: string }>("POST", `/channels/${channelId}/videos`, { kind: "video", privacy: "public", ...extra });

/** Makes the channels due now (as if their interval had passed), then runs the engine until nothing is due, then enrichment. */
async function syncCycle(youtubeChannelIds?: readonly string[]) {
  if (youtubeChannelIds) await makeDue(youtubeChannelIds);
  const { results, enriched } = await runSyncCycle();
  return {
    results: results.map((write) => ({
      outcome: write.outcome ?? "parked",
      method: write.method,
      unitsSpent: write.unitsSpent,
      detected: write.detected.length,
    })),
    enriched,
  };
}

async function follow(youtubeChannelId: string, backfill = 0) {
  const user = await createTestUser();
  const caller = createCaller(user.context);
  const added = await caller.sources.add({ channel: youtubeChannelId, backfill });
  return { user, caller, sourceId: added.source.id, runId: added.runId };
}

const projectIds = (userId: string) =>
  db.project
    .findMany({ where: { userId }, select: { youtubeVideoId: true }, orderBy: { youtubeVideoId: "asc" } })
    .then((rows) => rows.map((row) => row.youtubeVideoId));

// Files share the database: channels an earlier file followed must not join this file's cycles.
beforeAll(parkAllChannels);

afterEach(async () => {
  await control("DELETE", "/faults");
  // Leave nothing due for the next test's cycle.
  await parkAllChannels();
});

describe("sync of followed channels", () => {
  it("imports each new upload once for every follower, from the feed, and spends nothing when nothing changed", async () => {
    const channelId = await emulatorChannel({ videos: 5 });
    const alice = await follow(channelId);
    const bob = await follow(channelId);

    // First look: the feed window is history, nobody gets old uploads.
    const first = await syncCycle();
    expect(first.results).toEqual([expect.objectContaining({ outcome: "baseline", method: "feed" })]);
    expect(await projectIds(alice.user.id)).toEqual([]);

    const fresh = [await publish(channelId), await publish(channelId, { kind: "short" })];
    const before = await counters();
    const second = await syncCycle([channelId]);
    const after = await counters();
    // The check spends nothing and detects two ids; enrichment looks both up in one videos.list (1 unit).
    expect(second.results).toEqual([
      expect.objectContaining({ outcome: "new_videos", method: "feed", unitsSpent: 0, detected: 2 }),
    ]);
    expect(second.enriched).toMatchObject({ batches: 1, lookedUp: 2, projectsCreated: 4, unitsSpent: 1 });
    expect(after.unitsCharged - before.unitsCharged).toBe(1);
    const expected = fresh.map((video) => video.id).sort();
    expect(await projectIds(alice.user.id)).toEqual(expected);
    expect(await projectIds(bob.user.id)).toEqual(expected);
    expect(
      await db.project.count({ where: { userId: alice.user.id, kind: "short", contentSourceId: alice.sourceId } }),
    ).toBe(1);

    // Unchanged: a conditional GET answered 304 — no units, no projects.
    const third = await syncCycle([channelId]);
    const afterThird = await counters();
    expect(third.results).toEqual([expect.objectContaining({ outcome: "unchanged", unitsSpent: 0 })]);
    expect(afterThird.unitsCharged).toBe(after.unitsCharged);
    expect(await db.project.count({ where: { userId: alice.user.id } })).toBe(2);

    const [source] = (await alice.caller.sources.list({})).items;
    expect(source).toMatchObject({ importedCount: 2, sync: { status: "ok", method: "feed", tier: "active" } });
    const runs = await db.syncRun.findMany({
      where: { channel: { youtubeChannelId: channelId } },
      orderBy: { finishedAt: "asc" },
    });
    expect(runs.map((run) => [run.outcome, run.newVideos, run.projectsCreated, run.unitsSpent])).toEqual([
      ["baseline", 0, 0, 0],
      ["new_videos", 2, 4, 1],
    ]);
  });

  it("gives a later follower only uploads since they followed", async () => {
    const channelId = await emulatorChannel({ videos: 2 });
    const early = await follow(channelId);
    await syncCycle();
    const first = await publish(channelId);
    await syncCycle([channelId]);
    const late = await follow(channelId);
    const second = await publish(channelId);
    await syncCycle([channelId]);
    expect(await projectIds(early.user.id)).toEqual([first.id, second.id].sort());
    expect(await projectIds(late.user.id)).toEqual([second.id]);
  });

  it("checks a channel quiet for two years daily, and picks up its next upload", async () => {
    const channelId = await emulatorChannel({ videos: 3, lastUploadDaysAgo: 730 });
    const follower = await follow(channelId);
    await syncCycle();
    const schedule = await scheduleOf(channelId);
    expect(schedule.tier).toBe("dormant");
    const wait = schedule.nextCheckAt!.getTime() - schedule.lastCheckedAt!.getTime();
    expect(wait).toBeGreaterThanOrEqual(TIER_INTERVAL_MS.dormant * 0.9);
    expect(wait).toBeLessThanOrEqual(TIER_INTERVAL_MS.dormant * 1.1);

    const video = await publish(channelId);
    await syncCycle([channelId]);
    expect(await projectIds(follower.user.id)).toEqual([video.id]);
    expect((await scheduleOf(channelId)).tier).toBe("active");
  });

  it("walks the uploads playlist when every id in the feed is new, so a burst of 20 uploads is not cut to 15", async () => {
    const channelId = await emulatorChannel({ videos: 3 });
    const follower = await follow(channelId);
    await syncCycle();
    const burst = [];
    for (let index = 0; index < 20; index += 1) burst.push((await publish(channelId)).id);
    await syncCycle([channelId]);
    expect(await projectIds(follower.user.id)).toEqual(burst.sort());
  });

  it("falls back to the uploads playlist (1 unit) when the feed fails, and marks deleted uploads unavailable", async () => {
    const channelId = await emulatorChannel({ videos: 4 });
    const follower = await follow(channelId);
    await syncCycle();
    const kept = await publish(channelId);
    const doomed = await publish(channelId);
    await syncCycle([channelId]);
    expect(await projectIds(follower.user.id)).toEqual([kept.id, doomed.id].sort());

    await control("DELETE", `/videos/${doomed.id}`);
    const later = await publish(channelId);
    await control("POST", "/faults", { kind: "5xx", endpoint: "feed", status: 503 });
    const { results } = await syncCycle([channelId]);
    expect(results).toEqual([expect.objectContaining({ outcome: "new_videos", method: "playlist" })]);
    expect(await projectIds(follower.user.id)).toEqual([kept.id, doomed.id, later.id].sort());
    const availability = await db.project.findMany({
      where: { userId: follower.user.id },
      select: { youtubeVideoId: true, availability: true },
    });
    expect(Object.fromEntries(availability.map((row) => [row.youtubeVideoId, row.availability]))).toEqual({
      [kept.id]: "available",
      [doomed.id]: "deleted",
      [later.id]: "available",
    });
  });

  // Google answers the uploads list of a channel that never published either way, per channel.
  it.each([
    // One playlist page (404) and one channels.list to confirm the channel exists: 2 units.
    { emptyUploads: "playlistNotFound" as const, units: 2 },
    // One playlist page that lists nothing: 1 unit, nothing to confirm.
    { emptyUploads: "emptyList" as const, units: 1 },
  ])(
    "takes a channel with no uploads whose feed fails as unchanged when its uploads list answers $emptyUploads, not as a failure",
    async ({ emptyUploads, units }) => {
      const channelId = await emulatorChannel({ videos: 0, emptyUploads });
      await follow(channelId);
      await syncCycle();
      await control("POST", "/faults", { kind: "5xx", endpoint: "feed", status: 503 });
      for (let cycle = 0; cycle < 2; cycle += 1) {
        const before = await counters();
        const { results } = await syncCycle([channelId]);
        const after = await counters();
        expect(results).toEqual([expect.objectContaining({ outcome: "unchanged", method: "playlist" })]);
        expect(after.unitsCharged - before.unitsCharged).toBe(units);
        expect(
          after.requests.byEndpoint["playlistItems.list"]! - (before.requests.byEndpoint["playlistItems.list"] ?? 0),
        ).toBe(1);
      }
      const schedule = await scheduleOf(channelId);
      expect(schedule).toMatchObject({
        failures: 0,
        lastError: null,
        lastOutcome: "unchanged",
        channel: { status: "active" },
      });
      expect(
        await db.syncRun.count({ where: { channelId: schedule.channelId, outcome: { in: ["failed", "not_found"] } } }),
      ).toBe(0);
      // The first upload after that is picked up like any other.
      await control("DELETE", "/faults");
      const video = await publish(channelId);
      const { results } = await syncCycle([channelId]);
      expect(results).toEqual([expect.objectContaining({ outcome: "new_videos", detected: 1 })]);
      expect(await db.project.count({ where: { youtubeVideoId: video.id } })).toBe(1);
    },
  );

  it("keeps a detected upload waiting for the quota reset, then imports it", async () => {
    const channelId = await emulatorChannel({ videos: 2 });
    const follower = await follow(channelId);
    await syncCycle();
    const video = await publish(channelId);
    await control("POST", "/faults", { kind: "quotaExceeded", endpoint: "videos", count: 1 });
    const { results, enriched } = await syncCycle([channelId]);
    expect(results).toEqual([expect.objectContaining({ outcome: "new_videos", detected: 1 })]);
    expect(enriched).toMatchObject({ stoppedBy: "quota", projectsCreated: 0 });
    const waiting = await db.syncVideo.findUniqueOrThrow({ where: { videoId: video.id } });
    expect(waiting).toMatchObject({ doneAt: null, attempts: 0 });
    expect(waiting.notBefore.getTime()).toBeGreaterThan(Date.now() + 60_000);
    expect((await follower.caller.sources.list({})).items[0]?.sync.status).toBe("waiting");

    // After the reset (the quota day is cleared and the id is ready again) the same upload arrives.
    await db.quotaDay.deleteMany({});
    await db.syncVideo.update({ where: { videoId: video.id }, data: { notBefore: new Date() } });
    await syncCycle([channelId]);
    expect(await projectIds(follower.user.id)).toEqual([video.id]);
  });

  it.each([
    ["serviceDisabled", "current"],
    ["apiKeyIpAddressBlocked", "legacy"],
  ])(
    "waits without counting a failure when Google refuses Showreel's key (%s, %s layout), then imports once fixed",
    async (kind, layout) => {
      const channelId = await emulatorChannel({ videos: 2 });
      const follower = await follow(channelId);
      await syncCycle();
      const video = await publish(channelId);
      await control("POST", "/faults", { kind, layout, endpoint: "videos" });
      const before = await counters();
      const { enriched } = await syncCycle([channelId]);
      const after = await counters();
      expect(enriched).toMatchObject({ stoppedBy: "config", projectsCreated: 0 });
      // Never retried: the feed, then one refused videos.list.
      expect((after.requests.byEndpoint["videos.list"] ?? 0) - (before.requests.byEndpoint["videos.list"] ?? 0)).toBe(
        1,
      );
      expect(await scheduleOf(channelId)).toMatchObject({
        failures: 0,
        lastOutcome: "config_wait",
        channel: { status: "active" },
      });
      expect(
        (await db.syncVideo.findUniqueOrThrow({ where: { videoId: video.id } })).notBefore.getTime(),
      ).toBeGreaterThan(Date.now() + 60_000);
      expect((await follower.caller.sources.list({})).items[0]?.sync.status).toBe("config");

      await control("DELETE", "/faults");
      await db.syncVideo.update({ where: { videoId: video.id }, data: { notBefore: new Date() } });
      await syncCycle([channelId]);
      expect(await projectIds(follower.user.id)).toEqual([video.id]);
      expect(await scheduleOf(channelId)).toMatchObject({ failures: 0, lastError: null });
    },
  );

  it("parks a channel nobody syncs any more, and wakes it when someone turns auto-sync back on", async () => {
    const channelId = await emulatorChannel({ videos: 2 });
    const follower = await follow(channelId);
    await syncCycle();
    await follower.caller.sources.update({ sourceId: follower.sourceId, syncEnabled: false });
    const { results } = await syncCycle([channelId]);
    expect(results).toEqual([expect.objectContaining({ outcome: "parked" })]);
    expect((await scheduleOf(channelId)).nextCheckAt).toBeNull();

    const source = await follower.caller.sources.update({ sourceId: follower.sourceId, syncEnabled: true });
    expect(source.sync.nextCheckAt).not.toBeNull();
    const video = await publish(channelId);
    await syncCycle();
    expect(await projectIds(follower.user.id)).toEqual([video.id]);
  });

  it("marks a terminated channel gone after three misses (one unit to confirm), and keeps looking weekly", async () => {
    const channelId = await emulatorChannel({ videos: 2 });
    const follower = await follow(channelId);
    await syncCycle();
    await control("PATCH", `/channels/${channelId}`, { terminated: true });
    const outcomes = [];
    for (let cycle = 0; cycle < 3; cycle += 1)
      outcomes.push(...(await syncCycle([channelId])).results.map((result) => result.outcome));
    expect(outcomes).toEqual(["failed", "failed", "not_found"]);
    const schedule = await scheduleOf(channelId);
    expect(schedule.channel.status).toBe("terminated");
    expect(schedule.nextCheckAt!.getTime() - Date.now()).toBeGreaterThan(6 * DAY_MS);
    expect((await follower.caller.sources.list({})).items[0]?.sync).toMatchObject({
      status: "gone",
      error: "YouTube says this channel no longer exists.",
    });
    // Failures on one channel never open the breaker for the others.
    const other = await emulatorChannel({ videos: 1 });
    const otherFollower = await follow(other);
    await syncCycle();
    const video = await publish(other);
    await syncCycle([other]);
    expect(await projectIds(otherFollower.user.id)).toEqual([video.id]);
  });

  it("rate-limits Sync now at 20 an hour with a retry time, and checks the channel once however often it is asked", async () => {
    const channelId = await emulatorChannel({ videos: 1 });
    const follower = await follow(channelId);
    await syncCycle();
    const answers = [];
    for (let index = 0; index < 20; index += 1)
      answers.push(await follower.caller.sources.syncNow({ sourceId: follower.sourceId }));
    expect(answers[0]).toEqual({ queued: true, alreadyQueued: false });
    expect(answers.slice(1).every((answer) => answer.alreadyQueued)).toBe(true);
    await expect(follower.caller.sources.syncNow({ sourceId: follower.sourceId })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      cause: { code: "RATE_LIMITED", retryAt: expect.any(Date) },
    });
    const { results } = await syncCycle();
    expect(results).toHaveLength(1);
  });

  it("gives back, when stopping, the channels it claimed but had not started, and writes back the ones in flight", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 12; index += 1) ids.push(await emulatorChannel({ videos: 1 }));
    for (const id of ids) await follow(id);
    await syncCycle();
    await control("POST", "/faults", { kind: "latency", endpoint: "feed", latencyMs: 300 });
    await makeDue(ids);
    const silent = pino({ level: "silent" });
    const engine = startSyncEngine({
      boss: await testBoss(),
      logger: silent,
      clients: createSyncClients(silent),
      concurrency: 2,
      claimBatch: 12,
      leaseMs: 120_000,
      enrichMaxWaitMs: 0,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const beforeStop = Date.now();
    await engine.stop();
    expect(engine.stats()).toMatchObject({ claimed: 12, checked: 2, written: 2 });
    const rows = await db.channelSchedule.findMany({ where: { channel: { youtubeChannelId: { in: ids } } } });
    expect(rows.every((row) => row.claimToken === null)).toBe(true);
    // The 10 never started are due at once, not after the 2-minute lease; the 2 checked are scheduled on.
    expect(rows.filter((row) => row.nextCheckAt!.getTime() <= beforeStop + 5_000)).toHaveLength(10);
  });

  it("enriches full batches of 50 across lanes, and a remainder only once its oldest id has waited long enough", async () => {
    const channelId = await emulatorChannel({ videos: 0 });
    await follow(channelId);
    const { channelId: id } = await scheduleOf(channelId);
    const ids = Array.from({ length: 60 }, (_, index) => `lane${String(index).padStart(7, "0")}`);
    await db.syncVideo.createMany({ data: ids.map((videoId) => ({ videoId, channelId: id, reason: "new" as const })) });
    const silent = pino({ level: "silent" });
    const boss = await testBoss();
    // 60 fresh ids: one full batch (1 unit); the other 10 wait for company rather than cost a unit alone.
    expect(await enrichDetectedVideos({ boss, logger: silent, maxWaitMs: 30_000 })).toMatchObject({
      batches: 1,
      lookedUp: 50,
      unitsSpent: 1,
    });
    expect(await db.syncVideo.count({ where: { videoId: { in: ids }, attempts: 0 } })).toBe(10);
    // Once the oldest of them has waited long enough, they go on their own.
    expect(await enrichDetectedVideos({ boss, logger: silent, maxWaitMs: 0 })).toMatchObject({
      batches: 1,
      lookedUp: 10,
      unitsSpent: 1,
    });
    await db.syncVideo.deleteMany({ where: { videoId: { in: ids } } });
  });

  it("refuses what it cannot follow with a message the user can act on, and hides other users' sources", async () => {
    const follower = await createTestUser();
    const caller = createCaller(follower.context);
    await expect(caller.sources.add({ channel: "https://vimeo.com/123" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.sources.add({ channel: "UCzzzzzzzzzzzzzzzzzzzzzA" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("No YouTube channel was found"),
    });
    const channelId = await emulatorChannel({ videos: 1 });
    const owner = await follow(channelId);
    await expect(caller.sources.update({ sourceId: owner.sourceId, syncEnabled: false })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(caller.sources.remove({ sourceId: owner.sourceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.sources.syncNow({ sourceId: owner.sourceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caller.sources.list({})).items).toEqual([]);
  });
});
