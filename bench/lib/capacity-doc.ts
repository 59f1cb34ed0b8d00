/**
 * docs/capacity.md's measured block, written by the sync benchmark from the run it just made: the CPU and
 * WAL per check it measured for each process, what the capacity model (bench/lib/capacity-model.ts)
 * predicts for the same worker counts on this machine against what was measured, and the sizing that
 * follows at 1M and 10M channels. The prose around the block is the document's; every figure is in here.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { formatNumber } from "./stats";
import {
  planFleet,
  predictedChecksPerSecond,
  SINGLE_POSTGRES,
  singlePostgresLimit,
  type MeasuredCheckCost,
} from "./capacity-model";

export type CapacityRun = {
  workers: number;
  /** Median over the repeats. */
  checksPerSecond: number;
  cost: MeasuredCheckCost;
  /** Cores the measured processes could use: the machine's, less what other tenants and the harness used. */
  availableCores: number;
};

export type CapacityInput = {
  command: string;
  when: string;
  machine: string;
  cores: number;
  channels: number;
  runs: CapacityRun[];
};

/** Within this share, the model is taken to explain the measured runs. */
export const MODEL_TOLERANCE = 0.15;
/** The cadence sized for: every followed channel on the active tier, checked every 10 minutes. */
export const SIZING_CADENCE_SECONDS = 600;
export const SIZED_FLEETS = [1_000_000, 10_000_000] as const;

const ms = (value: number) => value.toFixed(3);
const cores = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

export function capacityBlock(input: CapacityInput): { markdown: string; modelHolds: boolean } {
  const lines: string[] = [];
  lines.push(
    `Run ${input.when} with \`${input.command}\` at ${formatNumber(input.channels)} channels. Machine: ${input.machine}.`,
  );
  lines.push("");
  lines.push(
    "| workers | measured checks/s | CPU ms/check: worker / Postgres / emulator | WAL bytes/check | cores available to them | model checks/s | model vs measured |",
  );
  lines.push("|---|---|---|---|---|---|---|");
  let modelHolds = input.runs.length > 0;
  for (const run of input.runs) {
    const predicted = predictedChecksPerSecond(run.cost, run.workers, run.availableCores);
    const error = (predicted - run.checksPerSecond) / run.checksPerSecond;
    if (Math.abs(error) > MODEL_TOLERANCE) modelHolds = false;
    lines.push(
      `| ${run.workers} | ${formatNumber(Math.round(run.checksPerSecond))} | ${ms(run.cost.workerMs)} / ${ms(run.cost.postgresMs)} / ${ms(run.cost.upstreamMs)} | ${formatNumber(Math.round(run.cost.walBytes))} | ${run.availableCores.toFixed(2)} | ${formatNumber(Math.round(predicted))} | ${error >= 0 ? "+" : ""}${(error * 100).toFixed(1)} % |`,
    );
  }
  lines.push("");
  lines.push(`Model within ±${MODEL_TOLERANCE * 100} % of every measured run: **${modelHolds ? "yes" : "no"}**.`);
  const sizingRun = input.runs.find((run) => run.workers === 1) ?? input.runs[0];
  if (sizingRun) {
    // Production has no emulator on our cores: Google answers.
    const cost = { ...sizingRun.cost, upstreamMs: 0 };
    lines.push("");
    lines.push(
      `Sizing from the one-worker run's costs, every channel checked every ${SIZING_CADENCE_SECONDS / 60} minutes, cores planned at 60 % busy:`,
    );
    lines.push("");
    lines.push(
      "| followed channels | checks/s | worker cores | worker processes | Postgres cores (sync) | WAL MB/s (sync) | one Postgres server enough? |",
    );
    lines.push("|---|---|---|---|---|---|---|");
    for (const channels of SIZED_FLEETS) {
      const plan = planFleet(cost, channels, SIZING_CADENCE_SECONDS);
      lines.push(
        `| ${formatNumber(channels)} | ${formatNumber(Math.round(plan.checksPerSecond))} | ${cores(plan.workerCores)} | ${plan.workers} | ${cores(plan.postgresCores)} | ${plan.walMBPerSecond.toFixed(1)} | ${plan.fitsOnePostgres ? "yes" : "no"} |`,
      );
    }
    const limit = singlePostgresLimit(cost, SIZING_CADENCE_SECONDS);
    lines.push("");
    lines.push(
      `One Postgres server (${SINGLE_POSTGRES.cores} cores at 60 %, ${SINGLE_POSTGRES.walBytesPerSecond / (1024 * 1024)} MB/s of WAL) carries about ` +
        `**${formatNumber(Math.round(limit.channels / 1_000_000))}M followed channels** at this cadence; ${limit.limitedBy === "cpu" ? "CPU" : "WAL"} runs out first.`,
    );
  }
  return { markdown: lines.join("\n"), modelHolds };
}

const START = (name: string) => `<!-- bench:${name}:start -->`;
const END = (name: string) => `<!-- bench:${name}:end -->`;

/** Replaces the block between the file's markers; the file and its markers must exist (docs/capacity.md). */
export function writeCapacityBlock(file: string, name: string, markdown: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: it holds the prose around the measured block`);
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(START(name));
  const end = text.indexOf(END(name));
  if (start < 0 || end < start) throw new Error(`${file} has no ${START(name)} … ${END(name)} markers`);
  writeFileSync(file, `${text.slice(0, start)}${START(name)}\n${markdown.trim()}\n${text.slice(end)}`);
}
