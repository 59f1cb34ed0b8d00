/** What a benchmark gets from bench/run.ts and hands back to it. */
import type { Stats } from "./stats";

export type BenchMode = "quick" | "full";

export type BenchOptions = {
  mode: BenchMode;
  /** Worker process counts to measure, one row each (`--workers 1,2`); empty: the benchmark's own for the mode. */
  workerCounts: number[];
  /** Overrides of the mode's size and repeat count (exploratory runs; nothing is written for them). */
  size?: number | undefined;
  repeats?: number | undefined;
  /** The command line that ran it, for the docs. */
  command: string;
  log: (line: string) => void;
};

/** One line of the printed table. `extra` cells become columns named by their labels. */
export type BenchRow = {
  benchmark: string;
  size: string;
  workers: number;
  /** What was measured, e.g. "checks/s". */
  metric: string;
  stats: Stats;
  /**
   * The reviewed design (bench/baseline/) measured in the same run on the same machine, when the benchmark
   * has one; the table prints its median and the ratio between the two.
   */
  baseline?: Stats;
  /** Which direction is better for this metric (throughput: higher; latency, units, RSS: lower). */
  better: "higher" | "lower";
  /** The median divided by the worker count, when the target is per worker. */
  perWorker?: number;
  extra: { label: string; value: string }[];
  target: string;
  met: boolean;
};

export type BenchResult = {
  name: string;
  rows: BenchRow[];
  /** Everything else the run measured, kept in the results file. */
  details: unknown;
  /**
   * For docs/benchmarks.md: the section's heading and fixed intro, and this run's block (figures from this
   * run only), kept per mode so a quick run leaves the last full run's block in place.
   */
  docs: {
    heading: string;
    intro: string;
    block: string;
    /** Marked blocks of the section no run writes (e.g. an earlier design's figures, kept for reference): carried over as they are. */
    keepBlocks?: string[];
    /** Marked blocks in other docs this run's figures fill (e.g. docs/capacity.md), written with the rest. */
    otherFiles?: { file: string; block: string; markdown: string }[];
  };
};

export type Benchmark = {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchResult>;
};
