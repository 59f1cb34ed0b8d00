/**
 * Benchmark 1's baseline half (bench/sync.ts runs it after Showreel's repeats, in the same run, on the
 * same database server, emulator and follow graph): the reviewed design's sync (sync.ts) in a child
 * process (sync-worker.ts), one scheduler cycle per measured round, and one cycle against a real
 * 10,000-unit day to see how far its budget goes.
 */
import { availableParallelism } from "node:os";
import type pg from "pg";
import type { BenchEmulator, EmulatorCounters } from "../lib/emulator";
import { startTsProcess } from "../lib/processes";
import { BASELINE_SCHEMA_SQL } from "./db";
import {
  BASELINE_CYCLE_CAP,
  seedBaselineFromShowreel,
  type BaselineCycleResult,
  type BaselineSyncOptions,
} from "./sync";

/** Google's default daily budget, the one the design had to live within. */
export const GOOGLE_DEFAULT_DAILY_UNITS = 10_000;
/** A cycle this long with no result is stuck, not slow. */
const CYCLE_TIMEOUT_MS = 30 * 60_000;

export type BaselineRound = {
  repeat: number;
  sources: number;
  wallSeconds: number;
  checksPerSecond: number;
  unitsCharged: number;
  unitsPerCheck: number;
  requests: Record<string, number>;
  projectsCreated: number;
  projectsExpected: number;
  tcpConnectionsOpened: number;
  dbConnections: number;
  /** CPU ms per source check in the baseline worker process. */
  workerCpuMsPerCheck: number;
  retries: number;
  errors: Record<string, number>;
};

export type BaselineBudgetRun = {
  dailyUnits: number;
  selected: number;
  syncedBeforeQuotaExceeded: number;
  unitsCharged: number;
  unitsRefusedCalls: number;
  wallSeconds: number;
};

/** Creates the baseline's schema in the run's database and copies Showreel's follow graph into it. */
export async function prepareBaselineSync(pool: pg.Pool): Promise<{ sources: number }> {
  await pool.query(BASELINE_SCHEMA_SQL);
  await seedBaselineFromShowreel((text) => pool.query(text));
  const { rows } = await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM baseline.content_sources`);
  return { sources: rows[0]!.count };
}

/** Tasks in flight per baseline worker: Celery's prefork default is one child per CPU. */
export function baselineConcurrency(): number {
  const configured = Number(process.env.BASELINE_CONCURRENCY);
  return Number.isInteger(configured) && configured > 0 ? configured : availableParallelism();
}

async function runCycleProcess(options: BaselineSyncOptions): Promise<BaselineCycleResult> {
  const { process: child, match } = await startTsProcess({
    name: "baseline worker",
    script: "bench/baseline/sync-worker.ts",
    env: { ...process.env, BASELINE_SYNC_OPTIONS: JSON.stringify(options) },
    // The process prints its result as its last line; "ready" is that line.
    ready: /^baseline result (.+)$/,
    timeoutMs: CYCLE_TIMEOUT_MS,
  });
  await child.stop(10_000);
  return JSON.parse(match[1]!) as BaselineCycleResult;
}

/**
 * One measured round: the emulator's counters reset, one scheduler cycle of at most `cycleCap` sources
 * (every source is due: cutoff 0), checks/s = sources synced / the cycle's wall time. Throws when a
 * source failed or the projects created differ from what the synced sources should have found: the
 * videos published on their channel (`publishedAt`, per channel) after their previous sync.
 */
export async function measureBaselineRound(context: {
  pool: pg.Pool;
  emulator: BenchEmulator;
  databaseUrl: string;
  publishedAt: ReadonlyMap<string, readonly number[]>;
  cycleCap: number;
  repeat: number;
}): Promise<BaselineRound> {
  const { pool, emulator } = context;
  await emulator.control("POST", "/counters/reset");
  // Only sources of channels that published can expect a project: at 1M channels the table has 2M rows,
  // too many to hold in the harness for nothing.
  const { rows: previous } = await pool.query<{ id: string; channel: string; syncedAt: Date }>(
    `SELECT id::text, source_identifier AS channel, last_synced_at AS "syncedAt" FROM baseline.content_sources WHERE source_identifier = ANY($1::text[])`,
    [[...context.publishedAt.keys()]],
  );
  const { rows: before } = await pool.query<{ count: number; at: Date }>(
    `SELECT count(*)::int AS count, now() AS at FROM baseline.projects`,
  );
  const result = await runCycleProcess(
    baselineOptions({ databaseUrl: context.databaseUrl, emulatorUrl: emulator.url, cycleCap: context.cycleCap }),
  );
  const counters = await emulator.control<EmulatorCounters & { tcpConnectionsOpened: number }>("GET", "/counters");
  if (result.failed > 0 || result.synced !== result.selected) {
    throw new Error(
      `baseline round ${context.repeat}: ${result.synced} of ${result.selected} sources synced, ${result.failed} failed: ${JSON.stringify(result.errors)}`,
    );
  }
  const { rows: synced } = await pool.query<{ id: string }>(
    `SELECT id::text FROM baseline.content_sources WHERE last_synced_at >= $1`,
    [before[0]!.at],
  );
  const previousById = new Map(previous.map((row) => [row.id, row]));
  let projectsExpected = 0;
  for (const { id } of synced) {
    const source = previousById.get(id);
    if (!source) continue;
    projectsExpected += (context.publishedAt.get(source.channel) ?? []).filter(
      (at) => at > source.syncedAt.getTime(),
    ).length;
  }
  const { rows: after } = await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM baseline.projects`);
  const projectsCreated = after[0]!.count - before[0]!.count;
  if (projectsCreated !== projectsExpected) {
    throw new Error(
      `baseline round ${context.repeat}: ${projectsCreated} projects created, ${projectsExpected} expected`,
    );
  }
  return {
    repeat: context.repeat,
    sources: result.synced,
    wallSeconds: result.wallSeconds,
    checksPerSecond: result.synced / result.wallSeconds,
    unitsCharged: counters.unitsCharged,
    unitsPerCheck: counters.unitsCharged / result.synced,
    requests: counters.requests.byEndpoint,
    projectsCreated,
    projectsExpected,
    tcpConnectionsOpened: counters.tcpConnectionsOpened,
    dbConnections: result.dbConnections,
    workerCpuMsPerCheck: (result.cpuSeconds * 1000) / result.synced,
    retries: result.retries,
    errors: result.errors,
  };
}

/**
 * The design against a real day: the emulator's budget set to Google's default 10,000 units (usage
 * reset), one scheduler cycle at the design's cap of 5,000 sources; the cycle stops at Google's first
 * quotaExceeded (the design would retry each refused task three times, spending nothing more, since a
 * refused call is refused again). Counts the sources synced before that. The budget is restored after.
 */
export async function measureBaselineBudget(context: {
  pool: pg.Pool;
  emulator: BenchEmulator;
  databaseUrl: string;
  /** The day's budget; Google's default unless a smoke test wants a shorter day. */
  dailyUnits?: number;
  restoreDailyUnits: number;
}): Promise<BaselineBudgetRun> {
  const { emulator } = context;
  const dailyUnits = context.dailyUnits ?? GOOGLE_DEFAULT_DAILY_UNITS;
  await emulator.control("POST", "/quota", { dailyQuota: dailyUnits, resetUsage: true });
  await emulator.control("POST", "/counters/reset");
  try {
    const result = await runCycleProcess({
      ...baselineOptions({ databaseUrl: context.databaseUrl, emulatorUrl: emulator.url, cycleCap: BASELINE_CYCLE_CAP }),
      stopOnQuotaExceeded: true,
    });
    const counters = await emulator.control<EmulatorCounters>("GET", "/counters");
    return {
      dailyUnits,
      selected: result.selected,
      syncedBeforeQuotaExceeded: result.syncedBeforeQuotaExceeded,
      unitsCharged: counters.unitsCharged,
      unitsRefusedCalls: Object.entries(result.errors)
        .filter(([key]) => key.includes("quotaExceeded"))
        .reduce((sum, [, count]) => sum + count, 0),
      wallSeconds: result.wallSeconds,
    };
  } finally {
    await emulator.control("POST", "/quota", { dailyQuota: context.restoreDailyUnits, resetUsage: true });
  }
}

function baselineOptions(options: { databaseUrl: string; emulatorUrl: string; cycleCap: number }): BaselineSyncOptions {
  return {
    databaseUrl: options.databaseUrl,
    apiBaseUrl: options.emulatorUrl,
    apiKey: "baseline",
    concurrency: baselineConcurrency(),
    cycleCap: options.cycleCap,
    cutoffMs: 0,
  };
}
