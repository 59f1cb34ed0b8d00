/**
 * Queue benchmark (docs/design.md#targets; issue 10 #5): enqueue N jobs in bulk and drain them with the real
 * worker — enqueue time, drain time and the worker's peak RSS — against the reviewed system's one
 * message per call (bench/baseline/queue.ts), measured in the same run on the same queue.
 *
 * The job is `websub.subscribe`, the busiest keyed queue (the renewal run fills it in bulk, ~10,400 an
 * hour at 1M channels), for random channel ids with WebSub off: the real handler ends at once, so the
 * figures are pg-boss's and the worker's own cost, not an upstream's. Each
 * repeat: the baseline enqueues N (then they are deleted, undrained), Showreel enqueues N with no worker
 * running, then a fresh worker process drains them; drain time runs from its "worker ready" line to the
 * last job settled. A repeat fails unless exactly N jobs were queued and all completed.
 */
import type pg from "pg";
import {
  benchAppEnv,
  buildWorkerBundle,
  startWorkers,
  stopAll,
  WARN_OR_WORSE,
  type BenchWorker,
} from "./lib/app-processes";
import { createRunScope, openBenchDatabase } from "./lib/run-scope";
import { runDriver } from "./lib/driver";
import { startEmulator } from "./lib/emulator";
import { machineLine, type MachineInfo } from "./lib/machine";
import { peakRssBytesOf, sleep, throwIfAborted } from "./lib/processes";
import { formatNumber, summarize } from "./lib/stats";
import { formatFigure, renderTable } from "./lib/table";
import type { Benchmark, BenchOptions, BenchResult, BenchRow } from "./lib/types";
import { runBaselineEnqueue } from "./baseline/queue";

/** docs/design.md#targets, for 50K jobs. */
export const TARGET_ENQUEUE_SECONDS = 10;
/** The same target as a rate, so a quick run's smaller N is judged by it too. */
export const TARGET_ENQUEUE_PER_SECOND = 50_000 / TARGET_ENQUEUE_SECONDS;
export const TARGET_RSS_MB = 300;
/**
 * The baseline enqueues fewer jobs in quick mode: one by one it manages a few hundred a second here, and
 * its rate does not depend on N (each job is its own round trip).
 */
export const SIZES = {
  quick: { jobs: 3_000, baselineJobs: 500, repeats: 3 },
  full: { jobs: 50_000, baselineJobs: 50_000, repeats: 3 },
} as const;
const JOB_NAME = "websub.subscribe";
const STALL_TIMEOUT_MS = 60_000;

export type QueueRepeat = {
  repeat: number;
  enqueueSeconds: number;
  baselineEnqueueSeconds: number;
  enqueuePerSecond: number;
  baselineEnqueuePerSecond: number;
  drainSeconds: number;
  /** Jobs the worker completed, read back from pg-boss's table after the drain. */
  completedJobs: number;
  jobsPerSecond: number;
  workerPeakRssMb: number;
  workerWarnLines: number;
};
export type QueueBenchmarkResult = {
  jobs: number;
  baselineJobs: number;
  repeats: QueueRepeat[];
  databaseServer: string;
  machine: MachineInfo;
  startedAt: string;
};

async function jobCounts(pool: pg.Pool) {
  const { rows } = await pool.query<{ pending: number; completed: number; failed: number }>(
    `SELECT count(*) FILTER (WHERE state < 'completed')::int AS pending,
            count(*) FILTER (WHERE state = 'completed')::int AS completed,
            count(*) FILTER (WHERE state = 'failed')::int AS failed
       FROM pgboss.job WHERE name = $1`,
    [JOB_NAME],
  );
  return rows[0]!;
}

async function waitForDrain(pool: pg.Pool, worker: BenchWorker, log: (line: string) => void): Promise<void> {
  let lastPending = -1;
  let lastProgress = Date.now();
  let lastLog = Date.now();
  for (;;) {
    throwIfAborted();
    const { pending, failed } = await jobCounts(pool);
    if (failed > 0) throw new Error(`${failed} ${JOB_NAME} jobs failed:\n${worker.tail().slice(-2000)}`);
    if (pending === 0) return;
    if (pending !== lastPending) {
      lastPending = pending;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > STALL_TIMEOUT_MS) {
      throw new Error(`drain stuck at ${pending} jobs for ${STALL_TIMEOUT_MS / 1000} s`);
    }
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`  ${formatNumber(pending)} jobs left`);
    }
    await sleep(100);
  }
}

export async function runQueueBenchmark(options: {
  jobs: number;
  baselineJobs: number;
  repeats: number;
  log?: (line: string) => void;
}): Promise<QueueBenchmarkResult> {
  const log = options.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const scope = createRunScope(log);
  try {
    const { database, pool, machine } = await openBenchDatabase(scope, { prefix: "showreel_bench_queue", log });
    // The worker's environment needs Google's addresses; nothing in this benchmark calls them.
    const emulator = await startEmulator({ worldSize: 10, seed: "bench-queue", dailyQuota: 10_000, inProcess: true });
    scope.defer(() => emulator.close());
    const env = benchAppEnv({ databaseUrl: database.url, emulatorUrl: emulator.url, settings: {} });
    const bundle = await buildWorkerBundle();
    scope.defer(() => bundle.remove());
    let workers: BenchWorker[] = [];
    scope.defer(() => stopAll(workers));

    const repeats: QueueRepeat[] = [];
    for (let repeat = 1; repeat <= options.repeats; repeat += 1) {
      await pool.query(`DELETE FROM pgboss.job WHERE name = $1`, [JOB_NAME]);
      const baseline = await runBaselineEnqueue({ env, count: options.baselineJobs });
      const afterBaseline = await jobCounts(pool);
      if (afterBaseline.pending !== options.baselineJobs)
        throw new Error(`baseline queued ${afterBaseline.pending} jobs, expected ${options.baselineJobs}`);
      await pool.query(`DELETE FROM pgboss.job WHERE name = $1`, [JOB_NAME]);

      const { seconds: enqueueSeconds } = await runDriver<{ seconds: number }>({
        name: "queue driver (bulk)",
        script: "bench/lib/queue-driver.ts",
        env,
        input: { count: options.jobs, mode: "bulk" },
      });
      const queued = await jobCounts(pool);
      if (queued.pending !== options.jobs)
        throw new Error(`Showreel queued ${queued.pending} jobs, expected ${options.jobs}`);
      await pool.query(`VACUUM ANALYZE pgboss.job`);

      workers = await startWorkers(1, env, bundle.file);
      const worker = workers[0]!;
      const drainStart = performance.now();
      await waitForDrain(pool, worker, log);
      const drainSeconds = (performance.now() - drainStart) / 1000;
      const { completed: completedJobs } = await jobCounts(pool);
      const workerPeakRssMb = Math.round(peakRssBytesOf(worker.pid) / 1024 ** 2);
      const workerWarnLines = worker.count(WARN_OR_WORSE);
      await stopAll(workers);
      workers = [];
      const result = {
        repeat,
        enqueueSeconds,
        baselineEnqueueSeconds: baseline.seconds,
        enqueuePerSecond: options.jobs / enqueueSeconds,
        baselineEnqueuePerSecond: options.baselineJobs / baseline.seconds,
        drainSeconds,
        completedJobs,
        jobsPerSecond: options.jobs / drainSeconds,
        workerPeakRssMb,
        workerWarnLines,
      };
      repeats.push(result);
      log(
        `  repeat ${repeat}: enqueue ${formatNumber(options.jobs)} in ${enqueueSeconds.toFixed(2)} s (baseline ${formatNumber(options.baselineJobs)} one by one in ${baseline.seconds.toFixed(2)} s), ` +
          `drained in ${drainSeconds.toFixed(1)} s (${formatFigure(result.jobsPerSecond)} jobs/s), worker peak RSS ${workerPeakRssMb} MB`,
      );
    }
    return {
      jobs: options.jobs,
      baselineJobs: options.baselineJobs,
      repeats,
      databaseServer: database.serverSource,
      machine,
      startedAt,
    };
  } finally {
    await scope.close();
  }
}

// ─── bench/run.ts glue: rows, table and docs ────────────────────────────────────────────────────────

export function queueRows(result: QueueBenchmarkResult): BenchRow[] {
  const size = `${formatNumber(result.jobs)} jobs (baseline ${formatNumber(result.baselineJobs)})`;
  const enqueue = summarize(result.repeats.map((repeat) => repeat.enqueuePerSecond));
  const rss = summarize(result.repeats.map((repeat) => repeat.workerPeakRssMb));
  const drain = summarize(result.repeats.map((repeat) => repeat.jobsPerSecond));
  return [
    {
      benchmark: "queue",
      size,
      workers: 0,
      metric: "jobs/s enqueued",
      stats: enqueue,
      baseline: summarize(result.repeats.map((repeat) => repeat.baselineEnqueuePerSecond)),
      better: "higher",
      extra: [
        {
          label: "s to enqueue",
          value: `${formatFigure(summarize(result.repeats.map((repeat) => repeat.enqueueSeconds)).median)} s`,
        },
      ],
      target: `>= ${formatNumber(TARGET_ENQUEUE_PER_SECOND)}/s (50,000 in < ${TARGET_ENQUEUE_SECONDS} s)`,
      met: enqueue.median >= TARGET_ENQUEUE_PER_SECOND,
    },
    {
      benchmark: "queue",
      size,
      workers: 1,
      metric: "MB worker peak RSS",
      stats: rss,
      better: "lower",
      extra: [
        {
          label: "drain",
          value: `${formatFigure(drain.median)} jobs/s (${formatFigure(summarize(result.repeats.map((repeat) => repeat.drainSeconds)).median)} s)`,
        },
      ],
      target: `< ${TARGET_RSS_MB} MB while draining`,
      met: rss.max < TARGET_RSS_MB,
    },
  ];
}

export const QUEUE_DOCS_INTRO = `Target (docs/design.md#targets): **50,000 jobs enqueued in < ${TARGET_ENQUEUE_SECONDS} s**, worker RSS bounded (**< ${TARGET_RSS_MB} MB**).

**Method** (bench/queue.ts). A fresh migrated database and the real queue (pg-boss, the schema and
queues \`npm run db:migrate\` declares). The job is \`websub.subscribe\` (the busiest keyed queue: the renewal run
fills it in bulk, keyed by channel id; channel checks are no longer jobs) for random channel ids with WebSub
off: the real handler ends at once, so what is measured is the queue and the worker, not an upstream. (\`system.ping\` was tried
first: its queue is polled every 2 s one job at a time by design, 0.5 jobs/s.) Each repeat: the baseline (bench/baseline/queue.ts) enqueues jobs one
\`enqueue\` call at a time, as the reviewed system queued one task per \`apply_async\` in a loop, and those
jobs are deleted undrained; then Showreel enqueues N with \`enqueueMany\` (one INSERT per 10,000 jobs) from a
driver process while no worker runs; then a fresh worker process (\`worker/main.ts\` bundled as deployed)
drains them with the queue's production settings (its contract and worker/handlers/index.ts). The target is judged as a rate
(${formatNumber(TARGET_ENQUEUE_PER_SECOND)} jobs/s); in quick mode the baseline enqueues ${formatNumber(SIZES.quick.baselineJobs)} jobs (its rate does not depend on N). Drain time runs from its
"worker ready" line to the last job settled; peak RSS is the worker's VmHWM. The reviewed system's own
workers (Celery) are not reproduced, so drain has no baseline.`;

export function queueDocsBlock(result: QueueBenchmarkResult, rows: readonly BenchRow[], command: string): string {
  const lines = result.repeats.map((repeat) =>
    [
      repeat.repeat,
      repeat.enqueueSeconds.toFixed(2),
      `${repeat.baselineEnqueueSeconds.toFixed(2)} (${formatNumber(result.baselineJobs)} jobs)`,
      repeat.drainSeconds.toFixed(1),
      formatFigure(repeat.jobsPerSecond),
      repeat.workerPeakRssMb,
      repeat.workerWarnLines,
    ].join(" | "),
  );
  return `### ${formatNumber(result.jobs)} jobs — \`${command}\`

Run ${result.startedAt}. Machine: ${machineLine(result.machine)}. Database: fresh, on the ${result.databaseServer}.

${renderTable(rows)}

| repeat | enqueue s (bulk) | baseline enqueue s (one by one) | drain s | drain jobs/s | worker peak RSS MB | worker warn+ log lines |
|---|---|---|---|---|---|---|
${lines.map((line) => `| ${line} |`).join("\n")}`;
}

export const queueBenchmark: Benchmark = {
  name: "queue",
  description: `jobs enqueued in bulk and drained by the worker: enqueue time vs one-by-one, worker peak RSS (quick ${formatNumber(SIZES.quick.jobs)}, full ${formatNumber(SIZES.full.jobs)})`,
  async run(options: BenchOptions): Promise<BenchResult> {
    const size = SIZES[options.mode];
    const jobs = options.size ?? size.jobs;
    const result = await runQueueBenchmark({
      jobs,
      baselineJobs: Math.min(jobs, size.baselineJobs),
      repeats: options.repeats ?? size.repeats,
      log: options.log,
    });
    const rows = queueRows(result);
    return {
      name: "queue",
      rows,
      details: result,
      docs: { heading: "Queue", intro: QUEUE_DOCS_INTRO, block: queueDocsBlock(result, rows, options.command) },
    };
  },
};
