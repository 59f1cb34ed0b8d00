/**
 * What the sync benchmark samples every ~2 s while Showreel runs: the pg-boss job rows
 * (`SELECT count(*) FROM pgboss.job`, every queue and state: what the database carries) and each worker
 * process's resident set size. Maxima are kept over the whole run and over the current window (one
 * measured repeat). The queries run on the harness's own connection, whose backend's CPU the benchmark
 * leaves out of Postgres's (bench/lib/cpu.ts).
 */
import type pg from "pg";
import { rssBytesOf } from "./processes";

export const SAMPLE_INTERVAL_MS = 2_000;

export type SyncSampler = {
  /** Starts a new window: its maxima restart from the next sample. */
  startWindow: () => void;
  /** The window's maxima so far, sampling once more first. */
  window: () => Promise<{ maxJobRows: number; maxRssMb: number[]; samples: number }>;
  /** The largest job row count seen since the sampler started. */
  runMaxJobRows: () => number;
  stop: () => Promise<void>;
};

export function startSyncSampler(options: { pool: pg.Pool; workerPids: () => readonly number[] }): SyncSampler {
  let isStopped = false;
  let runMaxJobRows = 0;
  let windowMaxJobRows = 0;
  let windowSamples = 0;
  let windowRss = new Map<number, number>();
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const sampleOnce = async () => {
    const { rows } = await options.pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM pgboss.job`);
    const jobRows = rows[0]!.count;
    runMaxJobRows = Math.max(runMaxJobRows, jobRows);
    windowMaxJobRows = Math.max(windowMaxJobRows, jobRows);
    for (const pid of options.workerPids()) windowRss.set(pid, Math.max(windowRss.get(pid) ?? 0, rssBytesOf(pid)));
    windowSamples += 1;
  };
  const tick = () => {
    if (isStopped) return;
    inFlight = sampleOnce()
      .catch(() => undefined)
      .finally(() => {
        if (!isStopped) timer = setTimeout(tick, SAMPLE_INTERVAL_MS);
      });
  };
  tick();

  return {
    startWindow: () => {
      windowMaxJobRows = 0;
      windowSamples = 0;
      windowRss = new Map();
    },
    window: async () => {
      await inFlight;
      await sampleOnce();
      return {
        maxJobRows: windowMaxJobRows,
        maxRssMb: options.workerPids().map((pid) => Math.round((windowRss.get(pid) ?? 0) / 1024 ** 2)),
        samples: windowSamples,
      };
    },
    runMaxJobRows: () => runMaxJobRows,
    stop: async () => {
      isStopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
