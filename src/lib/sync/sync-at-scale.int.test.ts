/**
 * Issue 7's acceptance at integration scale: 10,000 channels followed by 30,000 sources, 2 % publishing
 * between cycles. One full cycle through the real scheduler, the real check runner (parallel batches, as
 * the worker runs it) and the emulator must import every new video exactly once for every follower and
 * charge units only for the channels that changed. Then real worker processes: one is SIGKILLed
 * mid-cycle and another finishes every check it held.
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { syncCheckChannelJob } from "~/lib/jobs/sync-check-channel";
import { db } from "~/server/db";
import { handleSyncCheckChannel } from "../../../worker/handlers/sync-check-channel";
import { createJobRunner } from "../../../worker/lib/run-job";
import { testEmulatorControl } from "../../../scripts/test/emulator-control";
import { testBoss } from "../../../scripts/test/job-harness";
import { testDatabaseUrl } from "../../../scripts/test/test-db-url";
import { startWorkerProcess, type WorkerProcess } from "../../../scripts/test/worker-process";
import { scheduleDueChannels } from "./schedule-due";

const control = testEmulatorControl();
const silent = pino({ level: "silent" });

const CHANNELS = 10_000;
const FOLLOWERS_PER_CHANNEL = 3;
const USERS = 3_000;
const PUBLISHING_SHARE = 0.02;
/** Parallel fetch loops of BATCH jobs each, as a worker runs them. */
const LOOPS = 4;
const BATCH = 16;

type Counters = { requests: { byEndpoint: Record<string, number>; total: number }; unitsCharged: number };

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(run));
}

/** Channels in the emulator and in our tables, followed by `FOLLOWERS_PER_CHANNEL` users each (set-based SQL). */
async function followedWorld(count: number, tag: string) {
  const ids = Array.from({ length: count }, (_, index) => `UC${tag}${String(index).padStart(21 - tag.length, "0")}Q`);
  await inBatches(ids, 32, (id) => control("POST", "/channels", { id, title: `Scale ${id}` }));
  const users = Math.min(USERS, count);
  await db.$executeRaw`
    INSERT INTO "User" ("id", "name", "email", "updatedAt")
    SELECT ${tag} || '-user-' || n, 'Scale user', ${tag} || '-user-' || n || '@scale.test', now() FROM generate_series(1, ${users}::int) AS n`;
  await db.$executeRaw`
    INSERT INTO "Channel" ("youtubeChannelId", "uploadsPlaylistId", "title", "nextCheckAt", "updatedAt")
    SELECT id, 'UU' || substr(id, 3), 'Scale ' || id, now(), now() FROM unnest(${ids}::text[]) AS id`;
  // Follower f of channel i is user (i * 3 + f) mod users: every user follows about count * 3 / users channels.
  await db.$executeRaw`
    INSERT INTO "ContentSource" ("userId", "channelId", "createdAt", "updatedAt")
    SELECT ${tag} || '-user-' || (((c.ord - 1) * ${FOLLOWERS_PER_CHANNEL}::int + f) % ${users}::int + 1), c."id", now() - interval '1 day', now()
      FROM (SELECT "id", row_number() OVER (ORDER BY "youtubeChannelId") AS ord FROM "Channel" WHERE "youtubeChannelId" = ANY(${ids}::text[])) AS c
     CROSS JOIN generate_series(0, ${FOLLOWERS_PER_CHANNEL - 1}::int) AS f`;
  return ids;
}

async function runCycle(channelIds: readonly string[]) {
  const startedAt = new Date();
  await db.channel.updateMany({ where: { youtubeChannelId: { in: [...channelIds] } }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
  const boss = await testBoss();
  const runner = createJobRunner({ contract: syncCheckChannelJob, handler: handleSyncCheckChannel, boss, logger: silent, parallel: true });
  const scheduled = await scheduleDueChannels({ boss, logger: silent, limits: { claimBatch: 2_000, maxQueuedChecks: 50_000, budgetMs: 60_000 } });
  const lanes = Array.from({ length: LOOPS }, async () => {
    for (;;) {
      const jobs = await boss.fetch(syncCheckChannelJob.name, { batchSize: BATCH });
      if (jobs.length === 0) return;
      const results = await runner(jobs);
      const failed = results.filter((result) => result.status !== "completed");
      expect(failed).toEqual([]);
      await boss.complete(syncCheckChannelJob.name, results.map((result) => result.id));
    }
  });
  await Promise.all(lanes);
  const checked = await db.channel.count({ where: { youtubeChannelId: { in: [...channelIds] }, lastCheckedAt: { gte: startedAt } } });
  return { scheduled, checked };
}

describe("sync at scale", () => {
  it("10,000 channels, 30,000 sources, 2 % publishing: every new video once per follower; unchanged channels cost nothing", async () => {
    const tag = randomUUID().replaceAll("-", "").slice(0, 6);
    const ids = await followedWorld(CHANNELS, tag);
    expect(await db.contentSource.count({ where: { channel: { youtubeChannelId: { in: ids } } } })).toBe(CHANNELS * FOLLOWERS_PER_CHANNEL);

    const baseline = await runCycle(ids);
    expect(baseline.checked).toBe(CHANNELS);

    const publishing = ids.filter((_, index) => index % Math.round(1 / PUBLISHING_SHARE) === 0);
    const published = new Map<string, string>();
    await inBatches(publishing, 32, async (id) => {
      const video = await control<{ id: string }>("POST", `/channels/${id}/videos`, { kind: "video", privacy: "public" });
      published.set(id, video.id);
    });
    const before = await control<Counters>("GET", "/counters");
    const cycle = await runCycle(ids);
    const after = await control<Counters>("GET", "/counters");
    expect(cycle.checked).toBe(CHANNELS);

    const expectedProjects = publishing.length * FOLLOWERS_PER_CHANNEL;
    const created = await db.$queryRaw<{ pairs: bigint; distinctPairs: bigint; videos: bigint }[]>`
      SELECT count(*) AS pairs, count(DISTINCT ("userId", "youtubeVideoId")) AS "distinctPairs", count(DISTINCT "youtubeVideoId") AS videos
        FROM "Project" WHERE "youtubeVideoId" = ANY(${[...published.values()]}::text[])`;
    expect(created[0]).toEqual({ pairs: BigInt(expectedProjects), distinctPairs: BigInt(expectedProjects), videos: BigInt(publishing.length) });
    // Each follower got their channel's video, through their own source.
    const wrongOwner = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM "Project" p JOIN "ContentSource" s ON s."id" = p."contentSourceId"
        JOIN "Channel" c ON c."id" = s."channelId"
       WHERE p."youtubeVideoId" = ANY(${[...published.values()]}::text[]) AND (p."userId" <> s."userId" OR c."youtubeChannelId" <> p."youtubeChannelId")`;
    expect(Number(wrongOwner[0]?.count)).toBe(0);

    const units = after.unitsCharged - before.unitsCharged;
    const feedCalls = (after.requests.byEndpoint.feed ?? 0) - (before.requests.byEndpoint.feed ?? 0);
    expect(feedCalls).toBe(CHANNELS);
    // One videos.list unit per changed channel.
    expect(units).toBe(publishing.length);
    // The unchanged channels measured on their own: a cycle of only them costs one feed request each
    // (answered 304) and nothing else — no videos.list call, no unit.
    const publishingIds = new Set(publishing);
    const unchanged = ids.filter((id) => !publishingIds.has(id));
    const beforeUnchanged = await control<Counters>("GET", "/counters");
    expect((await runCycle(unchanged)).checked).toBe(unchanged.length);
    const afterUnchanged = await control<Counters>("GET", "/counters");
    const requestsFor = (counters: Counters, endpoint: string) => counters.requests.byEndpoint[endpoint] ?? 0;
    expect(requestsFor(afterUnchanged, "feed") - requestsFor(beforeUnchanged, "feed")).toBe(unchanged.length);
    expect(requestsFor(afterUnchanged, "videos") - requestsFor(beforeUnchanged, "videos")).toBe(0);
    expect(afterUnchanged.requests.total - beforeUnchanged.requests.total).toBe(unchanged.length);
    expect(afterUnchanged.unitsCharged - beforeUnchanged.unitsCharged).toBe(0);

    // A second pass changes nothing: the same videos are not imported again.
    await runCycle(publishing);
    const again = await db.project.count({ where: { youtubeVideoId: { in: [...published.values()] } } });
    expect(again).toBe(expectedProjects);
    await db.channel.updateMany({ where: { youtubeChannelId: { in: ids } }, data: { nextCheckAt: null } });
  }, 600_000);
});

const started: WorkerProcess[] = [];
afterAll(() => {
  for (const worker of started) worker.child.kill("SIGKILL");
});

function startWorker(): WorkerProcess {
  const worker = startWorkerProcess({ DATABASE_URL: testDatabaseUrl(), SYNC_CHECK_CONCURRENCY: "32" });
  started.push(worker);
  return worker;
}

async function until(probe: () => Promise<boolean>, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a worker killed mid-cycle", () => {
  it("loses no check and imports nothing twice: another worker takes over the dead one's checks", async () => {
    const tag = randomUUID().replaceAll("-", "").slice(0, 6);
    const ids = await followedWorld(300, tag);
    await runCycle(ids); // baseline, in-process
    const publishing = ids.filter((_, index) => index % 10 === 0);
    const published: string[] = [];
    await inBatches(publishing, 16, async (id) => published.push((await control<{ id: string }>("POST", `/channels/${id}/videos`, {})).id));
    // Slow feeds keep the first worker's checks in flight when it dies.
    await control("POST", "/faults", { kind: "latency", endpoint: "feed", latencyMs: 400 });
    try {
      const startedAt = new Date();
      await db.channel.updateMany({ where: { youtubeChannelId: { in: ids } }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
      await scheduleDueChannels({ boss: await testBoss(), logger: silent, limits: { claimBatch: 1_000, maxQueuedChecks: 10_000, budgetMs: 30_000 } });
      const checkedSince = () => db.channel.count({ where: { youtubeChannelId: { in: ids }, lastCheckedAt: { gte: startedAt } } });

      const first = startWorker();
      await until(async () => (await checkedSince()) >= 20, "the first worker to get going", 60_000);
      first.child.kill("SIGKILL");
      await first.exited;
      // The worker process itself died (no launcher in between that could leave it running).
      expect(() => process.kill(first.child.pid!, 0)).toThrow();
      const doneByFirst = await checkedSince();
      expect(doneByFirst).toBeLessThan(ids.length);

      startWorker();
      await until(async () => (await checkedSince()) === ids.length, "every check to finish on the second worker", 120_000);
    } finally {
      await control("DELETE", "/faults");
    }
    const projects = await db.project.groupBy({ by: ["userId", "youtubeVideoId"], where: { youtubeVideoId: { in: published } }, _count: true });
    expect(projects).toHaveLength(publishing.length * FOLLOWERS_PER_CHANNEL);
    expect(projects.every((row) => row._count === 1)).toBe(true);
    await db.channel.updateMany({ where: { youtubeChannelId: { in: ids } }, data: { nextCheckAt: null } });
  }, 240_000);
});
