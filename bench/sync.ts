/**
 * Sync benchmark for the v2 engine (issue 21): how many channel checks per second the worker processes'
 * in-process sync engines do when most followed channels have nothing new, what each check costs in CPU
 * per process, in memory and in quota, and how fast a new upload becomes a project for every follower.
 *
 * Real processes, real Postgres, the emulator over HTTP — the production code paths, no mocks:
 * 1. a fresh migrated database; the emulator (its own process) with a generated world; N of its live
 *    channels seeded set-based (bench/lib/sync-seed.ts) as already checked — each Channel with the exact
 *    ETag / Last-Modified the emulator serves and its feed window as recentVideoIds, read in bulk from
 *    the emulator without fetching a feed — with their ChannelSchedule rows parked, FOLLOWERS_PER_CHANNEL
 *    users following each, the follows dated a day back;
 * 2. the worker process(es): `worker/main.ts` bundled as for deployment, run with plain node; each runs
 *    the sync engine (no scheduler process, no job per check);
 * 3. each measured repeat: every schedule parked a day out and the engines idle; one new video published
 *    on each of the same CHANGED_SHARE of the channels (the publishers; 95 % stay unchanged); latency
 *    LATENCY_MS on every Google endpoint, emulator counters reset; every channel made due in one
 *    statement; the clock runs until every schedule row has a check newer than that. Checks/s = N /
 *    (last check − start). Then the enrichment tail is awaited (sync.enrich batches ids across channels).
 *
 * A repeat fails loudly when a check failed, when enrichment stalls, or when the projects created differ
 * from "followers × videos published" — a benchmark that imports wrong counts measures nothing.
 */
import { availableParallelism } from "node:os";
import type pg from "pg";
import { createRng } from "../emulator/random";
import {
  benchAppEnv,
  buildWorkerBundle,
  startWorkers,
  stopAll,
  WARN_OR_WORSE,
  workerHeapMb,
  type AppSettings,
  type BenchWorker,
} from "./lib/app-processes";
import { capacityBlock, type CapacityInput } from "./lib/capacity-doc";
import { cpuBetween, snapshotCpu, type CpuSnapshot } from "./lib/cpu";
import { HARNESS_APPLICATION_NAME } from "./lib/database";
import { startEmulator, type BenchEmulator, type EmulatorCounters } from "./lib/emulator";
import { machineLine, type MachineInfo } from "./lib/machine";
import { peakRssBytesOf, rssBytesOf, sleep, throwIfAborted } from "./lib/processes";
import { createRunScope, openBenchDatabase } from "./lib/run-scope";
import { formatNumber, sum, summarize } from "./lib/stats";
import { SAMPLE_INTERVAL_MS, startSyncSampler, type SyncSampler } from "./lib/sync-samplers";
import { seedSyncWorld, type SyncSeedResult } from "./lib/sync-seed";
import {
  MODEL_CHANNELS,
  MODEL_CHECKS_PER_CHANNEL_PER_DAY,
  MODEL_UPLOADS_PER_CHANNEL_PER_DAY,
  SYNC_DAILY_UNITS,
  unitsPerDayModel,
  type UnitsPerDayModel,
} from "./lib/sync-units";
import { formatFigure, renderTable } from "./lib/table";
import type { Benchmark, BenchOptions, BenchResult, BenchRow } from "./lib/types";
import { startVacuumStandIn } from "./lib/vacuum";
import { BASELINE_CYCLE_CAP, BASELINE_CYCLE_SECONDS } from "./baseline/sync";
import {
  baselineConcurrency,
  GOOGLE_DEFAULT_DAILY_UNITS,
  measureBaselineBudget,
  measureBaselineRound,
  prepareBaselineSync,
  type BaselineBudgetRun,
  type BaselineRound,
} from "./baseline/sync-round";

/** Issue 21's targets (at 1M channels; the quick size is held to the same figures). */
export const TARGET_CHECKS_PER_SECOND_ONE_WORKER = 1_700;
export const FLOOR_CHECKS_PER_SECOND_ONE_WORKER = 1_000;
export const TARGET_POSTGRES_CPU_MS_PER_CHECK = 0.1;
export const TARGET_WORKER_CPU_MS_PER_CHECK = 0.4;
export const TARGET_WORKER_RSS_MB = 300;
export const TARGET_MAX_JOB_ROWS = 50_000;
export const TARGET_UNITS_PER_UNCHANGED_CHECK = 0;
export const TARGET_VIDEOS_PER_UNIT = 40;
export const TARGET_DETECT_TO_PROJECT_P95_SECONDS = 60;
/** "A few minutes at most" for seeding 1M channels and 2M follows. */
export const TARGET_SEED_SECONDS = 300;

/**
 * Per mode: channels, repeats with one worker, repeats with more (the scaling rows), the worker-process
 * counts (2 cores: 1 and 2) and how many sources one baseline round may take. A full cycle is ~10 minutes
 * at 1,700 checks/s, so the full run measures 2 one-worker cycles and 1 two-worker cycle; the baseline's
 * rounds take 1,000 sources (its rate per source is what is compared; its design's cap of 5,000 per
 * 15-minute run is used for its projections).
 */
export const SIZES = {
  quick: { channels: 10_000, repeats: 3, scalingRepeats: 3, workerCounts: [1, 2], baselineCycleCap: 50 },
  full: { channels: 1_000_000, repeats: 2, scalingRepeats: 1, workerCounts: [1, 2], baselineCycleCap: 1_000 },
} as const;
export const FOLLOWERS_PER_CHANNEL = 2;
/** Follows per user: N × FOLLOWERS_PER_CHANNEL / this many users. */
export const CHANNELS_PER_USER = 20;
export const CHANGED_SHARE = 0.05;
export const LATENCY_MS = 20;
const EMULATOR_SEED = "bench-sync";
/** The emulator's daily budget for the throughput rounds: far above what they spend, so nothing is refused. */
const EMULATOR_DAILY_UNITS = 1_000_000_000;
/** Ids per bulk publish call (the control API's limit). */
const PUBLISH_BATCH = 10_000;
/** A run with no new check for this long is stuck, not slow. */
const STALL_TIMEOUT_MS = 90_000;
/**
 * Enrichment with no new project for this long is stuck: sync.enrich waits at most ~30 s for a batch to
 * fill (issue 21), so twice that and a margin.
 */
const ENRICH_STALL_TIMEOUT_MS = 120_000;

/**
 * Worker settings for the run, each overridable by the same variable in the bench's environment; unset
 * ones keep the app's defaults (src/env.ts). YOUTUBE_DAILY_QUOTA: the bench spends more than Google's
 * default 10,000 units on purpose; the quota ledger is still written for every call.
 */
export const DEFAULT_SETTINGS: AppSettings = {
  YOUTUBE_DAILY_QUOTA: "100000000",
};
export const TUNABLE_SETTINGS = [
  "SYNC_CHECK_CONCURRENCY",
  "SYNC_CLAIM_BATCH",
  "SYNC_CLAIM_LEASE_SECONDS",
  "SYNC_ENRICH_MAX_WAIT_SECONDS",
  "YOUTUBE_HTTP_CONNECTIONS",
  "DATABASE_POOL_MAX",
  "YOUTUBE_DAILY_QUOTA",
] as const;
/** App defaults (src/env.ts), shown next to the values used. */
const APP_DEFAULTS: Record<(typeof TUNABLE_SETTINGS)[number], string> = {
  SYNC_CHECK_CONCURRENCY: "256",
  SYNC_CLAIM_BATCH: "200",
  SYNC_CLAIM_LEASE_SECONDS: "120",
  SYNC_ENRICH_MAX_WAIT_SECONDS: "30",
  YOUTUBE_HTTP_CONNECTIONS: "256",
  DATABASE_POOL_MAX: "10",
  YOUTUBE_DAILY_QUOTA: "10000",
};

/**
 * Connections all worker processes together may hold: the shared Postgres here allows 100, and other
 * work (other benchmarks' and engineers' databases) needs some.
 */
export const WORKER_DB_CONNECTIONS_CAP = 60;

/** The worker settings for `count` processes: DATABASE_POOL_MAX capped so their pools fit the server. */
export function settingsForWorkers(settings: AppSettings, count: number): AppSettings {
  const configured = Number(settings.DATABASE_POOL_MAX ?? APP_DEFAULTS.DATABASE_POOL_MAX);
  const pool = Math.max(2, Math.min(configured, Math.floor(WORKER_DB_CONNECTIONS_CAP / count)));
  return pool === configured ? settings : { ...settings, DATABASE_POOL_MAX: String(pool) };
}

export function resolveSettings(overrides: AppSettings = {}): AppSettings {
  const fromEnv = Object.fromEntries(
    TUNABLE_SETTINGS.filter((key) => process.env[key]).map((key) => [key, process.env[key]!]),
  );
  return { ...DEFAULT_SETTINGS, ...fromEnv, ...overrides };
}

type CpuMsPerCheck = { workers: number; postgres: number; emulator: number | null; total: number };

export type SyncRepeat = {
  workers: number;
  /** DATABASE_POOL_MAX each worker process ran with (settingsForWorkers). */
  poolMaxPerWorker: number;
  repeat: number;
  checks: number;
  wallSeconds: number;
  checksPerSecond: number;
  /**
   * The rate over the first and the second half of the checks (from the harness's progress polls), so a
   * decline within one cycle shows; null when the cycle was too short for the polls to split it.
   */
  halfCycleChecksPerSecond: { first: number; second: number } | null;
  /** From the last check to the last project of the repeat's new videos. */
  enrichTailSeconds: number;
  unitsCharged: number;
  /** videos.list calls (1 unit each). */
  enrichmentUnits: number;
  /** Units charged on anything but videos.list. */
  otherUnits: number;
  unchangedChecks: number;
  /**
   * Units not spent on videos.list nor on a call naming one of the publishers (emulator's units by
   * channel): what the unchanged channels spent, at most.
   */
  unchangedUnits: number;
  unitsPerUnchangedCheck: number;
  videosPerUnit: number;
  requests: Record<string, number>;
  outcomes: Record<string, number>;
  publishedVideos: number;
  projectsCreated: number;
  projectsExpected: number;
  /** Seconds from SyncVideo.detectedAt to the video's first project. */
  detectToProject: { p50: number; p95: number; max: number };
  /** CPU seconds over the cycle (due → last check; enrichment running meanwhile included), by process. */
  cpuSeconds: { workers: number[]; postgres: number; emulator: number | null; harness: number };
  /** Cycle CPU per check: an upper bound for an unchanged check's (the changed checks and enrichment are in it). */
  cpuMsPerCheck: CpuMsPerCheck;
  /**
   * WAL bytes Postgres wrote over the cycle per check. The server's whole WAL: on a shared server other
   * databases' writes are in it too, so this is an upper bound.
   */
  walBytesPerCheck: number;
  /** CPU seconds of the enrichment tail (after the last check), all processes but the harness. */
  enrichTailCpuSeconds: number;
  /** checks/s this machine's cores could sustain at that CPU cost if nothing else ran on them. */
  cpuCeilingChecksPerSecond: number;
  /** The whole machine's busy share over the cycle (all tenants). */
  machineBusyShare: number;
  /** Largest resident set size sampled during the repeat, per worker. */
  workerMaxRssMb: number[];
  /** VmHWM: the peak over the process's life so far. */
  workerPeakRssMb: number[];
  /** RSS of each worker once it said "worker ready", before its first check. */
  workerStartRssMb: number[];
  workerHeapMb: ({ heapUsed: number; heapTotal: number; external: number } | null)[];
  /** Largest `SELECT count(*) FROM pgboss.job` sampled during the repeat. */
  maxJobRows: number;
  workerWarnLines: number;
  emulatorPeakRssMb: number | null;
};

export type SyncBenchmarkResult = {
  channels: number;
  users: number;
  sources: number;
  seed: SyncSeedResult["seconds"];
  repeats: SyncRepeat[];
  /** Worker counts whose run failed: the error, and the repeat it cut short. */
  failures: { workers: number; repeat: number; error: string }[];
  /** Largest job row count sampled over the whole run (Showreel's part). */
  maxJobRows: number;
  unitsModel: UnitsPerDayModel | null;
  settings: AppSettings;
  autovacuum: { mode: "server" | "stand-in"; vacuums: number; analyzes: number };
  emulatorMode: "process" | "in-process";
  baseline: {
    concurrency: number;
    cycleCap: number;
    sources: number;
    rounds: BaselineRound[];
    budget: BaselineBudgetRun;
  } | null;
  databaseServer: string;
  machine: MachineInfo;
  startedAt: string;
};

export type SyncBenchmarkOptions = {
  channels: number;
  repeats: number;
  /** Repeats for worker counts other than 1 (default: `repeats`). */
  scalingRepeats?: number;
  workerCounts: number[];
  emulatorInProcess?: boolean;
  /** Runs the reviewed design's sync too: `repeats` rounds of at most `cycleCap` sources, then one day of `dailyUnits` (Google's 10,000). */
  baseline?: { cycleCap: number; dailyUnits?: number } | undefined;
  settings?: AppSettings;
  log?: (line: string) => void;
};

/** `count` items drawn without repetition (a partial Fisher–Yates shuffle of a copy). */
function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const size = Math.min(count, pool.length);
  for (let index = 0; index < size; index += 1) {
    const other = index + Math.floor(random() * (pool.length - index));
    [pool[index], pool[other]] = [pool[other]!, pool[index]!];
  }
  return pool.slice(0, size);
}

/**
 * Outcomes of a check that did not succeed; any of them fails the repeat. Such a check keeps its old
 * lastCheckedAt (src/lib/sync/check-plan.ts) and records a SyncRun, which is where they are counted.
 */
const FAILED_OUTCOMES = ["failed", "quota_wait", "not_found", "config_wait"];

/**
 * Between repeats nothing may be checked: parks every schedule a day out, then waits until no check is
 * claimed and no detected video awaits enrichment, so the next repeat starts from idle engines.
 */
async function parkAllAndDrain(pool: pg.Pool): Promise<void> {
  await pool.query(
    `UPDATE "ChannelSchedule" SET "nextCheckAt" = now() + interval '1 day' WHERE "nextCheckAt" IS NULL OR "nextCheckAt" < now() + interval '12 hours'`,
  );
  const deadline = Date.now() + STALL_TIMEOUT_MS;
  for (;;) {
    throwIfAborted();
    const { rows } = await pool.query<{ claimed: number; pending: number }>(
      `SELECT (SELECT count(*) FROM "ChannelSchedule" WHERE "claimToken" IS NOT NULL)::int AS claimed,
              (SELECT count(*) FROM "SyncVideo" WHERE "doneAt" IS NULL)::int AS pending`,
    );
    const { claimed, pending } = rows[0]!;
    if (claimed === 0 && pending === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `engines not idle between repeats: ${claimed} schedules claimed, ${pending} videos awaiting enrichment`,
      );
    await sleep(250);
  }
}

async function currentWalLsn(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`);
  return rows[0]!.lsn;
}

async function walBytesSince(pool: pg.Pool, lsn: string): Promise<number> {
  const { rows } = await pool.query<{ bytes: number }>(
    `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::float8 AS bytes`,
    [lsn],
  );
  return rows[0]!.bytes;
}

/** Makes every schedule due in one statement; returns the database's instant just before, which every check of the repeat is newer than. */
async function makeAllDue(pool: pg.Pool): Promise<Date> {
  const { rows } = await pool.query<{ dueAt: Date }>(
    `WITH due AS (UPDATE "ChannelSchedule" SET "nextCheckAt" = now() RETURNING 1) SELECT now() AS "dueAt" FROM due LIMIT 1`,
  );
  return rows[0]!.dueAt;
}

/**
 * Waits until every schedule row has a check since `since`; throws on failed checks or a stall. Returns
 * the progress it saw (harness clock, checks so far), so the rate within the cycle can be read off.
 */
async function waitForChecks(
  pool: pg.Pool,
  options: { since: Date; total: number; label: string; log: (line: string) => void },
): Promise<{ atMs: number; checked: number }[]> {
  const progress: { atMs: number; checked: number }[] = [];
  const pollMs = options.total > 100_000 ? SAMPLE_INTERVAL_MS : 250;
  let lastProgress = Date.now();
  let lastChecked = -1;
  let lastLog = Date.now();
  for (;;) {
    throwIfAborted();
    const { rows } = await pool.query<{ checked: number; failed: number }>(
      `SELECT (SELECT count(*) FROM "ChannelSchedule" WHERE "lastCheckedAt" >= $1)::int AS checked,
              (SELECT count(*) FROM "SyncRun" WHERE "startedAt" >= $1 AND "outcome"::text = ANY($2::text[]))::int AS failed`,
      [options.since, FAILED_OUTCOMES],
    );
    const { checked, failed } = rows[0]!;
    progress.push({ atMs: Date.now(), checked });
    if (failed > 0) {
      const errors = await pool.query<{ outcome: string; error: string; count: number }>(
        `SELECT "outcome"::text AS outcome, coalesce("error", '') AS error, count(*)::int AS count FROM "SyncRun"
          WHERE "startedAt" >= $1 AND "outcome"::text = ANY($2::text[]) GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5`,
        [options.since, FAILED_OUTCOMES],
      );
      throw new Error(
        `${options.label}: ${failed} of ${options.total} checks failed: ${errors.rows.map((row) => `${row.count}× ${row.outcome} ${row.error}`).join("; ")}`,
      );
    }
    if (checked >= options.total) return progress;
    if (checked !== lastChecked) {
      lastChecked = checked;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > STALL_TIMEOUT_MS) {
      throw new Error(
        `${options.label}: stuck at ${checked} of ${options.total} checks for ${STALL_TIMEOUT_MS / 1000} s`,
      );
    }
    if (Date.now() - lastLog >= 10_000) {
      lastLog = Date.now();
      options.log(`  ${options.label}: ${formatNumber(checked)} / ${formatNumber(options.total)} checked`);
    }
    await sleep(pollMs);
  }
}

/** Checks/s over the first half of the checks and over the rest, from progress polls (the poll nearest half-way splits them). */
export function halfCycleRates(
  progress: readonly { atMs: number; checked: number }[],
  startedAtMs: number,
  total: number,
): { first: number; second: number } | null {
  const middle = progress.find((sample) => sample.checked >= total / 2 && sample.checked < total);
  const last = progress.at(-1);
  if (!middle || !last || middle.atMs <= startedAtMs || last.atMs <= middle.atMs) return null;
  return {
    first: middle.checked / ((middle.atMs - startedAtMs) / 1000),
    second: (last.checked - middle.checked) / ((last.atMs - middle.atMs) / 1000),
  };
}

/** Waits until the published videos have all their projects and no detected video awaits enrichment; throws on a stall. */
async function waitForEnrichment(
  pool: pg.Pool,
  options: { videoIds: readonly string[]; expected: number; label: string },
): Promise<number> {
  let lastProgress = Date.now();
  let lastCreated = -1;
  for (;;) {
    throwIfAborted();
    const { rows } = await pool.query<{ created: number; pending: number }>(
      `SELECT (SELECT count(*) FROM "Project" WHERE "youtubeVideoId" = ANY($1::text[]))::int AS created,
              (SELECT count(*) FROM "SyncVideo" WHERE "doneAt" IS NULL)::int AS pending`,
      [options.videoIds],
    );
    const { created, pending } = rows[0]!;
    if (created >= options.expected && pending === 0) return created;
    if (created !== lastCreated) {
      lastCreated = created;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > ENRICH_STALL_TIMEOUT_MS) {
      throw new Error(
        `${options.label}: enrichment stuck at ${created} of ${options.expected} projects, ${pending} videos awaiting enrichment, for ${ENRICH_STALL_TIMEOUT_MS / 1000} s`,
      );
    }
    await sleep(500);
  }
}

type PublishedVideo = { channelId: string; id: string; publishedAt: string };

async function publishNewVideos(
  emulator: BenchEmulator,
  channelIds: readonly string[],
  publishedAt?: Map<string, number[]>,
): Promise<PublishedVideo[]> {
  const videos: PublishedVideo[] = [];
  for (let offset = 0; offset < channelIds.length; offset += PUBLISH_BATCH) {
    const reply = await emulator.control<{ videos: PublishedVideo[] }>("POST", "/videos/publish", {
      channelIds: channelIds.slice(offset, offset + PUBLISH_BATCH),
    });
    videos.push(...reply.videos);
  }
  for (const video of videos)
    publishedAt?.set(video.channelId, [...(publishedAt.get(video.channelId) ?? []), Date.parse(video.publishedAt)]);
  return videos;
}

async function measureRepeat(context: {
  pool: pg.Pool;
  emulator: BenchEmulator;
  workers: BenchWorker[];
  sampler: SyncSampler;
  targets: readonly string[];
  total: number;
  repeat: number;
  log: (line: string) => void;
}): Promise<Omit<SyncRepeat, "poolMaxPerWorker" | "workerStartRssMb">> {
  const { pool, emulator, workers, total, log } = context;
  const label = `repeat ${context.repeat} (${workers.length} worker${workers.length > 1 ? "s" : ""})`;
  await parkAllAndDrain(pool);
  const published = await publishNewVideos(emulator, context.targets);
  const videoIds = published.map((video) => video.id);
  await emulator.control("POST", "/counters/reset");
  const warnBefore = workers.reduce((total, worker) => total + worker.count(WARN_OR_WORSE), 0);
  const trackedPids = [...workers.map((worker) => worker.pid), ...(emulator.pid ? [emulator.pid] : [])];
  const snapshot = () => snapshotCpu(pool, trackedPids, { excludeApplication: HARNESS_APPLICATION_NAME });

  context.sampler.startWindow();
  const dueAt = await makeAllDue(pool);
  const startedAt = Date.now();
  const cpuStart = await snapshot();
  const walStart = await currentWalLsn(pool);
  const progress = await waitForChecks(pool, { since: dueAt, total, label, log });
  const cpuChecked = await snapshot();
  const walBytes = await walBytesSince(pool, walStart);
  const { rows: ends } = await pool.query<{ lastAt: Date }>(
    `SELECT max("lastCheckedAt") AS "lastAt" FROM "ChannelSchedule" WHERE "lastCheckedAt" >= $1`,
    [dueAt],
  );
  const lastCheckAt = ends[0]!.lastAt.getTime();
  const wallSeconds = Math.max(0.001, (lastCheckAt - startedAt) / 1000);
  const halves = halfCycleRates(progress, startedAt, total);

  const { rows: expectedRows } = await pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "ContentSource" AS s JOIN "Channel" AS c ON c."id" = s."channelId"
      WHERE c."youtubeChannelId" = ANY($1::text[]) AND s."syncEnabled"`,
    [context.targets],
  );
  const projectsExpected = expectedRows[0]!.count;
  await waitForEnrichment(pool, { videoIds, expected: projectsExpected, label });
  const cpuEnriched: CpuSnapshot = await snapshot();
  const { rows: tailRows } = await pool.query<{ lastProjectAt: Date | null }>(
    `SELECT max("createdAt") AS "lastProjectAt" FROM "Project" WHERE "youtubeVideoId" = ANY($1::text[])`,
    [videoIds],
  );
  const enrichTailSeconds = Math.max(0, ((tailRows[0]!.lastProjectAt?.getTime() ?? lastCheckAt) - lastCheckAt) / 1000);

  const counters = await emulator.control<EmulatorCounters>("GET", "/counters");
  const { rows: outcomeRows } = await pool.query<{ outcome: string; count: number }>(
    `SELECT "lastOutcome"::text AS outcome, count(*)::int AS count FROM "ChannelSchedule" WHERE "lastCheckedAt" >= $1 GROUP BY 1`,
    [dueAt],
  );
  const outcomes = Object.fromEntries(outcomeRows.map((row) => [row.outcome, row.count]));

  const { rows: projectRows } = await pool.query<{ created: number; forPublished: number }>(
    `SELECT count(*)::int AS created, count(*) FILTER (WHERE "youtubeVideoId" = ANY($2::text[]))::int AS "forPublished"
       FROM "Project" WHERE "createdAt" >= $1`,
    [dueAt, videoIds],
  );
  const { created, forPublished } = projectRows[0]!;
  if (created !== projectsExpected || forPublished !== projectsExpected) {
    const { rows: checkedPublishers } = await pool.query<{ outcome: string; count: number }>(
      `SELECT s."lastOutcome"::text AS outcome, count(*)::int AS count FROM "ChannelSchedule" AS s JOIN "Channel" AS c ON c."id" = s."channelId"
        WHERE c."youtubeChannelId" = ANY($1::text[]) GROUP BY 1`,
      [context.targets],
    );
    throw new Error(
      `${label}: ${created} projects created (${forPublished} for the ${videoIds.length} published videos), expected exactly ${projectsExpected} ` +
        `(followers × videos published); the publishers' last outcomes: ${checkedPublishers.map((row) => `${row.count}× ${row.outcome}`).join(", ")}`,
    );
  }
  const { rows: latencyRows } = await pool.query<{ p50: number | null; p95: number | null; max: number | null }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY seconds) AS p95, max(seconds) AS max
       FROM (SELECT extract(epoch FROM min(p."createdAt") - v."detectedAt")::float8 AS seconds
               FROM "SyncVideo" AS v JOIN "Project" AS p ON p."youtubeVideoId" = v."videoId"
              WHERE v."videoId" = ANY($1::text[]) GROUP BY v."videoId", v."detectedAt") AS latencies`,
    [videoIds],
  );

  const cycle = cpuBetween(cpuStart, cpuChecked);
  const tail = cpuBetween(cpuChecked, cpuEnriched);
  const workerSeconds = workers.map((worker) => cycle.of(worker.pid));
  const emulatorSeconds = emulator.pid ? cycle.of(emulator.pid) : null;
  const systemSeconds = sum(workerSeconds) + cycle.postgres + (emulatorSeconds ?? 0);
  const perCheck = (seconds: number) => (seconds * 1000) / total;
  const enrichmentUnits = counters.requests.byEndpoint["videos.list"] ?? 0;
  const otherUnits = Math.max(0, counters.unitsCharged - enrichmentUnits);
  // Units the emulator could pin on one channel, split into publishers and the rest; what it could not
  // pin (other than videos.list) is billed to the unchanged channels too, so theirs is an upper bound.
  const { unitsByChannel } = await emulator.control<{ unitsByChannel: Record<string, number> }>(
    "GET",
    "/counters/units-by-channel",
  );
  const publishers = new Set(context.targets);
  let publisherUnits = 0;
  for (const [channelId, units] of Object.entries(unitsByChannel))
    if (publishers.has(channelId)) publisherUnits += units;
  const unchangedUnits = Math.max(0, otherUnits - publisherUnits);
  const unchangedChecks = outcomes.unchanged ?? 0;
  const window = await context.sampler.window();
  return {
    workers: workers.length,
    repeat: context.repeat,
    checks: total,
    wallSeconds,
    checksPerSecond: total / wallSeconds,
    halfCycleChecksPerSecond: halves,
    enrichTailSeconds,
    unitsCharged: counters.unitsCharged,
    enrichmentUnits,
    otherUnits,
    unchangedChecks,
    unchangedUnits,
    unitsPerUnchangedCheck: unchangedChecks > 0 ? unchangedUnits / unchangedChecks : 0,
    videosPerUnit: enrichmentUnits > 0 ? videoIds.length / enrichmentUnits : 0,
    requests: counters.requests.byEndpoint,
    outcomes,
    publishedVideos: videoIds.length,
    projectsCreated: created,
    projectsExpected,
    detectToProject: { p50: latencyRows[0]?.p50 ?? 0, p95: latencyRows[0]?.p95 ?? 0, max: latencyRows[0]?.max ?? 0 },
    cpuSeconds: { workers: workerSeconds, postgres: cycle.postgres, emulator: emulatorSeconds, harness: cycle.harness },
    cpuMsPerCheck: {
      // All worker processes together: each check runs in one of them.
      workers: perCheck(sum(workerSeconds)),
      postgres: perCheck(cycle.postgres),
      emulator: emulatorSeconds === null ? null : perCheck(emulatorSeconds),
      total: perCheck(systemSeconds),
    },
    enrichTailCpuSeconds:
      sum(workers.map((worker) => tail.of(worker.pid))) + tail.postgres + (emulator.pid ? tail.of(emulator.pid) : 0),
    walBytesPerCheck: walBytes / total,
    cpuCeilingChecksPerSecond: systemSeconds > 0 ? (availableParallelism() * total) / systemSeconds : 0,
    machineBusyShare: cycle.machineBusyShare,
    workerMaxRssMb: window.maxRssMb,
    workerPeakRssMb: workers.map((worker) => Math.round(peakRssBytesOf(worker.pid) / 1024 ** 2)),
    workerHeapMb: await Promise.all(workers.map((worker) => workerHeapMb(worker))),
    maxJobRows: window.maxJobRows,
    workerWarnLines: workers.reduce((total, worker) => total + worker.count(WARN_OR_WORSE), 0) - warnBefore,
    emulatorPeakRssMb: emulator.pid ? Math.round(peakRssBytesOf(emulator.pid) / 1024 ** 2) : null,
  };
}

function repeatLogLine(result: SyncRepeat): string {
  return (
    `  ${result.workers} worker(s), repeat ${result.repeat}: ${formatFigure(result.checksPerSecond)} checks/s (${result.wallSeconds.toFixed(1)} s${result.halfCycleChecksPerSecond ? `; halves ${formatFigure(result.halfCycleChecksPerSecond.first)} / ${formatFigure(result.halfCycleChecksPerSecond.second)}` : ""}), ` +
    `enrichment tail ${result.enrichTailSeconds.toFixed(1)} s, ${result.unitsCharged} units (${result.enrichmentUnits} videos.list, ${formatFigure(result.videosPerUnit)} videos/unit), ` +
    `${result.projectsCreated} projects, detect→project p95 ${result.detectToProject.p95.toFixed(1)} s; CPU ms/check worker ${result.cpuMsPerCheck.workers.toFixed(3)} ` +
    `Postgres ${result.cpuMsPerCheck.postgres.toFixed(3)} emulator ${result.cpuMsPerCheck.emulator?.toFixed(3) ?? "-"} (ceiling ${formatFigure(result.cpuCeilingChecksPerSecond)}/s); ` +
    `worker RSS max ${result.workerMaxRssMb.join("/")} MB (peak ${result.workerPeakRssMb.join("/")}); max job rows ${formatNumber(result.maxJobRows)}; machine busy ${Math.round(result.machineBusyShare * 100)} %`
  );
}

export async function runSyncBenchmark(options: SyncBenchmarkOptions): Promise<SyncBenchmarkResult> {
  const log = options.log ?? (() => {});
  const settings = resolveSettings(options.settings);
  const startedAt = new Date().toISOString();
  const scope = createRunScope(log);
  try {
    const { database, pool, machine } = await openBenchDatabase(scope, { prefix: "showreel_bench", log });

    // 2 % of a generated world is terminated (no feed); the margin keeps N live channels in it.
    const worldSize = Math.ceil(options.channels * 1.1) + 100;
    const emulator = await startEmulator({
      worldSize,
      seed: EMULATOR_SEED,
      dailyQuota: EMULATOR_DAILY_UNITS,
      inProcess: options.emulatorInProcess ?? false,
    });
    scope.defer(() => emulator.close());
    log(
      `emulator ${emulator.pid ? `process ${emulator.pid}` : "in-process"} at ${emulator.url}, world of ${formatNumber(worldSize)} channels`,
    );

    const seeded = await seedSyncWorld(pool, emulator, {
      channels: options.channels,
      followersPerChannel: FOLLOWERS_PER_CHANNEL,
      channelsPerUser: CHANNELS_PER_USER,
      log,
    });
    const channelCount = seeded.channelIds.length;
    log(
      `seeded ${formatNumber(channelCount)} channels, ${formatNumber(seeded.users)} users, ${formatNumber(seeded.follows)} follows in ${seeded.seconds.total.toFixed(1)} s ` +
        `(channels ${seeded.seconds.channels.toFixed(1)} s, schedules ${seeded.seconds.schedules.toFixed(1)} s, users ${seeded.seconds.users.toFixed(1)} s, ` +
        `follows ${seeded.seconds.follows.toFixed(1)} s, ANALYZE ${seeded.seconds.analyze.toFixed(1)} s)`,
    );
    const vacuum = await startVacuumStandIn({ url: database.url, log });
    const autovacuum = { mode: vacuum.isActive ? ("stand-in" as const) : ("server" as const), vacuums: 0, analyzes: 0 };
    scope.defer(async () => Object.assign(autovacuum, await vacuum.stop()));

    // The publishers: the same CHANGED_SHARE every repeat, so the emulator keeps that many channels
    // materialized (a published-on channel stays in its memory), not that many per repeat; drawn with the
    // emulator's seeded PRNG, so every run publishes on the same channels.
    const targets = sample(
      seeded.channelIds,
      Math.max(1, Math.round(channelCount * CHANGED_SHARE)),
      createRng(channelCount).next,
    );

    const env = benchAppEnv({ databaseUrl: database.url, emulatorUrl: emulator.url, settings });
    const workerEnv = (count: number) => ({ ...env, ...settingsForWorkers(settings, count) });
    const workerCounts = options.workerCounts.length > 0 ? options.workerCounts : [1];
    const bundle = await buildWorkerBundle();
    scope.defer(() => bundle.remove());
    let workers: BenchWorker[] = [];
    scope.defer(() => stopAll(workers));
    const sampler = startSyncSampler({ pool, workerPids: () => workers.map((worker) => worker.pid) });
    scope.defer(() => sampler.stop());

    await emulator.control("POST", "/faults", { kind: "latency", endpoint: "*", latencyMs: LATENCY_MS });
    const repeats: SyncRepeat[] = [];
    const failures: SyncBenchmarkResult["failures"] = [];
    for (const count of workerCounts) {
      await stopAll(workers);
      workers = await startWorkers(count, workerEnv(count), bundle.file);
      const workerStartRssMb = workers.map((worker) => Math.round(rssBytesOf(worker.pid) / 1024 ** 2));
      log(
        `worker process(es) ${workers.map((worker) => worker.pid).join(", ")}, RSS at start ${workerStartRssMb.join("/")} MB`,
      );
      const repeatCount = count === 1 ? options.repeats : (options.scalingRepeats ?? options.repeats);
      for (let repeat = 1; repeat <= repeatCount; repeat += 1) {
        try {
          const measured = await measureRepeat({
            pool,
            emulator,
            workers,
            sampler,
            targets,
            total: channelCount,
            repeat,
            log,
          });
          const result = {
            ...measured,
            workerStartRssMb,
            poolMaxPerWorker: Number(
              settingsForWorkers(settings, count).DATABASE_POOL_MAX ?? APP_DEFAULTS.DATABASE_POOL_MAX,
            ),
          };
          repeats.push(result);
          log(repeatLogLine(result));
        } catch (error) {
          // One worker count failing (its row says so) must not throw away the others' figures.
          throwIfAborted();
          const message = error instanceof Error ? error.message : String(error);
          failures.push({ workers: count, repeat, error: message });
          log(`  ${count} worker(s), repeat ${repeat} FAILED: ${message}`);
          await parkAllAndDrain(pool).catch((drainError: unknown) =>
            log(`  drain after the failure: ${String(drainError)}`),
          );
          break;
        }
      }
    }
    await parkAllAndDrain(pool).catch((error: unknown) => log(`  drain: ${String(error)}`));
    await stopAll(workers);
    const maxJobRows = sampler.runMaxJobRows();
    await sampler.stop();

    let baseline: SyncBenchmarkResult["baseline"] = null;
    if (options.baseline) {
      const { sources: baselineSources } = await prepareBaselineSync(pool);
      log(
        `baseline: ${formatNumber(baselineSources)} sources (one per follow), ${baselineConcurrency()} tasks in flight, cycle cap ${formatNumber(options.baseline.cycleCap)}`,
      );
      const publishedAt = new Map<string, number[]>();
      const rounds: BaselineRound[] = [];
      for (let repeat = 1; repeat <= options.repeats; repeat += 1) {
        throwIfAborted();
        await publishNewVideos(emulator, targets, publishedAt);
        const round = await measureBaselineRound({
          pool,
          emulator,
          databaseUrl: database.url,
          publishedAt,
          cycleCap: options.baseline.cycleCap,
          repeat,
        });
        rounds.push(round);
        log(
          `  baseline, repeat ${repeat}: ${formatFigure(round.checksPerSecond)} source checks/s (${round.sources} sources in ${round.wallSeconds.toFixed(1)} s), ` +
            `${formatNumber(round.unitsCharged)} units (${formatFigure(round.unitsPerCheck)}/check), ${round.projectsCreated} projects, worker CPU ${round.workerCpuMsPerCheck.toFixed(2)} ms/check`,
        );
      }
      await emulator.control("DELETE", "/faults");
      const budget = await measureBaselineBudget({
        pool,
        emulator,
        databaseUrl: database.url,
        dailyUnits: options.baseline.dailyUnits,
        restoreDailyUnits: EMULATOR_DAILY_UNITS,
      });
      log(
        `  baseline on a ${formatNumber(budget.dailyUnits)}-unit day: ${budget.syncedBeforeQuotaExceeded} of ${formatNumber(budget.selected)} selected sources synced before quotaExceeded`,
      );
      baseline = {
        concurrency: baselineConcurrency(),
        cycleCap: options.baseline.cycleCap,
        sources: baselineSources,
        rounds,
        budget,
      };
    }

    await emulator.control("DELETE", "/faults");
    Object.assign(autovacuum, await vacuum.stop());
    const measuredUnits = {
      publishedVideos: sum(repeats.map((repeat) => repeat.publishedVideos)),
      unchangedChecks: sum(repeats.map((repeat) => repeat.unchangedChecks)),
      enrichmentUnits: sum(repeats.map((repeat) => repeat.enrichmentUnits)),
      otherUnits: sum(repeats.map((repeat) => repeat.otherUnits)),
      unchangedUnits: sum(repeats.map((repeat) => repeat.unchangedUnits)),
    };
    return {
      baseline,
      channels: channelCount,
      users: seeded.users,
      sources: seeded.follows,
      seed: seeded.seconds,
      repeats,
      failures,
      maxJobRows,
      unitsModel: repeats.length > 0 ? unitsPerDayModel(measuredUnits) : null,
      settings,
      autovacuum,
      emulatorMode: emulator.pid ? "process" : "in-process",
      databaseServer: database.serverSource,
      machine,
      startedAt,
    };
  } finally {
    await scope.close();
  }
}

// ─── bench/run.ts glue: rows, table and docs ────────────────────────────────────────────────────────

const median = (values: readonly number[]) => summarize(values.length > 0 ? values : [0]).median;

export function syncRows(result: SyncBenchmarkResult): BenchRow[] {
  const size = `${formatNumber(result.channels)} channels`;
  const counts = [
    ...new Set([
      ...result.repeats.map((repeat) => repeat.workers),
      ...result.failures.map((failure) => failure.workers),
    ]),
  ].sort((a, b) => a - b);
  const baselineRate = result.baseline
    ? summarize(result.baseline.rounds.map((round) => round.checksPerSecond))
    : undefined;
  const failedCounts = new Map(result.failures.map((failure) => [failure.workers, failure]));
  const rows: BenchRow[] = [];
  for (const workers of counts) {
    const repeats = result.repeats.filter((repeat) => repeat.workers === workers);
    const failure = failedCounts.get(workers);
    const stats = summarize(repeats.length > 0 ? repeats.map((repeat) => repeat.checksPerSecond) : [0]);
    const isOne = workers === 1;
    rows.push({
      benchmark: isOne ? "sync" : "sync scaling",
      size,
      workers,
      metric: "checks/s",
      stats,
      ...(isOne && baselineRate ? { baseline: baselineRate } : {}),
      better: "higher",
      ...(isOne ? {} : { perWorker: stats.median / workers }),
      extra: [
        { label: "per repeat", value: repeats.map((repeat) => formatFigure(repeat.checksPerSecond)).join(", ") },
        ...(isOne
          ? [{ label: "floor met", value: stats.median >= FLOOR_CHECKS_PER_SECOND_ONE_WORKER ? "yes" : "NO" }]
          : []),
        {
          label: "CPU ms/check worker / Postgres / emulator",
          value: `${median(repeats.map((r) => r.cpuMsPerCheck.workers)).toFixed(3)} / ${median(repeats.map((r) => r.cpuMsPerCheck.postgres)).toFixed(3)} / ${repeats[0]?.cpuMsPerCheck.emulator === null ? "-" : median(repeats.map((r) => r.cpuMsPerCheck.emulator ?? 0)).toFixed(3)}`,
        },
        {
          label: "CPU ceiling",
          value: `${formatFigure(median(repeats.map((repeat) => repeat.cpuCeilingChecksPerSecond)))}/s`,
        },
        { label: "projects (= expected)", value: formatNumber(sum(repeats.map((repeat) => repeat.projectsCreated))) },
        ...(failure ? [{ label: "FAILED", value: `repeat ${failure.repeat}: ${failure.error.slice(0, 300)}` }] : []),
      ],
      target: isOne
        ? `>= ${formatNumber(TARGET_CHECKS_PER_SECOND_ONE_WORKER)}/s with one worker at 1M (floor ${formatNumber(FLOOR_CHECKS_PER_SECOND_ONE_WORKER)})`
        : "(no target: 2 cores, measured for the capacity model)",
      met: !failure && repeats.length > 0 && (isOne ? stats.median >= TARGET_CHECKS_PER_SECOND_ONE_WORKER : true),
    });
  }
  const all = result.repeats;
  const one = all.filter((repeat) => repeat.workers === 1);
  const cpuRepeats = one.length > 0 ? one : all;
  if (cpuRepeats.length > 0) {
    const workerCpu = summarize(cpuRepeats.map((repeat) => repeat.cpuMsPerCheck.workers));
    const postgresCpu = summarize(cpuRepeats.map((repeat) => repeat.cpuMsPerCheck.postgres));
    const cpuWorkers = cpuRepeats[0]!.workers;
    rows.push({
      benchmark: "sync worker CPU",
      size,
      workers: cpuWorkers,
      metric: "ms/check",
      stats: workerCpu,
      ...(result.baseline
        ? { baseline: summarize(result.baseline.rounds.map((round) => round.workerCpuMsPerCheck)) }
        : {}),
      better: "lower",
      extra: [
        {
          label: "over",
          value: "the whole cycle (changed checks and enrichment included): a bound for an unchanged check",
        },
      ],
      target: `<= ${TARGET_WORKER_CPU_MS_PER_CHECK} ms per unchanged check`,
      met: workerCpu.median <= TARGET_WORKER_CPU_MS_PER_CHECK,
    });
    rows.push({
      benchmark: "sync Postgres CPU",
      size,
      workers: cpuWorkers,
      metric: "ms/check",
      stats: postgresCpu,
      better: "lower",
      extra: [
        { label: "backends", value: "this database's, the harness's own left out" },
        {
          label: "WAL per check (server-wide, an upper bound)",
          value: `${formatFigure(median(cpuRepeats.map((repeat) => repeat.walBytesPerCheck)))} bytes`,
        },
      ],
      target: `<= ${TARGET_POSTGRES_CPU_MS_PER_CHECK} ms per unchanged check`,
      met: postgresCpu.median <= TARGET_POSTGRES_CPU_MS_PER_CHECK,
    });
  }
  if (all.length > 0) {
    const rss = summarize(all.map((repeat) => Math.max(...repeat.workerMaxRssMb, ...repeat.workerPeakRssMb)));
    rows.push({
      benchmark: "sync worker RSS",
      size,
      workers: Math.max(...all.map((repeat) => repeat.workers)),
      metric: "MB peak",
      stats: rss,
      better: "lower",
      extra: [{ label: "sampled every", value: `${SAMPLE_INTERVAL_MS / 1000} s, and VmHWM` }],
      target: `<= ${TARGET_WORKER_RSS_MB} MB`,
      met: rss.max <= TARGET_WORKER_RSS_MB,
    });
    rows.push({
      benchmark: "sync job rows",
      size,
      workers: Math.max(...all.map((repeat) => repeat.workers)),
      metric: "rows max",
      stats: summarize(all.map((repeat) => repeat.maxJobRows)),
      better: "lower",
      extra: [{ label: "max over the whole run", value: formatNumber(result.maxJobRows) }],
      target: `<= ${formatNumber(TARGET_MAX_JOB_ROWS)} pgboss.job rows`,
      met: result.maxJobRows <= TARGET_MAX_JOB_ROWS,
    });
    const unchanged = sum(all.map((repeat) => repeat.unchangedChecks));
    const unitsPerUnchanged = unchanged > 0 ? sum(all.map((repeat) => repeat.unchangedUnits)) / unchanged : 0;
    rows.push({
      benchmark: "sync units",
      size,
      workers: all[0]!.workers,
      metric: "units/unchanged check",
      stats: summarize(all.map((repeat) => repeat.unitsPerUnchangedCheck)),
      ...(result.baseline ? { baseline: summarize(result.baseline.rounds.map((round) => round.unitsPerCheck)) } : {}),
      better: "lower",
      extra: [
        { label: "bound", value: "units not spent on videos.list nor on a call naming a publisher" },
        { label: "units/unchanged check, all repeats", value: unitsPerUnchanged.toFixed(4) },
        ...(result.baseline
          ? [
              {
                label: "baseline sources per day's budget",
                value: `${formatNumber(result.baseline.budget.syncedBeforeQuotaExceeded)} (${formatNumber(result.baseline.budget.dailyUnits)} units)`,
              },
            ]
          : []),
      ],
      target: `${TARGET_UNITS_PER_UNCHANGED_CHECK} units per unchanged check`,
      met: unitsPerUnchanged <= TARGET_UNITS_PER_UNCHANGED_CHECK,
    });
    const videosPerUnit = summarize(all.map((repeat) => repeat.videosPerUnit));
    rows.push({
      benchmark: "sync enrichment",
      size,
      workers: all[0]!.workers,
      metric: "videos/unit",
      stats: videosPerUnit,
      // The design spends one videos.list per new video: 1 video per unit.
      ...(result.baseline
        ? {
            baseline: summarize(
              result.baseline.rounds.map((round) =>
                (round.requests["videos.list"] ?? 0) > 0
                  ? round.projectsCreated / (round.requests["videos.list"] ?? 1)
                  : 0,
              ),
            ),
          }
        : {}),
      better: "higher",
      extra: [
        {
          label: "videos.list calls / videos",
          value: `${formatNumber(sum(all.map((repeat) => repeat.enrichmentUnits)))} / ${formatNumber(sum(all.map((repeat) => repeat.publishedVideos)))}`,
        },
      ],
      target: `>= ${TARGET_VIDEOS_PER_UNIT} new videos per unit`,
      met: videosPerUnit.min >= TARGET_VIDEOS_PER_UNIT,
    });
    const p95 = summarize(all.map((repeat) => repeat.detectToProject.p95));
    rows.push({
      benchmark: "sync detect→project",
      size,
      workers: all[0]!.workers,
      metric: "s p95",
      stats: p95,
      better: "lower",
      extra: [
        {
          label: "p50 / max",
          value: `${formatFigure(median(all.map((repeat) => repeat.detectToProject.p50)))} / ${formatFigure(Math.max(...all.map((repeat) => repeat.detectToProject.max)))} s`,
        },
        { label: "from", value: "SyncVideo.detectedAt to the video's first Project.createdAt" },
      ],
      target: `p95 <= ${TARGET_DETECT_TO_PROJECT_P95_SECONDS} s`,
      met: p95.max <= TARGET_DETECT_TO_PROJECT_P95_SECONDS,
    });
  }
  if (result.unitsModel) {
    const model = result.unitsModel;
    rows.push({
      benchmark: "sync units/day model",
      size: `${formatNumber(MODEL_CHANNELS)} channels`,
      workers: 0,
      metric: "units/day",
      stats: summarize([model.unitsPerDay]),
      better: "lower",
      extra: [
        { label: "uploads/day", value: formatNumber(model.uploadsPerDay) },
        {
          label: "enrichment",
          value: `${formatNumber(model.enrichmentUnitsPerDay)} (${formatFigure(model.videosPerUnit)} videos/unit measured; ${formatNumber(model.enrichmentUnitsPerDayAtFullBatches)} at 50)`,
        },
        {
          label: "other units",
          value: `${formatNumber(model.otherUnitsPerDay)} (${model.otherUnitsPerVideo.toFixed(4)}/video measured)`,
        },
      ],
      target: `<= ${formatNumber(SYNC_DAILY_UNITS)} units/day (sync share)`,
      met: model.fits,
    });
  }
  if (one.length > 0) {
    rows.push({
      benchmark: "sync cycle",
      size,
      workers: 1,
      metric: "s",
      stats: summarize(one.map((repeat) => repeat.wallSeconds)),
      ...(result.baseline
        ? {
            baseline: summarize(
              result.baseline.rounds.map((round) => result.baseline!.sources / round.checksPerSecond),
            ),
          }
        : {}),
      better: "lower",
      extra: result.baseline
        ? [
            {
              label: "baseline units/cycle",
              value: `${formatNumber(baselineProjection(result).unitsPerCycle)} (budget ${formatNumber(GOOGLE_DEFAULT_DAILY_UNITS)}/day)`,
            },
            {
              label: "baseline design cycle",
              value: `${baselineProjection(result).cycles} × 15 min = ${formatFigure(baselineProjection(result).designHours)} h`,
            },
          ]
        : [],
      target: "every followed channel checked once",
      met: true,
    });
  }
  rows.push({
    benchmark: "sync seeding",
    size: `${size}, ${formatNumber(result.sources)} follows`,
    workers: 0,
    metric: "s",
    stats: summarize([result.seed.total]),
    better: "lower",
    extra: [
      {
        label: "channels / schedules / users / follows / ANALYZE",
        value:
          [result.seed.channels, result.seed.schedules, result.seed.users, result.seed.follows, result.seed.analyze]
            .map((seconds) => seconds.toFixed(1))
            .join(" / ") + " s",
      },
    ],
    target: `set-based, <= ${TARGET_SEED_SECONDS} s at 1M channels`,
    met: result.seed.total <= TARGET_SEED_SECONDS,
  });
  return rows;
}

/**
 * What the measured baseline figures mean for one pass over every follow: units needed (sources × the
 * measured units per check) and the design's own pacing (⌈sources / cap⌉ scheduler runs 15 minutes apart).
 */
export function baselineProjection(result: SyncBenchmarkResult) {
  const baseline = result.baseline;
  if (!baseline) return { unitsPerCycle: 0, cycles: 0, designHours: 0, budgetDays: 0 };
  const unitsPerCheck = summarize(baseline.rounds.map((round) => round.unitsPerCheck)).median;
  const unitsPerCycle = Math.round(baseline.sources * unitsPerCheck);
  const cycles = Math.ceil(baseline.sources / BASELINE_CYCLE_CAP);
  return {
    unitsPerCycle,
    cycles,
    designHours: (cycles * BASELINE_CYCLE_SECONDS) / 3600,
    budgetDays: unitsPerCycle / GOOGLE_DEFAULT_DAILY_UNITS,
  };
}

function settingsLine(settings: AppSettings): string {
  return TUNABLE_SETTINGS.map(
    (key) =>
      `${key}=${settings[key] ?? APP_DEFAULTS[key]}${settings[key] && settings[key] !== APP_DEFAULTS[key] ? ` (app default ${APP_DEFAULTS[key]})` : ""}`,
  ).join(", ");
}

function repeatTable(result: SyncBenchmarkResult): string {
  const header =
    "| workers | pool per worker | repeat | wall s | checks/s | checks/s 1st / 2nd half | enrichment tail s | requests feed / videos.list / playlistItems.list / channels.list | units charged: videos.list / other | videos/unit | outcomes | projects / expected | detect→project p50 / p95 / max s | CPU ms per check: worker / Postgres / emulator | WAL bytes/check | CPU ceiling | machine busy | worker RSS MB: at start / max sampled / peak | max job rows | worker warn+ log lines | emulator peak RSS MB |";
  const rule = `|${header
    .split("|")
    .slice(2)
    .map(() => "---|")
    .join("")}`;
  const lines = result.repeats.map((repeat) =>
    [
      repeat.workers,
      repeat.poolMaxPerWorker,
      repeat.repeat,
      repeat.wallSeconds.toFixed(1),
      formatFigure(repeat.checksPerSecond),
      repeat.halfCycleChecksPerSecond
        ? `${formatFigure(repeat.halfCycleChecksPerSecond.first)} / ${formatFigure(repeat.halfCycleChecksPerSecond.second)}`
        : "-",
      repeat.enrichTailSeconds.toFixed(1),
      ["feed", "videos.list", "playlistItems.list", "channels.list"]
        .map((endpoint) => formatNumber(repeat.requests[endpoint] ?? 0))
        .join(" / "),
      `${formatNumber(repeat.enrichmentUnits)} / ${formatNumber(repeat.otherUnits)}`,
      formatFigure(repeat.videosPerUnit),
      Object.entries(repeat.outcomes)
        .map(([outcome, count]) => `${outcome} ${formatNumber(count)}`)
        .join(", "),
      `${formatNumber(repeat.projectsCreated)} / ${formatNumber(repeat.projectsExpected)}`,
      [repeat.detectToProject.p50, repeat.detectToProject.p95, repeat.detectToProject.max]
        .map((seconds) => seconds.toFixed(1))
        .join(" / "),
      `${repeat.cpuMsPerCheck.workers.toFixed(3)} / ${repeat.cpuMsPerCheck.postgres.toFixed(3)} / ${repeat.cpuMsPerCheck.emulator?.toFixed(3) ?? "-"}`,
      formatNumber(repeat.walBytesPerCheck),
      `${formatFigure(repeat.cpuCeilingChecksPerSecond)} checks/s`,
      `${Math.round(repeat.machineBusyShare * 100)} %`,
      repeat.workerMaxRssMb
        .map(
          (rss, index) => `${repeat.workerStartRssMb[index] ?? "?"} / ${rss} / ${repeat.workerPeakRssMb[index] ?? "?"}`,
        )
        .join(", "),
      formatNumber(repeat.maxJobRows),
      repeat.workerWarnLines,
      repeat.emulatorPeakRssMb ?? "-",
    ].join(" | "),
  );
  return [header, rule, ...lines.map((line) => `| ${line} |`)].join("\n");
}

function unitsModelBlock(result: SyncBenchmarkResult): string {
  const model = result.unitsModel;
  if (!model) return "";
  return `

Units per day at ${formatNumber(MODEL_CHANNELS)} channels uploading ${MODEL_UPLOADS_PER_CHANNEL_PER_DAY} videos a day each (${formatNumber(model.uploadsPerDay)} new videos),
from this run's per-video costs: enrichment ${formatNumber(model.enrichmentUnitsPerDay)} units (${formatFigure(model.videosPerUnit)} videos per videos.list unit
measured; ${formatNumber(model.enrichmentUnitsPerDayAtFullBatches)} at a full 50), other units (playlist fallbacks, channel confirmations: ${model.otherUnitsPerVideo.toFixed(4)} per
new video measured) ${formatNumber(model.otherUnitsPerDay)} — **${formatNumber(model.unitsPerDay)} units/day against the sync share of ${formatNumber(model.syncDailyUnits)}**
(${model.fits ? "fits" : "does NOT fit"}). Unchanged checks: at most ${model.unitsPerUnchangedCheckBound.toFixed(4)} units each measured, i.e. at most
${formatNumber(model.unchangedUnitsPerDayBound)} units/day at ${MODEL_CHECKS_PER_CHANNEL_PER_DAY} checks per channel per day (a 10-minute cadence for every channel).`;
}

export const SYNC_DOCS_INTRO = `Targets (issue 21, at 1M channels, 95 % unchanged per cycle, ${LATENCY_MS} ms upstream latency): **>= ${formatNumber(TARGET_CHECKS_PER_SECOND_ONE_WORKER)} checks/s
with one worker** (floor ${formatNumber(FLOOR_CHECKS_PER_SECOND_ONE_WORKER)}), sustained over a whole cycle and not falling from repeat to repeat; Postgres CPU
<= ${TARGET_POSTGRES_CPU_MS_PER_CHECK} ms and worker CPU <= ${TARGET_WORKER_CPU_MS_PER_CHECK} ms per unchanged check; worker RSS <= ${TARGET_WORKER_RSS_MB} MB; pg-boss job rows <= ${formatNumber(TARGET_MAX_JOB_ROWS)} at any
time; ${TARGET_UNITS_PER_UNCHANGED_CHECK} units per unchanged check and >= ${TARGET_VIDEOS_PER_UNIT} new videos per enrichment unit; a units-per-day model that fits the
sync share (${formatNumber(SYNC_DAILY_UNITS)}); a new upload a project <= ${TARGET_DETECT_TO_PROJECT_P95_SECONDS} s (p95) after it was detected. The quick size is held to the
same figures.

**Sizes.** \`npm run bench -- --only sync\`: ${formatNumber(SIZES.quick.channels)} channels, ${SIZES.quick.repeats} repeats with 1 worker and ${SIZES.quick.scalingRepeats} with 2.
\`--full\`: ${formatNumber(SIZES.full.channels)} channels and ${formatNumber(SIZES.full.channels * FOLLOWERS_PER_CHANNEL)} follows, ${SIZES.full.repeats} repeats with 1 worker and ${SIZES.full.scalingRepeats} with 2 (a cycle is ~10 minutes
at the target rate; the run stays well under an hour). 2 cores: no 4-worker rows.

**Method** (bench/sync.ts). Production code paths, no mocks: a fresh migrated database; the Google emulator
in its own process with a generated world (channels are computed from the seed and their index on
request; only published-on channels are materialized). No warm-up fetch: N live channels are seeded
set-based (bench/lib/sync-seed.ts) as already checked — each \`Channel\` with the exact ETag and
Last-Modified the emulator will answer with and its feed window as \`recentVideoIds\`, read in bulk from
\`GET /_emulator/world/feeds\`, which derives them without rendering a feed (emulator/feed-cache.ts) —
with its \`ChannelSchedule\` row (checked a day ago, unchanged, parked), ${FOLLOWERS_PER_CHANNEL} followers each (${CHANNELS_PER_USER} follows per
user) dated a day back; the seeding time is printed. The worker is \`worker/main.ts\` bundled as
\`npm run build\` bundles it and run with plain node and the V8 flags of \`npm run start:worker\`
(worker/lib/node-flags.ts), as deployed (NODE_ENV=production; WebSub and the AI pass off: polling only); each worker process runs the sync engine — no scheduler process, no job per
check. Each measured repeat parks every schedule and waits for idle engines, publishes one new video on
each of the same ${CHANGED_SHARE * 100} % of the channels (the other ${100 - CHANGED_SHARE * 100} % are unchanged: their first check is a 304),
sets ${LATENCY_MS} ms latency on every Google endpoint, resets the emulator's counters, makes every schedule due in
one statement and runs until every schedule row has a check newer than that: checks/s = N / (last check −
start), per repeat so a decline shows. Then it waits for enrichment (\`sync.enrich\`) to create every
project and asserts that no check failed and that exactly followers × published videos projects were
created. CPU per process comes from /proc over the cycle (due → last check, so the changed checks and
the enrichment running meanwhile are included: an upper bound for an unchanged check): the worker(s),
this database's Postgres backends (the harness's own connections left out), the emulator; WAL bytes per
check from the server's WAL position over the cycle (server-wide: an upper bound on a shared server). The worker's
RSS and \`SELECT count(*) FROM pgboss.job\` are sampled every ${SAMPLE_INTERVAL_MS / 1000} s. Units are what the emulator charged:
videos.list calls are enrichment (videos per unit = published videos / calls); the emulator also
attributes each call that names one channel (uploads playlist, one channel id) to it, and every unit
neither spent on videos.list nor attributed to a publisher is billed to the unchanged checks (an upper
bound for "units per unchanged check"). Detect → project: from
\`SyncVideo.detectedAt\` to the video's first \`Project.createdAt\`. A server running with autovacuum off
gets autovacuum's trigger rules applied by the bench (bench/lib/vacuum.ts). Everything — emulator,
Postgres, worker(s) — shares the machine's 2 cores, so these rates are a floor, not what a worker gets
from a core of its own; 2 workers show what a second process costs or gains here.

**Baseline** (bench/baseline/, the reviewed design, docs/design.md#the-baseline, measured in
the same run after Showreel's repeats, with Showreel's processes stopped): the same follow graph copied
into the baseline's own tables — one content source per (user, channel) follow — and the same emulator
with the same ${LATENCY_MS} ms latency. Each round publishes one new video on the same publishers, then one worker
process (\`bench/baseline/sync-worker.ts\`; Celery's default of one task per CPU in flight) runs one
scheduler cycle: up to the round's cap of due sources, oldest first, each listed through search.list
(100 units) with publishedAfter = its last sync, each new id fetched alone with videos.list and
get-or-created as a project by (user, external_url), every query on a new Postgres connection and every
call on a new TCP connection, no breaker. A baseline "check" is one source (user, channel), so its
checks/s is sources per second; Showreel checks a channel once for all its followers. Each round asserts
no source failed and that the projects created equal the new videos its sources should have found. The
baseline cycle time is the time its measured rate needs for every source (ignoring its cap); its design
paces that at ${formatNumber(BASELINE_CYCLE_CAP)} sources per 15-minute scheduler run. Then one cycle against Google's default budget
(${formatNumber(GOOGLE_DEFAULT_DAILY_UNITS)} units): how many sources one day's budget covers. Changed for measuring (and charitable to the baseline):
tasks start at once instead of after a random 0–900 s countdown; the queue is in memory instead of Redis;
the 2-hour "due" cutoff is 0.`;

export function syncDocsBlock(result: SyncBenchmarkResult, rows: readonly BenchRow[], command: string): string {
  return `### ${formatNumber(result.channels)} channels — \`${command}\`

Run ${result.startedAt}. Machine: ${machineLine(result.machine)}. Database: fresh, on the ${result.databaseServer}.
Emulator: ${result.emulatorMode === "process" ? "its own process" : "in-process"}. ${formatNumber(result.users)} users, ${formatNumber(result.sources)} follows.
Seeding (set-based, no feed fetched): ${result.seed.total.toFixed(1)} s — channels ${result.seed.channels.toFixed(1)} s, schedules ${result.seed.schedules.toFixed(1)} s, users ${result.seed.users.toFixed(1)} s, follows ${result.seed.follows.toFixed(1)} s, ANALYZE ${result.seed.analyze.toFixed(1)} s.
Worker settings: ${settingsLine(result.settings)}.
Autovacuum: ${result.autovacuum.mode === "server" ? "the server's" : `off on this server, so the bench applied its rules itself (bench/lib/vacuum.ts): ${result.autovacuum.vacuums} VACUUMs, ${result.autovacuum.analyzes} ANALYZEs`}.
Largest pgboss.job row count sampled over Showreel's whole run: ${formatNumber(result.maxJobRows)}.

${renderTable(rows)}${unitsModelBlock(result)}

Per repeat:

${repeatTable(result)}${failuresBlock(result)}${baselineBlock(result)}`;
}

function failuresBlock(result: SyncBenchmarkResult): string {
  if (result.failures.length === 0) return "";
  const lines = result.failures.map(
    (failure) => `- ${failure.workers} worker(s), repeat ${failure.repeat}: ${failure.error}`,
  );
  return `\n\n**Failed runs** (their worker count's remaining repeats were skipped):\n\n${lines.join("\n")}`;
}

function baselineBlock(result: SyncBenchmarkResult): string {
  const baseline = result.baseline;
  if (!baseline) return "";
  const projection = baselineProjection(result);
  const header =
    "| round | sources | wall s | source checks/s | units charged | units/check | requests search.list / videos.list | projects / expected | TCP connections | DB connections | worker CPU ms/check | retries |";
  const lines = baseline.rounds.map((round) =>
    [
      round.repeat,
      formatNumber(round.sources),
      round.wallSeconds.toFixed(1),
      formatFigure(round.checksPerSecond),
      formatNumber(round.unitsCharged),
      formatFigure(round.unitsPerCheck),
      `${formatNumber(round.requests["search.list"] ?? 0)} / ${formatNumber(round.requests["videos.list"] ?? 0)}`,
      `${formatNumber(round.projectsCreated)} / ${formatNumber(round.projectsExpected)}`,
      formatNumber(round.tcpConnectionsOpened),
      formatNumber(round.dbConnections),
      round.workerCpuMsPerCheck.toFixed(2),
      round.retries,
    ].join(" | "),
  );
  const budget = baseline.budget;
  return `

Baseline: ${formatNumber(baseline.sources)} sources, cycle cap ${formatNumber(baseline.cycleCap)} per round, ${baseline.concurrency} tasks in flight (one worker process).

${header}
|${header
    .split("|")
    .slice(2)
    .map(() => "---|")
    .join("")}
${lines.map((line) => `| ${line} |`).join("\n")}

What that costs the design: one pass over all ${formatNumber(baseline.sources)} sources needs ${formatNumber(projection.unitsPerCycle)} units
(${formatFigure(projection.budgetDays)} days of Google's default ${formatNumber(GOOGLE_DEFAULT_DAILY_UNITS)}-unit budget), and its own pacing of ${formatNumber(BASELINE_CYCLE_CAP)} sources per
15-minute run takes ${projection.cycles} runs = ${formatFigure(projection.designHours)} h. Measured against a ${formatNumber(budget.dailyUnits)}-unit day: the scheduler selected
${formatNumber(budget.selected)} sources and ${formatNumber(budget.syncedBeforeQuotaExceeded)} were synced before Google answered quotaExceeded
(${formatNumber(budget.unitsCharged)} units charged, ${formatNumber(budget.unitsRefusedCalls)} calls refused, ${budget.wallSeconds.toFixed(1)} s); every other source waits for the next day.`;
}

/**
 * docs/capacity.md's inputs from a run (bench/lib/capacity-doc.ts): per worker count the median checks/s
 * and CPU and WAL per check, and the cores the measured processes could have used — the machine's, less
 * what other tenants and the harness used over the cycles (machine busy share × cores − the measured
 * processes' CPU per second).
 */
export function capacityInputOf(result: SyncBenchmarkResult, command: string): CapacityInput {
  const cores = result.machine.cpus;
  const counts = [...new Set(result.repeats.map((repeat) => repeat.workers))].sort((a, b) => a - b);
  const runs = counts.map((workers) => {
    const repeats = result.repeats.filter((repeat) => repeat.workers === workers);
    const others = repeats.map((repeat) => {
      const measured = sum(repeat.cpuSeconds.workers) + repeat.cpuSeconds.postgres + (repeat.cpuSeconds.emulator ?? 0);
      return Math.max(0, repeat.machineBusyShare * cores - measured / repeat.wallSeconds);
    });
    return {
      workers,
      checksPerSecond: median(repeats.map((repeat) => repeat.checksPerSecond)),
      cost: {
        workerMs: median(repeats.map((repeat) => repeat.cpuMsPerCheck.workers)),
        postgresMs: median(repeats.map((repeat) => repeat.cpuMsPerCheck.postgres)),
        upstreamMs: median(repeats.map((repeat) => repeat.cpuMsPerCheck.emulator ?? 0)),
        walBytes: median(repeats.map((repeat) => repeat.walBytesPerCheck)),
      },
      availableCores: Math.max(0.1, cores - median(others)),
    };
  });
  return {
    command,
    when: result.startedAt,
    machine: machineLine(result.machine),
    cores,
    channels: result.channels,
    runs,
  };
}

export const syncBenchmark: Benchmark = {
  name: "sync",
  description: `sync engine v2: channel checks, ${CHANGED_SHARE * 100} % changed, ${LATENCY_MS} ms emulator latency, 1 and 2 workers, vs the baseline (quick ${formatNumber(SIZES.quick.channels)}, full ${formatNumber(SIZES.full.channels)} channels)`,
  async run(options: BenchOptions): Promise<BenchResult> {
    const size = SIZES[options.mode];
    const result = await runSyncBenchmark({
      channels: options.size ?? size.channels,
      repeats: options.repeats ?? size.repeats,
      scalingRepeats: options.repeats ?? size.scalingRepeats,
      workerCounts: options.workerCounts.length > 0 ? options.workerCounts : [...size.workerCounts],
      baseline: { cycleCap: size.baselineCycleCap },
      log: options.log,
    });
    const rows = syncRows(result);
    return {
      name: "sync",
      rows,
      details: result,
      docs: {
        heading: "Sync throughput",
        intro: SYNC_DOCS_INTRO,
        block: syncDocsBlock(result, rows, options.command),
        keepBlocks: ["sync-v1"],
        // The capacity model is sized from the full size's run (1M channels), not from the quick one.
        otherFiles:
          options.mode === "full"
            ? [
                {
                  file: "docs/capacity.md",
                  block: "capacity-sync",
                  markdown: capacityBlock(capacityInputOf(result, options.command)).markdown,
                },
              ]
            : [],
      },
    };
  },
};
