/**
 * The sync engine's acceptance at integration scale (issue 21), against the emulator:
 * - 10,000 channels followed by 30,000 sources, 2 % publishing: three engines claiming at once check every
 *   channel exactly once; every new video becomes one project per follower; enrichment charges
 *   ceil(new ids / 50) units across channels, unchanged channels nothing;
 * - a finisher that lost its claim changes nothing;
 * - 10,000 channels failing together come back spread out (full jitter), not in a wave;
 * - real worker processes: one SIGKILLed mid-cycle loses no check and duplicates no project.
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { testEmulatorControl } from "@test/emulator-control";
import { testBoss } from "@test/job-harness";
import { makeDue, parkAllChannels } from "@test/sync-harness";
import { testDatabaseUrl } from "@test/test-db-url";
import { startWorkerProcess, type WorkerProcess } from "@test/worker-process";
import { claimDueChannels, writeBack, type ClaimedWrite } from "./channel-schedule";
import { planAnswered } from "./check-plan";
import { enrichDetectedVideos } from "./enrich-videos";
import { createSyncClients } from "./sync-clients";
import { startSyncEngine } from "./sync-engine";

const control = testEmulatorControl();
const silent = pino({ level: "silent" });

const CHANNELS = 10_000;
const FOLLOWERS_PER_CHANNEL = 3;
const USERS = 3_000;
const PUBLISHING_SHARE = 0.02;
const ENGINES = 3;

type Counters = { requests: { byEndpoint: Record<string, number>; total: number }; unitsCharged: number };
const counters = () => control<Counters>("GET", "/counters");
const requestsFor = (snapshot: Counters, endpoint: string) => snapshot.requests.byEndpoint[endpoint] ?? 0;

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(run));
}

/** Channels in the emulator and in our tables, followed by `FOLLOWERS_PER_CHANNEL` users each (set-based SQL), due now. */
async function followedWorld(count: number) {
  const tag = randomUUID().replaceAll("-", "").slice(0, 6);
  const ids = Array.from({ length: count }, (_, index) => `UC${tag}${String(index).padStart(21 - tag.length, "0")}Q`);
  await inBatches(ids, 32, (id) => control("POST", "/channels", { id, title: `Scale ${id}` }));
  const users = Math.min(USERS, count);
  await db.$executeRaw`
    INSERT INTO "User" ("id", "name", "email", "updatedAt")
    SELECT ${tag} || '-user-' || n, 'Scale user', ${tag} || '-user-' || n || '@scale.test', now() FROM generate_series(1, ${users}::int) AS n`;
  await db.$executeRaw`
    INSERT INTO "Channel" ("youtubeChannelId", "uploadsPlaylistId", "title", "updatedAt")
    SELECT id, 'UU' || substr(id, 3), 'Scale ' || id, now() FROM unnest(${ids}::text[]) AS id`;
  // Follower f of channel i is user (i * 3 + f) mod users: every user follows about count * 3 / users channels.
  await db.$executeRaw`
    INSERT INTO "ContentSource" ("userId", "channelId", "createdAt", "updatedAt")
    SELECT ${tag} || '-user-' || (((c.ord - 1) * ${FOLLOWERS_PER_CHANNEL}::int + f) % ${users}::int + 1), c."id", now() - interval '1 day', now()
      FROM (SELECT "id", row_number() OVER (ORDER BY "youtubeChannelId") AS ord FROM "Channel" WHERE "youtubeChannelId" = ANY(${ids}::text[])) AS c
     CROSS JOIN generate_series(0, ${FOLLOWERS_PER_CHANNEL - 1}::int) AS f`;
  await makeDue(ids);
  return ids;
}

const checkedSince = (ids: readonly string[], since: Date) =>
  db.channelSchedule.count({
    where: { channel: { youtubeChannelId: { in: [...ids] } }, lastCheckedAt: { gte: since } },
  });

/** Makes the channels due and runs `engines` engines at once until nothing is due; then enrichment. */
async function runCycle(ids: readonly string[], engines = ENGINES) {
  const startedAt = new Date();
  await makeDue(ids);
  const results: ClaimedWrite[] = [];
  const boss = await testBoss();
  const clients = createSyncClients(silent);
  const running = Array.from({ length: engines }, () =>
    startSyncEngine({
      boss,
      logger: silent,
      clients,
      concurrency: 48,
      claimBatch: 200,
      leaseMs: 120_000,
      enrichMaxWaitMs: 0,
      idleMs: 20,
      onResult: (write) => results.push(write),
    }),
  );
  await Promise.all(running.map((engine) => engine.whenIdle()));
  await Promise.all(running.map((engine) => engine.stop()));
  const enriched = await enrichDetectedVideos({ boss, logger: silent, maxWaitMs: 0 });
  return {
    results,
    enriched,
    checked: await checkedSince(ids, startedAt),
    stats: running.map((engine) => engine.stats()),
  };
}

let world: string[] = [];

beforeAll(async () => {
  await parkAllChannels();
  world = await followedWorld(CHANNELS);
}, 300_000);

afterAll(parkAllChannels);

describe("sync at scale", () => {
  it("10,000 channels, 30,000 sources, 2 % publishing, three engines: each channel checked once, each new video once per follower, ceil(new / 50) units", async () => {
    expect(await db.contentSource.count({ where: { channel: { youtubeChannelId: { in: world } } } })).toBe(
      CHANNELS * FOLLOWERS_PER_CHANNEL,
    );
    const baseline = await runCycle(world);
    expect(baseline.checked).toBe(CHANNELS);

    const publishing = world.filter((_, index) => index % Math.round(1 / PUBLISHING_SHARE) === 0);
    const published = new Map<string, string>();
    await inBatches(publishing, 32, async (id) => {
      const video = await control<{ id: string }>("POST", `/channels/${id}/videos`, {
        kind: "video",
        privacy: "public",
      });
      published.set(id, video.id);
    });
    const before = await counters();
    const cycle = await runCycle(world);
    const after = await counters();
    expect(cycle.checked).toBe(CHANNELS);
    // Three engines claimed at once, yet each channel was checked exactly once: one result and one feed
    // request per channel, and every engine did its share.
    const perChannel = new Map<string, number>();
    for (const write of cycle.results) perChannel.set(write.channelId, (perChannel.get(write.channelId) ?? 0) + 1);
    expect(perChannel.size).toBe(CHANNELS);
    expect([...perChannel.values()].every((count) => count === 1)).toBe(true);
    expect(requestsFor(after, "feed") - requestsFor(before, "feed")).toBe(CHANNELS);
    expect(cycle.stats.every((stats) => stats.checked > 0 && stats.stale === 0)).toBe(true);

    const expectedProjects = publishing.length * FOLLOWERS_PER_CHANNEL;
    const created = await db.$queryRaw<{ pairs: bigint; distinctPairs: bigint; videos: bigint }[]>`
      SELECT count(*) AS pairs, count(DISTINCT ("userId", "youtubeVideoId")) AS "distinctPairs", count(DISTINCT "youtubeVideoId") AS videos
        FROM "Project" WHERE "youtubeVideoId" = ANY(${[...published.values()]}::text[])`;
    expect(created[0]).toEqual({
      pairs: BigInt(expectedProjects),
      distinctPairs: BigInt(expectedProjects),
      videos: BigInt(publishing.length),
    });
    // Each follower got their channel's video, through their own source.
    const wrongOwner = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM "Project" p JOIN "ContentSource" s ON s."id" = p."contentSourceId"
        JOIN "Channel" c ON c."id" = s."channelId"
       WHERE p."youtubeVideoId" = ANY(${[...published.values()]}::text[]) AND (p."userId" <> s."userId" OR c."youtubeChannelId" <> p."youtubeChannelId")`;
    expect(Number(wrongOwner[0]?.count)).toBe(0);
    // Enrichment across channels: 200 new ids, 50 per videos.list call, one unit each; the feeds cost nothing.
    expect(cycle.enriched).toMatchObject({
      lookedUp: publishing.length,
      batches: Math.ceil(publishing.length / 50),
      unitsSpent: Math.ceil(publishing.length / 50),
    });
    expect(after.unitsCharged - before.unitsCharged).toBe(Math.ceil(publishing.length / 50));
    expect(requestsFor(after, "videos.list") - requestsFor(before, "videos.list")).toBe(
      Math.ceil(publishing.length / 50),
    );

    // The unchanged channels on their own: one feed request each (answered 304) and nothing else.
    const publishingIds = new Set(publishing);
    const unchanged = world.filter((id) => !publishingIds.has(id));
    const beforeUnchanged = await counters();
    const quiet = await runCycle(unchanged);
    const afterUnchanged = await counters();
    expect(quiet.checked).toBe(unchanged.length);
    expect(quiet.results.every((write) => write.outcome === "unchanged" && write.channel === null)).toBe(true);
    expect(afterUnchanged.requests.total - beforeUnchanged.requests.total).toBe(unchanged.length);
    expect(afterUnchanged.unitsCharged - beforeUnchanged.unitsCharged).toBe(0);

    // A second pass changes nothing: the same videos are not imported again.
    await runCycle(publishing);
    expect(await db.project.count({ where: { youtubeVideoId: { in: [...published.values()] } } })).toBe(
      expectedProjects,
    );
  }, 600_000);

  it("rejects a stale finisher: a check whose claim lapsed and was taken by another worker writes nothing", async () => {
    const [channelId] = world;
    await parkAllChannels();
    await makeDue([channelId!]);
    const [first] = await claimDueChannels({ limit: 1, leaseMs: 60_000, token: randomUUID() });
    expect(first?.youtubeChannelId).toBe(channelId);
    // The first worker stalls past its lease; another claims the channel with a new token.
    await makeDue([channelId!]);
    const secondToken = randomUUID();
    const [second] = await claimDueChannels({ limit: 1, leaseMs: 60_000, token: secondToken });
    expect(second?.channelId).toBe(first!.channelId);

    const at = new Date();
    const window = {
      method: "feed" as const,
      notModified: false as const,
      entries: [{ videoId: "stale000001", publishedAt: at }],
    };
    const staleWrite = { ...planAnswered({ channel: first!, window, at }), token: randomUUID(), startedAt: at };
    const claimOf = (token: string) => ({ ...staleWrite, token });
    expect((await db.channelSchedule.findUniqueOrThrow({ where: { channelId: first!.channelId } })).claimToken).toBe(
      secondToken,
    );
    const stale = await writeBack([claimOf(randomUUID())]);
    expect(stale).toMatchObject({ written: 0, stale: 1, detected: 0 });
    const untouched = await db.channelSchedule.findUniqueOrThrow({
      where: { channelId: first!.channelId },
      include: { channel: true },
    });
    expect(untouched.claimToken).toBe(secondToken);
    expect(untouched.channel.recentVideoIds).not.toContain("stale000001");
    expect(await db.syncVideo.count({ where: { videoId: "stale000001" } })).toBe(0);
    // The current holder's write lands.
    expect(await writeBack([claimOf(secondToken)])).toMatchObject({ written: 1, stale: 0 });
    expect(
      (await db.channelSchedule.findUniqueOrThrow({ where: { channelId: first!.channelId } })).claimToken,
    ).toBeNull();
    expect(await db.syncVideo.count({ where: { videoId: "stale000001", doneAt: null } })).toBe(1);
    await db.syncVideo.deleteMany({ where: { channelId: first!.channelId, doneAt: null } });
  });

  it("spreads 10,000 channels failing together over the backoff window: no 10-second slice holds more than 5 %", async () => {
    await control("POST", "/faults", { kind: "5xx", endpoint: "feed", status: 503 });
    await control("POST", "/faults", { kind: "5xx", endpoint: "playlistItems", status: 503 });
    let cycle;
    try {
      cycle = await runCycle(world);
    } finally {
      await control("DELETE", "/faults");
    }
    expect(cycle.results).toHaveLength(CHANNELS);
    expect(cycle.results.every((write) => write.outcome === "failed" && write.failures === 1)).toBe(true);
    const slices = await db.$queryRaw<{ slice: number; channels: number }[]>`
      SELECT floor(extract(epoch FROM s."nextCheckAt") / 10)::int AS slice, count(*)::int AS channels
        FROM "ChannelSchedule" s JOIN "Channel" c ON c."id" = s."channelId"
       WHERE c."youtubeChannelId" = ANY(${world}::text[])
       GROUP BY 1 ORDER BY 2 DESC`;
    expect(slices.reduce((sum, row) => sum + row.channels, 0)).toBe(CHANNELS);
    expect(slices[0]!.channels).toBeLessThanOrEqual(CHANNELS * 0.05);
    // Spread over minutes, not seconds: at least 20 slices hold the fleet.
    expect(slices.length).toBeGreaterThanOrEqual(20);
  }, 300_000);
});

const started: WorkerProcess[] = [];
afterAll(() => {
  for (const worker of started) worker.child.kill("SIGKILL");
});

function startWorker(): WorkerProcess {
  // Short claim lease and enrichment wait, so the dead worker's claims come back within the test.
  const worker = startWorkerProcess({
    DATABASE_URL: testDatabaseUrl(),
    SYNC_CHECK_CONCURRENCY: "16",
    SYNC_CLAIM_BATCH: "40",
    SYNC_CLAIM_LEASE_SECONDS: "5",
    SYNC_ENRICH_MAX_WAIT_SECONDS: "1",
  });
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
  it("loses no check and imports nothing twice: another worker takes over the dead one's claims after their lease", async () => {
    await parkAllChannels();
    const ids = world.slice(0, 300);
    const publishing = ids.filter((_, index) => index % 10 === 0);
    const published: string[] = [];
    await inBatches(publishing, 16, async (id) =>
      published.push((await control<{ id: string }>("POST", `/channels/${id}/videos`, {})).id),
    );
    // Slow feeds keep the first worker's checks in flight when it dies.
    await control("POST", "/faults", { kind: "latency", endpoint: "feed", latencyMs: 400 });
    try {
      const startedAt = new Date();
      await makeDue(ids);
      const first = startWorker();
      await until(async () => (await checkedSince(ids, startedAt)) >= 20, "the first worker to get going", 60_000);
      first.child.kill("SIGKILL");
      await first.exited;
      // The worker process itself died (no launcher in between that could leave it running).
      expect(() => process.kill(first.child.pid!, 0)).toThrow();
      expect(await checkedSince(ids, startedAt)).toBeLessThan(ids.length);
      // It died holding claims: those channels are not due until their lease lapses.
      expect(
        await db.channelSchedule.count({
          where: { channel: { youtubeChannelId: { in: ids } }, claimToken: { not: null } },
        }),
      ).toBeGreaterThan(0);

      startWorker();
      await until(
        async () => (await checkedSince(ids, startedAt)) === ids.length,
        "every check to finish on the second worker",
        120_000,
      );
      await until(
        async () =>
          (await db.project.count({ where: { youtubeVideoId: { in: published } } })) >=
          publishing.length * FOLLOWERS_PER_CHANNEL,
        "enrichment on the second worker",
        60_000,
      );
    } finally {
      await control("DELETE", "/faults");
    }
    const projects = await db.project.groupBy({
      by: ["userId", "youtubeVideoId"],
      where: { youtubeVideoId: { in: published } },
      _count: true,
    });
    expect(projects).toHaveLength(publishing.length * FOLLOWERS_PER_CHANNEL);
    expect(projects.every((row) => row._count === 1)).toBe(true);
  }, 240_000);
});
