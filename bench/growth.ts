/**
 * Growth benchmark (issue 23, "Every table bounded"): does every table settle at its retention when the
 * pruning runs as the worker runs it? A separate bench database (dropped at the end) gets the world at
 * U users and C followed channels, then 30 days of activity for every table — more where a table's rule
 * keeps more, so it starts full — with the timestamps that activity would have (bench/lib/growth-activity.ts,
 * generated inside Postgres). Then the clock moves:
 * 1. the first pruning: `pruneExpiredRows` (src/lib/retention/prune-expired-rows.ts, the retention.prune
 *    job's use case, with the worker's chunk, pause and budget) runs until it has caught up with the
 *    backlog, one run per 10-minute tick;
 * 2. each simulated day adds one day of activity, then runs the job every RUN_EVERY_MINUTES of that day
 *    with the clock at each tick, as the cron does;
 * after each day, autovacuum's own trigger rules are applied once (the server's autovacuum works on real
 * time, which a simulated day does not take). Row counts and on-disk sizes (heap, indexes and TOAST) are
 * read at checkpoints; EXPLAIN ANALYZE of every rule's statement (rolled back) at the backlog and at the
 * end shows the index each uses at this size.
 */
import pg from "pg";
import pino from "pino";
import { OTHER_TABLES, PRUNE_RULES, RETENTION_POLICIES, type TableName } from "~/lib/retention/policies";
import {
  MAX_CHUNK_ROWS,
  pruneExpiredRows,
  RUN_BUDGET_MS,
  type PruneRunResult,
} from "~/lib/retention/prune-expired-rows";
import {
  ACTIVITIES,
  countUnfinishedRuns,
  createWorld,
  DAY_MS,
  dayStart,
  HISTORY_DAYS,
  insertDay,
  PROJECTS_PER_USER,
  type GrowthScale,
} from "./lib/growth-activity";
import { machineLine, type MachineInfo } from "./lib/machine";
import { throwIfAborted } from "./lib/processes";
import { createRunScope, openBenchDatabase } from "./lib/run-scope";
import { formatNumber, summarize } from "./lib/stats";
import { renderTable } from "./lib/table";
import type { Benchmark, BenchOptions, BenchResult, BenchRow } from "./lib/types";
import { vacuumAsAutovacuumWould } from "./lib/vacuum";

export const SIZES = {
  quick: { users: 2_000, channels: 20_000, days: 30 },
  full: { users: 100_000, channels: 1_000_000, days: 30 },
} as const;
/** worker/schedules.ts: retention.prune's cron. */
export const RUN_EVERY_MINUTES = 10;
/** The first simulated day starts here; the history lies before it. */
const START = new Date("2027-01-04T00:00:00.000Z");
/** A table has settled when its rows moved by at most this share over the last SETTLE_WINDOW_DAYS… */
const SETTLED_SHARE = 0.05;
/** …and its size grew by at most this (a size moves in steps: it grows until a vacuum frees space to reuse, and may shrink). */
const SETTLED_SIZE_SHARE = 0.15;
const SETTLE_WINDOW_DAYS = 10;

type TableSize = { rows: number; bytes: number };
export type Checkpoint = { label: string; day: number; tables: Partial<Record<TableName, TableSize>> };
export type Explained = { rule: string; step: number; indexes: string[]; seqScans: string[]; executionMs: number };
type RunStats = {
  runs: number;
  seconds: number;
  statements: number;
  largest: number;
  pruned: number;
  maxRunMs: number;
  budgetSpent: number;
};

export type GrowthBenchmarkResult = {
  users: number;
  channels: number;
  days: number;
  runEveryMinutes: number;
  generation: { seconds: number; rows: number };
  catchUp: RunStats;
  daily: RunStats & { runMs: number[] };
  addedPerDay: Partial<Record<TableName, number>>;
  prunedPerDay: Partial<Record<TableName, number>>;
  checkpoints: Checkpoint[];
  explain: { backlog: Explained[]; steady: Explained[] };
  unfinishedRuns: { before: number; after: number };
  vacuums: number;
  databaseServer: string;
  machine: MachineInfo;
  startedAt: string;
};

/** Tables the run reports: every one the activity or the world writes. */
const REPORTED: readonly TableName[] = [
  "User",
  "Account",
  "YouTubeConnection",
  "Channel",
  "ChannelSchedule",
  "ContentSource",
  ...new Set(ACTIVITIES.flatMap((activity) => [activity.table, ...(activity.alsoWrites ?? [])])),
];

async function measureTables(pool: pg.Pool): Promise<Partial<Record<TableName, TableSize>>> {
  const tables: Partial<Record<TableName, TableSize>> = {};
  for (const table of REPORTED) {
    const { rows } = await pool.query<{ rows: number; bytes: string }>(
      `SELECT (SELECT count(*) FROM "${table}")::int AS "rows", pg_total_relation_size('"${table}"') AS "bytes"`,
    );
    tables[table] = { rows: rows[0]!.rows, bytes: Number(rows[0]!.bytes) };
  }
  return tables;
}

/** EXPLAIN ANALYZE of each rule's statements inside a transaction that is rolled back: plans and times at this size. */
async function explainRules(url: string, now: Date): Promise<Explained[]> {
  const client = new pg.Client({ connectionString: url, application_name: "showreel-bench" });
  await client.connect();
  const explained: Explained[] = [];
  try {
    for (const rule of PRUNE_RULES) {
      for (const [index, step] of rule.steps.entries()) {
        await client.query("BEGIN");
        try {
          const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, FORMAT TEXT) ${step.sql}`, [
            MAX_CHUNK_ROWS,
            ...step.values({ now, cursor: "", sweepRows: 1_000 }),
          ]);
          const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
          explained.push({
            rule: rule.id,
            step: index,
            indexes: [
              ...new Set([...plan.matchAll(/(?:using|Bitmap Index Scan on) "?(\w+)"?/g)].map((match) => match[1]!)),
            ],
            seqScans: [...new Set([...plan.matchAll(/Seq Scan on "?(\w+)"?/g)].map((match) => match[1]!))],
            executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN),
          });
        } finally {
          await client.query("ROLLBACK");
        }
      }
    }
  } finally {
    await client.end();
  }
  return explained;
}

function emptyStats(): RunStats {
  return { runs: 0, seconds: 0, statements: 0, largest: 0, pruned: 0, maxRunMs: 0, budgetSpent: 0 };
}

function addRun(stats: RunStats, run: PruneRunResult, prunedPerTable?: Partial<Record<TableName, number>>): void {
  stats.runs += 1;
  stats.seconds += run.elapsedMs / 1000;
  stats.maxRunMs = Math.max(stats.maxRunMs, run.elapsedMs);
  if (run.outcome === "budget_spent") stats.budgetSpent += 1;
  for (const rule of Object.values(run.rules)) {
    stats.statements += rule.statements;
    stats.largest = Math.max(stats.largest, rule.largest);
  }
  for (const [table, rows] of Object.entries(run.pruned) as [TableName, number][]) {
    stats.pruned += rows;
    if (prunedPerTable) prunedPerTable[table] = (prunedPerTable[table] ?? 0) + rows;
  }
}

export async function runGrowthBenchmark(options: {
  users: number;
  channels: number;
  days: number;
  runEveryMinutes?: number;
  /** Apply autovacuum's rules once a simulated day (default); the smoke test, which checks rows only, skips it. */
  vacuumDaily?: boolean;
  log?: (line: string) => void;
}): Promise<GrowthBenchmarkResult> {
  const log = options.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const scale: GrowthScale = { users: options.users, channels: options.channels };
  const runEveryMinutes = options.runEveryMinutes ?? RUN_EVERY_MINUTES;
  const runsPerDay = Math.round((24 * 60) / runEveryMinutes);
  const logger = pino({ level: "silent" });
  const scope = createRunScope(log);
  try {
    const { database, pool, machine } = await openBenchDatabase(scope, { prefix: "showreel_bench_growth", log });
    let vacuums = 0;
    const vacuum = async () => {
      if (options.vacuumDaily ?? true) vacuums += (await vacuumAsAutovacuumWould(database.url)).vacuums;
    };

    const generationStarted = performance.now();
    await createWorld(pool, scale, dayStart(START, -500));
    for (const activity of ACTIVITIES) {
      for (let day = -activity.historyDays; day < 0; day += 1) {
        throwIfAborted();
        await insertDay(pool, activity, scale, START, day);
      }
      log(`  ${activity.name}: ${activity.historyDays} days of history`);
    }
    await vacuum();
    const checkpoints: Checkpoint[] = [
      { label: `${HISTORY_DAYS} days of activity, never pruned`, day: 0, tables: await measureTables(pool) },
    ];
    const generation = {
      seconds: (performance.now() - generationStarted) / 1000,
      rows: Object.values(checkpoints[0]!.tables).reduce((sum, table) => sum + table.rows, 0),
    };
    log(`generated ${formatNumber(generation.rows)} rows in ${generation.seconds.toFixed(1)} s`);
    const unfinishedBefore = await countUnfinishedRuns(pool);
    const backlogExplain = await explainRules(database.url, START);

    // The first pruning: one run per tick until a run catches up.
    const catchUp = emptyStats();
    for (;;) {
      throwIfAborted();
      const run = await pruneExpiredRows({ pool, logger, now: START });
      addRun(catchUp, run);
      if (run.outcome === "caught_up") break;
    }
    log(
      `first pruning: ${catchUp.runs} runs, ${formatNumber(catchUp.pruned)} rows in ${catchUp.seconds.toFixed(1)} s, largest statement ${formatNumber(catchUp.largest)} rows`,
    );
    await vacuum();
    checkpoints.push({ label: "after the first pruning", day: 0, tables: await measureTables(pool) });

    const daily = { ...emptyStats(), runMs: [] as number[] };
    const prunedPerDay: Partial<Record<TableName, number>> = {};
    for (let day = 1; day <= options.days; day += 1) {
      for (const activity of ACTIVITIES) {
        throwIfAborted();
        await insertDay(pool, activity, scale, START, day - 1);
      }
      for (let tick = 1; tick <= runsPerDay; tick += 1) {
        const run = await pruneExpiredRows({
          pool,
          logger,
          now: new Date(dayStart(START, day - 1).getTime() + (tick * DAY_MS) / runsPerDay),
        });
        addRun(daily, run, prunedPerDay);
        daily.runMs.push(run.elapsedMs);
      }
      await vacuum();
      if (day % 5 === 0 || day === options.days) {
        checkpoints.push({ label: `day ${day}`, day, tables: await measureTables(pool) });
        log(`  day ${day}: ${daily.runs} runs so far, longest ${(daily.maxRunMs / 1000).toFixed(2)} s`);
      }
    }
    // Rows a day added = what the table grew by over the simulated days plus what was pruned meanwhile, per day.
    const [afterFirst, last] = [checkpoints[1]!.tables, checkpoints.at(-1)!.tables];
    const addedPerDay: Partial<Record<TableName, number>> = {};
    for (const table of REPORTED)
      addedPerDay[table] = (last[table]!.rows - afterFirst[table]!.rows + (prunedPerDay[table] ?? 0)) / options.days;
    for (const table of Object.keys(prunedPerDay) as TableName[])
      prunedPerDay[table] = prunedPerDay[table]! / options.days;

    const steadyExplain = await explainRules(database.url, dayStart(START, options.days));
    const unfinishedAfter = await countUnfinishedRuns(pool);
    if (unfinishedAfter !== unfinishedBefore)
      throw new Error(
        `unfinished import runs went from ${unfinishedBefore} to ${unfinishedAfter}: retention must never delete them`,
      );
    if (Math.max(catchUp.largest, daily.largest) > MAX_CHUNK_ROWS)
      throw new Error(`a statement touched more than ${MAX_CHUNK_ROWS} rows`);

    return {
      users: options.users,
      channels: options.channels,
      days: options.days,
      runEveryMinutes,
      generation,
      catchUp,
      daily,
      addedPerDay,
      prunedPerDay,
      checkpoints,
      explain: { backlog: backlogExplain, steady: steadyExplain },
      unfinishedRuns: { before: unfinishedBefore, after: unfinishedAfter },
      vacuums,
      databaseServer: database.serverSource,
      machine,
      startedAt,
    };
  } finally {
    await scope.close();
  }
}

// ─── Reading the result ─────────────────────────────────────────────────────────────────────────────

const mb = (bytes: number) => bytes / (1024 * 1024);
const formatMb = (bytes: number) =>
  mb(bytes) < 10 ? mb(bytes).toFixed(2) : formatNumber(mb(bytes), mb(bytes) < 100 ? 1 : 0);

/**
 * How much a pruned table's rows and size moved over the last SETTLE_WINDOW_DAYS, and whether that is settled.
 * Rows are compared with the last checkpoint before the window. Size is compared with the largest size any
 * checkpoint before the window saw: a table at steady state swings between vacuum truncating its end and new
 * rows extending it again, so only a size beyond its earlier peak is growth.
 */
export function settledTables(
  result: GrowthBenchmarkResult,
): { table: TableName; change: number; sizeChange: number; isSettled: boolean }[] {
  const last = result.checkpoints.at(-1)!;
  const beforeWindow = result.checkpoints.filter(
    (checkpoint) => checkpoint.day > 0 && checkpoint.day <= last.day - SETTLE_WINDOW_DAYS,
  );
  const earlier = beforeWindow.at(-1);
  if (!earlier) return [];
  return (Object.keys(last.tables) as TableName[])
    .filter((table) => "rules" in RETENTION_POLICIES[table] || "prunedWith" in RETENTION_POLICIES[table])
    .map((table) => {
      const [before, after] = [earlier.tables[table]!, last.tables[table]!];
      const change = after.rows === before.rows ? 0 : (after.rows - before.rows) / Math.max(after.rows, before.rows, 1);
      const peakBytes = Math.max(...beforeWindow.map((checkpoint) => checkpoint.tables[table]?.bytes ?? 0));
      const sizeChange = (after.bytes - peakBytes) / Math.max(after.bytes, peakBytes, 1);
      const isRowsSettled = Math.abs(change) <= SETTLED_SHARE || Math.abs(after.rows - before.rows) <= 10;
      // Tables of a few pages move by whole pages: under 1 MB, a size change is not a trend.
      const isSizeSettled = sizeChange <= SETTLED_SIZE_SHARE || Math.max(after.bytes, peakBytes) < 1024 * 1024;
      return { table, change, sizeChange, isSettled: isRowsSettled && (result.vacuums === 0 || isSizeSettled) };
    });
}

const percent = (share: number) => `${share >= 0 ? "+" : ""}${(share * 100).toFixed(1)} %`;

/** The table of every reported table: rows a day, then rows and size at each checkpoint, and how they moved at the end. */
export function growthTable(result: GrowthBenchmarkResult): string {
  const shown = result.checkpoints.filter(
    (checkpoint, index) => index < 2 || checkpoint.day % 10 === 0 || index === result.checkpoints.length - 1,
  );
  const last = result.checkpoints.at(-1)!;
  const settled = new Map(settledTables(result).map((entry) => [entry.table, entry]));
  const header = [
    "table",
    "rows added a day",
    ...shown.map((checkpoint) => `rows · MB: ${checkpoint.label}`),
    `moved over the last ${SETTLE_WINDOW_DAYS} days: rows, MB`,
  ];
  const lines = (Object.keys(last.tables) as TableName[]).map((table) => {
    const entry = settled.get(table);
    return [
      table,
      formatNumber(result.addedPerDay[table] ?? 0),
      ...shown.map(
        (checkpoint) =>
          `${formatNumber(checkpoint.tables[table]!.rows)} · ${formatMb(checkpoint.tables[table]!.bytes)}`,
      ),
      entry
        ? `${percent(entry.change)}, ${percent(entry.sizeChange)}${entry.isSettled ? "" : " (not settled)"}`
        : "bounded",
    ];
  });
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...lines.map((cells) => `| ${cells.join(" | ")} |`),
  ].join("\n");
}

function explainLines(plans: readonly Explained[]): string[] {
  return plans.map(
    (plan) =>
      `- ${plan.rule}${plan.step > 0 ? ` (step ${plan.step + 1})` : ""}: indexes **${plan.indexes.join(", ") || "none"}**${plan.seqScans.length > 0 ? `; sequential scans of ${plan.seqScans.join(", ")}` : ""}; ${plan.executionMs.toFixed(2)} ms`,
  );
}

export function growthRows(result: GrowthBenchmarkResult): BenchRow[] {
  const size = `${formatNumber(result.users)} users, ${formatNumber(result.channels)} channels, ${result.days} days`;
  const last = result.checkpoints.at(-1)!;
  const settled = settledTables(result);
  const prunedBytes = (checkpoint: Checkpoint) =>
    (Object.keys(checkpoint.tables) as TableName[])
      .filter((table) => !("boundedBy" in RETENTION_POLICIES[table]))
      .reduce((sum, table) => sum + checkpoint.tables[table]!.bytes, 0);
  const windowStart =
    result.checkpoints
      .filter((checkpoint) => checkpoint.day > 0 && checkpoint.day <= last.day - SETTLE_WINDOW_DAYS)
      .at(-1) ?? result.checkpoints[1]!;
  const unsettled = settled.filter((entry) => !entry.isSettled).map((entry) => entry.table);
  const seqScans = [...new Set(result.explain.steady.flatMap((plan) => plan.seqScans))];
  return [
    {
      benchmark: "growth",
      size,
      workers: 0,
      metric: "rows per statement, most",
      stats: summarize([result.catchUp.largest, result.daily.largest]),
      better: "lower",
      extra: [
        {
          label: "first pruning",
          value: `${result.catchUp.runs} runs, ${formatNumber(result.catchUp.pruned)} rows, ${result.catchUp.seconds.toFixed(1)} s`,
        },
        {
          label: "runs a day",
          value: `${Math.round((24 * 60) / result.runEveryMinutes)}, ${formatNumber(Math.round(result.daily.statements / result.days))} statements`,
        },
      ],
      target: `<= ${formatNumber(MAX_CHUNK_ROWS)}`,
      met: Math.max(result.catchUp.largest, result.daily.largest) <= MAX_CHUNK_ROWS,
    },
    {
      benchmark: "growth",
      size,
      workers: 0,
      metric: "MB, pruned tables",
      stats: summarize([prunedBytes(windowStart), prunedBytes(last)].map(mb)),
      better: "lower",
      extra: [
        { label: "never pruned", value: `${formatMb(prunedBytes(result.checkpoints[0]!))} MB` },
        { label: "not settled", value: unsettled.join(", ") || "none" },
        { label: "sequential scans at the end", value: seqScans.join(", ") || "none" },
      ],
      target: `every pruned table's rows within ±${SETTLED_SHARE * 100} %, size ≤ ${SETTLED_SIZE_SHARE * 100} % over its earlier peak, over the last ${SETTLE_WINDOW_DAYS} days`,
      met: unsettled.length === 0 && settled.length > 0,
    },
    {
      benchmark: "growth",
      size,
      workers: 0,
      metric: "s per run, longest",
      stats: summarize([result.catchUp.maxRunMs / 1000, result.daily.maxRunMs / 1000]),
      better: "lower",
      extra: [{ label: "daily runs that spent their budget", value: String(result.daily.budgetSpent) }],
      target: `within the ${RUN_BUDGET_MS / 1000} s budget plus one statement`,
      met: Math.max(result.catchUp.maxRunMs, result.daily.maxRunMs) < RUN_BUDGET_MS + 10_000,
    },
  ];
}

export const GROWTH_DOCS_INTRO = `Target (issue 23): every table settles at its retention (src/lib/retention/policies.ts) while the
pruning runs as the worker runs it, and no statement deletes more than ${formatNumber(MAX_CHUNK_ROWS)} rows.

**Method** (bench/growth.ts). A separate bench database, dropped at the end: U users (each with a sign-in account, a
YouTube connection and ${PROJECTS_PER_USER} projects: 5M at 100K users), C followed channels with their schedule rows and one
follower each, then ${HISTORY_DAYS} days of
activity for every table — more where the table's rule keeps more (read notifications 91 days, the quota ledger's
user rows 36 and the project's 401, finished import runs 366), so those start full; 3 days for the operations tables,
which their writers used to prune — generated inside Postgres with
the timestamps that activity has (the activity model is in bench/lib/growth-activity.ts). Live-update triggers are
off (nobody listens). The first pruning runs \`pruneExpiredRows\` (the retention.prune job's use case, with the
worker's ${formatNumber(MAX_CHUNK_ROWS)}-row chunks, 100 ms pauses and ${RUN_BUDGET_MS / 1000} s budget) until a run catches up. Then each simulated
day adds a day of activity and runs the job every ${RUN_EVERY_MINUTES} minutes of that day with the clock at each tick, and
autovacuum's trigger rules are applied once a day (the server's autovacuum runs on real time, which a simulated day
does not take). Sizes are \`pg_total_relation_size\` (heap, indexes, TOAST). EXPLAIN ANALYZE of each rule's statements
(rolled back) at the backlog and at the end names the indexes they use at this size.`;

export function growthDocsBlock(result: GrowthBenchmarkResult, rows: readonly BenchRow[], command: string): string {
  return `### ${formatNumber(result.users)} users, ${formatNumber(result.channels)} channels, ${result.days} simulated days — \`${command}\`

Run ${result.startedAt}. Machine: ${machineLine(result.machine)}. Database: a separate bench database on the ${result.databaseServer}.
History: ${formatNumber(result.generation.rows)} rows in ${result.generation.seconds.toFixed(1)} s. First pruning: ${result.catchUp.runs} runs, ${formatNumber(result.catchUp.pruned)} rows in ${result.catchUp.seconds.toFixed(1)} s (${result.catchUp.statements} statements, at most ${formatNumber(result.catchUp.largest)} rows each). Then ${formatNumber(result.daily.runs)} runs over ${result.days} days: ${formatNumber(result.daily.statements)} statements, at most ${formatNumber(result.daily.largest)} rows each, the longest run ${(result.daily.maxRunMs / 1000).toFixed(2)} s, ${result.daily.budgetSpent} that spent their budget. Import runs never finished (queued, running, waiting): ${result.unfinishedRuns.before} before, ${result.unfinishedRuns.after} after. Autovacuum visits applied: ${result.vacuums}.

${renderTable(rows)}

${growthTable(result)}

EXPLAIN ANALYZE with the backlog in place (${formatNumber(MAX_CHUNK_ROWS)}-row chunks):

${explainLines(result.explain.backlog).join("\n")}

At the end:

${explainLines(result.explain.steady).join("\n")}`;
}

/** docs/operations.md's "Data retention" block: every table, its retention, and its size at the end of the run. */
export function retentionDocsBlock(result: GrowthBenchmarkResult, command: string): string {
  const last = result.checkpoints.at(-1)!;
  const lines = (Object.keys(RETENTION_POLICIES) as TableName[]).map((table) => {
    const measured = last.tables[table];
    const policy = RETENTION_POLICIES[table];
    const rule =
      "rules" in policy
        ? "pruned"
        : "prunedWith" in policy
          ? `pruned with ${policy.prunedWith}`
          : `bounded: ${policy.boundedBy}`;
    return `| ${table} | ${policy.retention} | ${rule} | ${measured ? formatNumber(measured.rows) : "not generated"} | ${measured ? formatMb(measured.bytes) : ""} |`;
  });
  const others = Object.entries(OTHER_TABLES).map(([table, reason]) => `| ${table} | ${reason} | bounded | | |`);
  return [
    `Measured by \`${command}\` (run ${result.startedAt}): ${formatNumber(result.users)} users, ${formatNumber(result.channels)} followed channels, after ${result.days} simulated days of pruning every ${result.runEveryMinutes} minutes.`,
    "",
    `| table | retention | enforced | rows at the end | MB (heap + indexes + TOAST) |`,
    `|---|---|---|---|---|`,
    ...lines,
    ...others,
  ].join("\n");
}

export const growthBenchmark: Benchmark = {
  name: "growth",
  description: `every table settles at its retention (quick ${formatNumber(SIZES.quick.users)} users / ${formatNumber(SIZES.quick.channels)} channels, full ${formatNumber(SIZES.full.users)} / ${formatNumber(SIZES.full.channels)})`,
  async run(options: BenchOptions): Promise<BenchResult> {
    const size = SIZES[options.mode];
    // An explicit --size is the number of users; channels keep the mode's ratio.
    const users = options.size ?? size.users;
    const channels = options.size ? Math.round((options.size * size.channels) / size.users) : size.channels;
    const result = await runGrowthBenchmark({ users, channels, days: size.days, log: options.log });
    options.log(`\n${growthTable(result)}\n`);
    const rows = growthRows(result);
    return {
      name: "growth",
      rows,
      details: result,
      docs: {
        heading: "Growth and retention",
        intro: GROWTH_DOCS_INTRO,
        block: growthDocsBlock(result, rows, options.command),
        otherFiles:
          options.mode === "full"
            ? [
                {
                  file: "docs/operations.md",
                  block: "retention-steady-state",
                  markdown: retentionDocsBlock(result, options.command),
                },
              ]
            : [],
      },
    };
  },
};
