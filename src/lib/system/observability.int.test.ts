/**
 * Observability against the real worker process: a small import (as a connected user whose access token
 * has expired, so the worker refreshes it) and a sync check by the worker's engine with its enrichment, driven
 * against the emulator, must move the worker's own /metrics by exactly what the emulator counted — requests,
 * units, checks, job durations — and leave
 * the queues at depth 0. The worker logs at debug level throughout; its lines must carry the job's
 * correlation ids, and its whole output is scanned for every secret it handled: API key, client secret,
 * AI key, and the old and new OAuth tokens.
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "~/lib/crypto/secret-box";
import { completeYouTubeConnect } from "~/lib/youtube-connection/complete-connect";
import { startYouTubeConnect } from "~/lib/youtube-connection/start-connect";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { DEMO_ACCOUNT_EMAIL } from "../../../emulator/demo-world";
import { testEmulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import { parkAllChannels } from "@test/sync-harness";
import { testDatabaseUrl } from "@test/test-db-url";
import { startWorkerProcess, type WorkerProcess } from "@test/worker-process";
import { testBoss } from "@test/job-harness";
import { lazyJobSender } from "~/lib/jobs/enqueue";

/** Jobs the connect flow queues (a revocation, resumed imports) go to the test database. */
const jobs = lazyJobSender(testBoss);

const control = testEmulatorControl();
const silent = pino({ level: "silent" });
const REDIRECT_URI = "http://127.0.0.1:3999/api/youtube/callback";
/** Shaped like a real browser key, so a leak would look like one. The emulator accepts any key. */
const API_KEY = "AIzaSyC4E1bX-Showreel-Test-Key-9fQ2wLx7";
const IMPORTED_VIDEOS = 60;

type Counters = {
  requests: { byEndpoint: Record<string, number> };
  oauth: { refreshToken: number };
  unitsCharged: number;
};
type Sample = { name: string; labels: Record<string, string>; value: number };

/** Prometheus text exposition → samples (comments and blank lines skipped). */
function parseExposition(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`unparseable metrics line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1]!, pair[2]!]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The sum of every series of `name` whose labels include `labels`. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter(
      (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((total, sample) => total + sample.value, 0);
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const QUEUES = ["youtube.import-videos", "ai.analyze-project", "sync.enrich"];

let worker: WorkerProcess;
/** The worker's background quota lease block (QUOTA_LEASE_UNITS). */
const WORKER_LEASE_UNITS = 5;
let metricsUrl: string;
const scrape = async () => parseExposition(await (await fetch(metricsUrl)).text());
const counters = () => control<Counters>("GET", "/counters");

beforeAll(async () => {
  // Nothing another file left behind may run in this worker: its counts must be ours alone. Other files
  // leave channels followed (the worker's engine would check them), emulator faults, the LLM's mode and a
  // quota mark behind (their jobs are gone: test/int-file-setup.ts empties pg-boss before every
  // file). Ids they detected but never enriched would share this file's videos.list call: mark them handled.
  await parkAllChannels();
  await db.syncVideo.updateMany({ where: { doneAt: null }, data: { doneAt: new Date() } });
  await control("DELETE", "/faults");
  await control("POST", "/llm", { mode: "normal" });
  await db.quotaDay.updateMany({ where: { scope: "project" }, data: { exhaustedUntil: null } });
  worker = startWorkerProcess({
    DATABASE_URL: testDatabaseUrl(),
    LOG_LEVEL: "debug",
    YOUTUBE_API_KEY: API_KEY,
    QUOTA_LEASE_UNITS: String(WORKER_LEASE_UNITS),
    AI_RATE_PER_MINUTE: "100000",
    // A detected upload is enriched within a few seconds instead of the production batching wait.
    SYNC_ENRICH_MAX_WAIT_SECONDS: "1",
  });
  await waitFor(async () => (worker.output().includes("worker ready") ? true : undefined), "worker ready");
  metricsUrl = `http://127.0.0.1:${/"metricsPort":(\d+)/.exec(worker.output())![1]}/metrics`;
});

afterAll(async () => {
  worker?.child.kill("SIGTERM");
  await worker?.exited;
  await control("POST", "/oauth/settings", { autoConsent: null, autoAccount: null });
});

/** Connects the user to the emulator's demo account through the real OAuth flow, then lets the access token lapse. */
async function connectWithExpiredToken(userId: string) {
  await control("POST", "/oauth/settings", { autoConsent: "allow", autoAccount: DEMO_ACCOUNT_EMAIL });
  const { authorizeUrl, flowCookie } = startYouTubeConnect({ userId, redirectUri: REDIRECT_URI });
  const callback = new URL((await fetch(authorizeUrl, { redirect: "manual" })).headers.get("location")!);
  const connected = await completeYouTubeConnect({
    userId,
    flowCookie,
    query: Object.fromEntries(callback.searchParams),
    redirectUri: REDIRECT_URI,
    logger: silent,
    jobs,
  });
  expect(connected).toMatchObject({ ok: true });
  await control("POST", "/oauth/expire-access-tokens", { email: DEMO_ACCOUNT_EMAIL });
  const connection = await db.youTubeConnection.update({
    where: { userId },
    data: { accessTokenExpiresAt: new Date(Date.now() - 1000) },
  });
  return {
    accessToken: decryptSecret(connection.accessTokenEnc!),
    refreshToken: decryptSecret(connection.refreshTokenEnc!),
  };
}

async function emulatorChannel(videos: number): Promise<{ channelId: string; videoIds: string[] }> {
  const channel = await control<{ id: string }>("POST", "/channels", {
    title: `Metrics ${randomUUID().slice(0, 6)}`,
    handle: `@met${randomUUID().slice(0, 8)}`,
  });
  const videoIds: string[] = [];
  for (let index = 0; index < videos; index += 1) {
    const publishedAt = new Date(Date.now() - (index + 2) * 86_400_000).toISOString();
    videoIds.push(
      (
        await control<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
          kind: "video",
          privacy: "public",
          title: `Blender session ${index}`,
          publishedAt,
        })
      ).id,
    );
  }
  return { channelId: channel.id, videoIds };
}

/** Waits until pg-boss's own counts (refreshed by its monitor) show nothing ready, deferred or active in QUEUES. */
const queuesDrained = () =>
  waitFor(async () => {
    const samples = await scrape();
    return QUEUES.every((queue) => valueOf(samples, "job_queue_depth", { queue }) === 0) ? samples : undefined;
  }, "queue depth 0");

describe("worker metrics and logs", () => {
  it("move by exactly what an import and a sync did, and the logs carry no secret", async () => {
    const user = await createTestUser();
    const caller = createCaller(user.context);
    const tokens = await connectWithExpiredToken(user.id);
    const { channelId, videoIds } = await emulatorChannel(IMPORTED_VIDEOS);
    await queuesDrained();

    // ── Import: 60 videos = 2 batches, each one videos.list call (1 unit) with the user's refreshed token.
    const beforeImport = { metrics: await scrape(), emulator: await counters() };
    const { runId } = await caller.imports.importVideos({ videos: videoIds.slice(0, 50) });
    const second = await caller.imports.importVideos({ videos: videoIds.slice(50) });
    await waitFor(async () => {
      const runs = await db.importRun.findMany({
        where: { id: { in: [runId, second.runId] } },
        select: { status: true },
      });
      return runs.every((run) => run.status === "done") ? true : undefined;
    }, "both import runs done");
    // Every project's AI pass has run (bulk imports queue it after the matcher).
    await waitFor(
      async () =>
        (await db.project.count({ where: { userId: user.id, analysisStatus: "pending" } })) === 0 ? true : undefined,
      "analyses done",
    );
    const afterImport = { metrics: await queuesDrained(), emulator: await counters() };

    const delta = (name: string, labels: Record<string, string> = {}) =>
      valueOf(afterImport.metrics, name, labels) - valueOf(beforeImport.metrics, name, labels);
    const emulatorVideosList =
      (afterImport.emulator.requests.byEndpoint["videos.list"] ?? 0) -
      (beforeImport.emulator.requests.byEndpoint["videos.list"] ?? 0);
    const emulatorUnits = afterImport.emulator.unitsCharged - beforeImport.emulator.unitsCharged;
    expect(await db.project.count({ where: { userId: user.id } })).toBe(IMPORTED_VIDEOS);
    expect(emulatorVideosList).toBe(2);
    expect(emulatorUnits).toBe(2);
    expect(afterImport.emulator.oauth.refreshToken - beforeImport.emulator.oauth.refreshToken).toBe(1);
    expect(delta("youtube_api_requests_total", { method: "videos.list" })).toBe(emulatorVideosList);
    expect(delta("youtube_api_requests_total", { method: "videos.list", outcome: "ok" })).toBe(2);
    expect(delta("youtube_quota_units_reserved_total", { purpose: "interactive" })).toBe(emulatorUnits);
    expect(delta("youtube_quota_units_used", { scope: "project" })).toBe(emulatorUnits);
    expect(delta("youtube_auth_errors_total")).toBe(0);
    expect(delta("job_duration_seconds_count", { queue: "youtube.import-videos", outcome: "completed" })).toBe(2);
    expect(delta("job_duration_seconds_count", { queue: "ai.analyze-project", outcome: "completed" })).toBe(
      IMPORTED_VIDEOS,
    );
    expect(delta("job_duration_seconds_sum", { queue: "youtube.import-videos" })).toBeGreaterThan(0);
    expect(delta("ai_analysis_total", { method: "ai" })).toBe(IMPORTED_VIDEOS);
    expect(delta("job_failures_total")).toBe(0);

    // ── Sync: follow, a first check (baseline), one new upload, a second check (feed, 0 units) that detects
    // it, and sync.enrich (1 videos.list), which records the run.
    const { source } = await caller.sources.add({ channel: channelId, backfill: 0 });
    const syncRuns = () => db.syncRun.count({ where: { channel: { youtubeChannelId: channelId } } });
    await caller.sources.syncNow({ sourceId: source.id });
    await waitFor(async () => ((await syncRuns()) === 1 ? true : undefined), "the baseline check");
    const published = await control<{ id: string }>("POST", `/channels/${channelId}/videos`, {
      kind: "video",
      privacy: "public",
      title: "Fresh upload",
    });
    const beforeSync = { metrics: await queuesDrained(), emulator: await counters(), at: new Date() };
    await caller.sources.syncNow({ sourceId: source.id });
    await waitFor(async () => ((await syncRuns()) === 2 ? true : undefined), "the second check and its enrichment");
    const afterSync = { metrics: await queuesDrained(), emulator: await counters() };
    // The engine kicks sync.enrich when the backlog is due; a kick while a run is active may queue one more
    // that finds nothing, so the metric is held to the runs pg-boss itself completed.
    const [enrichRuns] = await db.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM pgboss.job WHERE name = 'sync.enrich' AND state = 'completed' AND created_on >= ${beforeSync.at}`;

    const syncDelta = (name: string, labels: Record<string, string> = {}) =>
      valueOf(afterSync.metrics, name, labels) - valueOf(beforeSync.metrics, name, labels);
    expect(await db.project.count({ where: { userId: user.id, youtubeVideoId: published.id } })).toBe(1);
    expect(afterSync.emulator.unitsCharged - beforeSync.emulator.unitsCharged).toBe(1);
    expect(syncDelta("sync_checks_total", { method: "feed", outcome: "new_videos" })).toBe(1);
    expect(syncDelta("sync_checks_total")).toBe(1);
    expect(syncDelta("sync_enriched_videos_total")).toBe(1);
    expect(syncDelta("youtube_api_requests_total", { method: "feed", outcome: "ok" })).toBe(1);
    expect(syncDelta("youtube_api_requests_total", { method: "videos.list", outcome: "ok" })).toBe(1);
    expect(syncDelta("youtube_quota_units_reserved_total", { purpose: "background" })).toBe(1);
    // Background work leases its units: the ledger moved by the worker's first block, 1 of which was spent.
    expect(syncDelta("youtube_quota_units_used", { scope: "project" })).toBe(WORKER_LEASE_UNITS);
    expect(enrichRuns!.count).toBeGreaterThanOrEqual(1);
    expect(syncDelta("job_duration_seconds_count", { queue: "sync.enrich", outcome: "completed" })).toBe(
      enrichRuns!.count,
    );
    expect(syncDelta("job_failures_total")).toBe(0);
    expect(valueOf(afterSync.metrics, "sync_lag_seconds")).toBe(0);
    expect(valueOf(afterSync.metrics, "youtube_quota_units_limit", { scope: "project" })).toBeGreaterThan(0);
    expect(valueOf(afterSync.metrics, "youtube_circuit_state", { upstream: "youtube_data_api" })).toBe(0);

    // ── Logs: plenty of them, at debug, and not one secret.
    const connection = await db.youTubeConnection.findUniqueOrThrow({
      where: { userId: user.id },
      select: { accessTokenEnc: true },
    });
    const refreshedAccessToken = decryptSecret(connection.accessTokenEnc!);
    expect(refreshedAccessToken).not.toBe(tokens.accessToken);
    const output = worker.output();
    expect(output).toContain('"msg":"google.token_refreshed"');
    // Each job's lines carry its job id and the ids of what it worked on, including whose it was.
    const rawLines = output.split("\n").filter((line) => line.startsWith("{"));
    // A key the job's logger binds is not repeated by the code it runs (JSON.parse would hide the second copy).
    for (const key of ["jobId", "runId", "userId", "channelId", "projectId"]) {
      expect(rawLines.filter((line) => line.split(`"${key}":`).length > 2)).toEqual([]);
    }
    const lines = rawLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const batchDone = lines.filter((line) => line.msg === "imports.batch_done");
    expect(batchDone).toHaveLength(2);
    for (const line of batchDone)
      expect(line).toMatchObject({
        jobId: expect.any(String),
        queue: "youtube.import-videos",
        runId: expect.any(String),
        userId: user.id,
      });
    // Checks are not jobs and log nothing when they succeed; the enrichment run that imported the upload is one.
    expect(lines.find((line) => line.msg === "sync.enriched" && line.projectsCreated === 1)).toMatchObject({
      jobId: expect.any(String),
      queue: "sync.enrich",
      lookedUp: 1,
      unitsSpent: 1,
    });
    const secrets = {
      apiKey: API_KEY,
      clientSecret: process.env.GOOGLE_CLIENT_SECRET!,
      aiKey: process.env.AI_API_KEY!,
      expiredAccessToken: tokens.accessToken,
      refreshedAccessToken,
      refreshToken: tokens.refreshToken,
    };
    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret.length, what).toBeGreaterThan(8);
      expect(output.includes(secret), `${what} appears in the worker's logs`).toBe(false);
    }
  }, 180_000);
});
