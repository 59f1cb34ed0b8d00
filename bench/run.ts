/**
 * `npm run bench` — runs the benchmarks, prints one table, and records the figures: bench/results/<mode>.json
 * and each benchmark's section of docs/benchmarks.md (only figures this run printed).
 *
 *   npm run bench                         quick sizes (well under 10 minutes on 2 cores)
 *   npm run bench -- --full               docs/design.md#targets sizes (sync: 1M channels; growth: 100K users, 1M channels)
 *   npm run bench -- --only sync          one benchmark
 *   npm run bench -- --workers 1,2        one row per worker-process count (default: the benchmark's own)
 *   npm run bench -- --size 2000 --repeats 1 --no-write    exploratory: nothing is written
 *
 * Database: BENCH_DATABASE_URL, else DATABASE_URL, else PostgreSQL on 127.0.0.1:5432, else embedded.
 * Worker settings (SYNC_CHECK_CONCURRENCY, DATABASE_POOL_MAX, YOUTUBE_HTTP_CONNECTIONS, …) can be
 * overridden from the environment; the values used are printed and recorded. BENCH_WORKER_NODE_ARGS adds
 * node flags to the worker processes (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_SERVER_NODE_ARGS to the
 * API-load servers. `--full --only api-load` serves the app with `next start` of a production build: it reuses
 * `.next` when that is a build of the current commit (with no uncommitted change to the app), otherwise it
 * runs `next build` first, which takes minutes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeCapacityBlock } from "./lib/capacity-doc";
import { markedBlock, readMarkedBlock, replaceSection } from "./lib/docs";
import { benchAbort, ROOT } from "./lib/processes";
import { parseTableCells, renderCells, renderTable, rowCells } from "./lib/table";
import type { Benchmark, BenchMode, BenchResult } from "./lib/types";
import { apiLoadBenchmark } from "./api-load";
import { breakerBenchmark } from "./breaker";
import { growthBenchmark } from "./growth";
import { importBenchmark } from "./import";
import { matcherBenchmark } from "./matcher";
import { queueBenchmark } from "./queue";
import { quotaRaceBenchmark } from "./quota-race";
import { readsBenchmark } from "./reads";
import { syncBenchmark } from "./sync";

/** In issue 10's order: sync and worker scaling (1, 2), import, reads, queue, quota race, breaker, API load, matcher; then issue 23's growth. */
const BENCHMARKS: readonly Benchmark[] = [
  syncBenchmark,
  importBenchmark,
  readsBenchmark,
  queueBenchmark,
  quotaRaceBenchmark,
  breakerBenchmark,
  apiLoadBenchmark,
  matcherBenchmark,
  growthBenchmark,
];
const MODES: readonly BenchMode[] = ["quick", "full"];
const DOCS_FILE = path.join(ROOT, "docs/benchmarks.md");
const RESULTS_DIR = path.join(ROOT, "bench/results");

function usage(): string {
  return [
    "usage: npm run bench -- [--full] [--only <name>] [--workers 1,2] [--size n] [--repeats n] [--no-write]",
    "benchmarks:",
    ...BENCHMARKS.map((benchmark) => `  ${benchmark.name.padEnd(8)} ${benchmark.description}`),
  ].join("\n");
}

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return value;
}

function parseCommandLine(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      full: { type: "boolean", default: false },
      only: { type: "string" },
      workers: { type: "string" },
      size: { type: "string" },
      repeats: { type: "string" },
      "no-write": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  // Unset: each benchmark measures its mode's own worker counts (sync: 1 and 2).
  const workerCounts =
    values.workers === undefined ? [] : values.workers.split(",").map((part) => positiveInt("workers", part.trim())!);
  const selected = values.only ? BENCHMARKS.filter((benchmark) => benchmark.name === values.only) : BENCHMARKS;
  if (selected.length === 0) throw new Error(`unknown benchmark "${values.only}"\n${usage()}`);
  const size = positiveInt("size", values.size);
  const repeats = positiveInt("repeats", values.repeats);
  return {
    help: values.help,
    mode: (values.full ? "full" : "quick") as BenchMode,
    selected,
    workerCounts,
    size,
    repeats,
    // Sizes other than the mode's are exploratory: their figures are printed, never recorded.
    shouldWrite: !values["no-write"] && size === undefined && repeats === undefined,
  };
}

function writeDocs(mode: BenchMode, result: BenchResult): void {
  const blocks = MODES.map((blockMode) => {
    const name = `${result.name}-${blockMode}`;
    const body =
      blockMode === mode
        ? result.docs.block
        : (readMarkedBlock(DOCS_FILE, name) ?? `_No ${blockMode} run recorded yet._`);
    return markedBlock(name, body);
  });
  const kept = (result.docs.keepBlocks ?? []).flatMap((name) => {
    const body = readMarkedBlock(DOCS_FILE, name);
    return body === null ? [] : [markedBlock(name, body)];
  });
  replaceSection(DOCS_FILE, result.docs.heading, [result.docs.intro, ...blocks, ...kept].join("\n\n"));
}

const SUMMARY_HEADING = "Summary";
const SUMMARY_INTRO = `Every benchmark's rows from the last run of each mode, in one table: Showreel's min / median / max over
the repeats, the baseline (bench/baseline/, the reviewed design) measured in the same run, the ratio
(> 1: Showreel better), and the target (docs/design.md#targets). Each benchmark's section below has its method,
machine, per-repeat figures, and the reasons for any target not met. Rewritten by every \`npm run bench\`.`;

/** The benchmark a summary row belongs to: its label's first word ("sync scaling" → sync, "quota race" → quota). */
function benchmarkNameOf(label: string): string {
  return label.split(" ")[0] ?? label;
}

/**
 * The summary section: per mode, one table of every benchmark's rows as last recorded, with the commands
 * that measured them. Rows of benchmarks this machine's results file does not hold (bench/results is not
 * committed, so a fresh checkout has none) are carried over from the table already in the docs, so a run of
 * one benchmark never drops the others' figures.
 */
function writeSummary(mode: BenchMode, recorded: readonly RecordedResult[]): void {
  const order = BENCHMARKS.map((benchmark) => benchmark.name);
  const blocks = MODES.map((blockMode) => {
    const name = `summary-${blockMode}`;
    const previous = readMarkedBlock(DOCS_FILE, name);
    if (blockMode !== mode) return markedBlock(name, previous ?? `_No ${blockMode} run recorded yet._`);
    const recordedNames = new Set(recorded.map((entry) => entry.name));
    const carried = previous
      ? parseTableCells(previous).filter((cells) => !recordedNames.has(benchmarkNameOf(cells[0] ?? "")))
      : [];
    const carriedCommands =
      carried.length > 0 ? [...(previous?.split("\n")[0] ?? "").matchAll(/`([^`]+)`/g)].map((match) => match[1]!) : [];
    const body = [...recorded.flatMap((entry) => entry.rows.map(rowCells)), ...carried].sort(
      (a, b) => order.indexOf(benchmarkNameOf(a[0] ?? "")) - order.indexOf(benchmarkNameOf(b[0] ?? "")),
    );
    const commands = [...new Set([...recorded.map((entry) => entry.command), ...carriedCommands])]
      .map((command) => `\`${command}\``)
      .join(", ");
    const title = blockMode === "full" ? "Full sizes (docs/design.md#targets)" : "Quick sizes";
    return markedBlock(name, `### ${title} — ${commands}\n\n${renderCells(body)}`);
  });
  replaceSection(DOCS_FILE, SUMMARY_HEADING, [SUMMARY_INTRO, ...blocks].join("\n\n"));
}

type RecordedResult = { name: string; command: string; rows: BenchResult["rows"]; details: unknown };

/**
 * The mode's results file after this run: this run's benchmarks replace their own entries, the others'
 * stay (so `--only` runs build up one file), each entry with the command that measured it, in issue order.
 */
function mergeResults(
  mode: BenchMode,
  file: string,
  command: string,
  results: readonly BenchResult[],
): { mode: BenchMode; results: RecordedResult[] } {
  const previous: RecordedResult[] = existsSync(file)
    ? ((JSON.parse(readFileSync(file, "utf8")) as { results?: RecordedResult[] }).results ?? [])
    : [];
  const byName = new Map(
    previous.filter((entry) => typeof entry.command === "string").map((entry) => [entry.name, entry]),
  );
  for (const { name, rows, details } of results) byName.set(name, { name, command, rows, details });
  const order = BENCHMARKS.map((benchmark) => benchmark.name);
  return { mode, results: [...byName.values()].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name)) };
}

async function main(): Promise<number> {
  const args = parseCommandLine(process.argv.slice(2));
  // First signal: stop waiting, so the running benchmark cleans up (processes, database); second: exit now.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (benchAbort.signal.aborted) process.exit(130);
      console.error(`${signal}: stopping after cleanup (again to exit at once)`);
      benchAbort.abort();
    });
  }
  if (args.help) {
    console.log(usage());
    return 0;
  }
  const command = ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" ");
  const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const results: BenchResult[] = [];
  const failures: string[] = [];
  for (const benchmark of args.selected) {
    log(`${benchmark.name}: ${benchmark.description} — ${args.mode} mode`);
    try {
      results.push(
        await benchmark.run({
          mode: args.mode,
          workerCounts: args.workerCounts,
          size: args.size,
          repeats: args.repeats,
          command,
          log,
        }),
      );
    } catch (error) {
      failures.push(`${benchmark.name}: ${error instanceof Error ? error.message : String(error)}`);
      log(`${benchmark.name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  const rows = results.flatMap((result) => result.rows);
  if (rows.length > 0) console.log(`\n${renderTable(rows)}\n`);
  if (args.shouldWrite && results.length > 0) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${args.mode}.json`);
    const mergedResults = mergeResults(args.mode, file, command, results);
    writeFileSync(file, `${JSON.stringify(mergedResults, null, 2)}\n`);
    for (const result of results) {
      writeDocs(args.mode, result);
      for (const other of result.docs.otherFiles ?? [])
        writeCapacityBlock(path.join(ROOT, other.file), other.block, other.markdown);
    }
    writeSummary(args.mode, mergedResults.results);
    log(`wrote ${path.relative(ROOT, file)} and ${path.relative(ROOT, DOCS_FILE)}`);
  }
  for (const failure of failures) console.error(`FAILED ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
