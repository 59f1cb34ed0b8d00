/**
 * Reads benchmark (docs/design.md#targets; issue 10 #4): the database time of youtube.myVideos's duplicate
 * flagging and of projects.list when the projects table holds millions of rows, with EXPLAIN ANALYZE of
 * the very statements the app sent (index names printed), against the reviewed system's per-row checks
 * (bench/baseline/reads.ts) in the same run on the same data.
 *
 * A separate bench database is filled by bench/lib/reads-generator.ts (P projects over U users) and
 * dropped at the end. Sampled users are connected to the emulator's demo channel, and 10 of that
 * channel's newest uploads are already their projects, so flagging finds hits. Showreel's figure per call
 * is what Prisma's query events timed for the statements the call sent (the flagging statement for My
 * Videos; every statement for projects.list); p50/p95 are over the sampled users, each repeat.
 */
import type pg from "pg";
import { DEMO_CHANNEL_ID } from "../emulator/demo-world";
import { benchAppEnv, type AppSettings } from "./lib/app-processes";
import { createRunScope, openBenchDatabase } from "./lib/run-scope";
import { runDriver } from "./lib/driver";
import { startEmulator } from "./lib/emulator";
import { machineLine, type MachineInfo } from "./lib/machine";
import { percentilesOf, type Percentiles } from "./lib/percentiles";
import { generateProjects, readsUserId } from "./lib/reads-generator";
import { formatNumber, summarize } from "./lib/stats";
import { formatFigure, renderTable } from "./lib/table";
import type { Benchmark, BenchOptions, BenchResult, BenchRow } from "./lib/types";
import { runBaselineReads } from "./baseline/reads";

/** docs/design.md#targets: 10 ms was the first target; issue 22 asks 2 ms at 5M projects (the statement's overhead included). */
export const TARGET_P95_MS = 2;
export const SIZES = {
  quick: { projects: 200_000, users: 4_000, sampledUsers: 40, repeats: 3 },
  full: { projects: 5_000_000, users: 100_000, sampledUsers: 500, repeats: 3 },
} as const;
/** My Videos' largest page and projects.list's default page (their schemas). */
const PAGE_SIZE = 50;
const LIST_LIMIT = 24;
/** Of the demo channel's newest uploads, this many are already each sampled user's projects. */
const ALREADY_IMPORTED = 10;
const SETTINGS: AppSettings = { YOUTUBE_DAILY_QUOTA: "100000000", YOUTUBE_USER_DAILY_QUOTA: "100000000" };

type Explained = { sql: string; executionMs: number; indexes: string[]; nodes: string[] };
type DriverResult = {
  flaggedOnWarmup: number;
  repeats: { flagMs: number[]; listMs: number[]; listQueries: number }[];
  serverMs: { flag: number[]; list: number[] };
  explain: { myVideosFlag: Explained[]; projectsList: Explained[] };
};
export type ReadsRepeat = {
  repeat: number;
  flag: Percentiles;
  list: Percentiles;
  listQueries: number;
  baselineFlag: Percentiles;
  baselineList: Percentiles;
};
export type ReadsBenchmarkResult = {
  projects: number;
  users: number;
  sampledUsers: number;
  generation: { seconds: number; toolRows: number; tableMb: number };
  flaggedOnWarmup: number;
  repeats: ReadsRepeat[];
  /** Postgres's execution time (EXPLAIN ANALYZE) of the last repeat's statements, over the sampled users. */
  server: { flag: Percentiles; list: Percentiles };
  explain: DriverResult["explain"];
  databaseServer: string;
  machine: MachineInfo;
  startedAt: string;
};

async function seedAlreadyImported(pool: pg.Pool, userIds: readonly string[], videoIds: readonly string[]) {
  await pool.query(
    `INSERT INTO "Project" ("userId", "slug", "title", "youtubeVideoId", "externalUrl", "updatedAt")
     SELECT u, 'demo-' || v, 'Demo upload ' || v, v, 'https://www.youtube.com/watch?v=' || v, now()
       FROM unnest($1::text[]) AS u CROSS JOIN unnest($2::text[]) AS v`,
    [userIds, videoIds],
  );
}

export async function runReadsBenchmark(options: {
  projects: number;
  users: number;
  sampledUsers: number;
  repeats: number;
  emulatorInProcess?: boolean;
  log?: (line: string) => void;
}): Promise<ReadsBenchmarkResult> {
  const log = options.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const scope = createRunScope(log);
  try {
    const { database, pool, machine } = await openBenchDatabase(scope, { prefix: "showreel_bench_reads", log });
    const emulator = await startEmulator({
      worldSize: 10,
      seed: "bench-reads",
      dailyQuota: 1_000_000_000,
      inProcess: options.emulatorInProcess ?? false,
    });
    scope.defer(() => emulator.close());

    const generation = await generateProjects(pool, { users: options.users, projects: options.projects, log });
    const { rows: size } = await pool.query<{ mb: number }>(
      `SELECT (pg_total_relation_size('"Project"') / 1048576)::int AS mb`,
    );
    log(
      `generated ${formatNumber(options.projects)} projects over ${formatNumber(options.users)} users in ${generation.seconds.toFixed(1)} s (Project with indexes: ${formatNumber(size[0]!.mb)} MB)`,
    );

    const step = Math.max(1, Math.floor(options.users / options.sampledUsers));
    const userIds = Array.from({ length: Math.min(options.sampledUsers, options.users) }, (_, index) =>
      readsUserId(index * step),
    );
    const demo = await emulator.control<{ videoIds: string[] }>("GET", `/channels/${DEMO_CHANNEL_ID}`);
    await seedAlreadyImported(pool, userIds, demo.videoIds.slice(0, ALREADY_IMPORTED));
    await pool.query(`ANALYZE "Project"`);

    // The driver times the statements the use cases send by Prisma's query events, off by default in production.
    const env = {
      ...benchAppEnv({ databaseUrl: database.url, emulatorUrl: emulator.url, settings: SETTINGS }),
      DB_QUERY_EVENTS: "true",
    };
    const showreel = await runDriver<DriverResult>({
      name: "reads driver",
      script: "bench/lib/reads-driver.ts",
      env,
      input: { userIds, repeats: options.repeats, pageSize: PAGE_SIZE, listLimit: LIST_LIMIT },
      timeoutMs: 600_000,
    });
    if (showreel.flaggedOnWarmup === 0)
      throw new Error("My Videos flagged no video as imported, though every sampled user has some");

    const repeats: ReadsRepeat[] = [];
    for (const [index, run] of showreel.repeats.entries()) {
      const baseline = await runBaselineReads({
        databaseUrl: database.url,
        userIds,
        pageVideoIds: demo.videoIds.slice(0, PAGE_SIZE),
        listLimit: LIST_LIMIT,
      });
      const repeat = {
        repeat: index + 1,
        flag: percentilesOf(run.flagMs),
        list: percentilesOf(run.listMs),
        listQueries: run.listQueries,
        baselineFlag: percentilesOf(baseline.flagMs),
        baselineList: percentilesOf(baseline.listMs),
      };
      repeats.push(repeat);
      log(
        `  repeat ${repeat.repeat}: myVideos flagging p50/p95 ${repeat.flag.p50.toFixed(2)}/${repeat.flag.p95.toFixed(2)} ms (baseline ${repeat.baselineFlag.p50.toFixed(1)}/${repeat.baselineFlag.p95.toFixed(1)}), ` +
          `projects.list ${repeat.list.p50.toFixed(2)}/${repeat.list.p95.toFixed(2)} ms in ${repeat.listQueries} queries (baseline ${repeat.baselineList.p50.toFixed(1)}/${repeat.baselineList.p95.toFixed(1)})`,
      );
    }
    for (const [name, plans] of Object.entries(showreel.explain)) {
      for (const plan of plans)
        log(`  EXPLAIN ${name}: indexes ${plan.indexes.join(", ") || "none"}; ${plan.executionMs.toFixed(3)} ms`);
    }
    return {
      projects: options.projects,
      users: options.users,
      sampledUsers: userIds.length,
      generation: { ...generation, tableMb: size[0]!.mb },
      flaggedOnWarmup: showreel.flaggedOnWarmup,
      repeats,
      server: { flag: percentilesOf(showreel.serverMs.flag), list: percentilesOf(showreel.serverMs.list) },
      explain: showreel.explain,
      databaseServer: database.serverSource,
      machine,
      startedAt,
    };
  } finally {
    await scope.close();
  }
}

// ─── bench/run.ts glue: rows, table and docs ────────────────────────────────────────────────────────

const indexList = (plans: readonly Explained[]) =>
  [...new Set(plans.flatMap((plan) => plan.indexes))].join(", ") || "none";

export function readsRows(result: ReadsBenchmarkResult): BenchRow[] {
  const size = `${formatNumber(result.projects)} projects, ${formatNumber(result.users)} users`;
  const row = (
    name: string,
    pick: (repeat: ReadsRepeat) => Percentiles,
    pickBaseline: (repeat: ReadsRepeat) => Percentiles,
    plans: readonly Explained[],
    server: Percentiles,
  ): BenchRow => {
    const p95 = summarize(result.repeats.map((repeat) => pick(repeat).p95));
    return {
      benchmark: "reads",
      size,
      workers: 0,
      metric: `ms p95 DB, ${name}`,
      stats: p95,
      baseline: summarize(result.repeats.map((repeat) => pickBaseline(repeat).p95)),
      better: "lower",
      extra: [
        {
          label: "p50",
          value: `${formatFigure(summarize(result.repeats.map((repeat) => pick(repeat).p50)).median)} ms`,
        },
        { label: "Postgres execution p50 / p95", value: `${server.p50.toFixed(3)} / ${server.p95.toFixed(3)} ms` },
        { label: "indexes (EXPLAIN)", value: indexList(plans) },
      ],
      target: `p95 < ${TARGET_P95_MS} ms`,
      met: p95.median < TARGET_P95_MS,
    };
  };
  return [
    row(
      "myVideos flagging",
      (repeat) => repeat.flag,
      (repeat) => repeat.baselineFlag,
      result.explain.myVideosFlag,
      result.server.flag,
    ),
    row(
      "projects.list",
      (repeat) => repeat.list,
      (repeat) => repeat.baselineList,
      result.explain.projectsList,
      result.server.list,
    ),
  ];
}

export const READS_DOCS_INTRO = `Target (docs/design.md#targets): with 5M projects in the database, **DB time p95 < ${TARGET_P95_MS} ms** for My Videos'
duplicate flagging and for the projects list.

**Method** (bench/reads.ts). A separate bench database, dropped at the end, filled by
bench/lib/reads-generator.ts: P projects over U users with set-based \`INSERT … SELECT generate_series\` in
chunks of 250,000 rows (generated inside Postgres, nothing over the wire; consecutive rows belong to
different users, so each user's projects are spread over the heap as interleaved imports leave them),
every third project with a tool, the migrations' indexes maintained while loading, then VACUUM ANALYZE.
Sampled users (spread over the id range) are connected to the emulator's demo channel, and ${ALREADY_IMPORTED} of its
newest uploads are already their projects. A driver process calls the real use cases —
\`listMyVideos\` (page of ${PAGE_SIZE}, emulator over HTTP; first page per user fetched once before measuring, later
ones revalidated by ETag) and \`listProjects\` (default page of ${LIST_LIMIT}) — and takes the database time from
Prisma's query events: the flagging statement for My Videos, the sum of every statement for the list.
These round trips include the client's own scheduling, large on a crowded machine, so Postgres's
execution time (EXPLAIN ANALYZE of each sampled user's statements from the last repeat) is shown beside
them; the target is judged on the round trips. EXPLAIN ANALYZE runs on exactly the SQL and parameters
those calls sent; the index names below come from those plans. Baseline (bench/baseline/reads.ts), same users and data: one existence query per video
of the page, and the list as the newest ${LIST_LIMIT} plus a tools and a categories query per project (N + 1), on one
connection per request opened before the clock starts.`;

export function readsDocsBlock(result: ReadsBenchmarkResult, rows: readonly BenchRow[], command: string): string {
  const lines = result.repeats.map((repeat) =>
    [
      repeat.repeat,
      `${repeat.flag.p50.toFixed(2)} / ${repeat.flag.p95.toFixed(2)} / ${repeat.flag.p99.toFixed(2)}`,
      `${repeat.baselineFlag.p50.toFixed(1)} / ${repeat.baselineFlag.p95.toFixed(1)}`,
      `${repeat.list.p50.toFixed(2)} / ${repeat.list.p95.toFixed(2)} / ${repeat.list.p99.toFixed(2)}`,
      repeat.listQueries,
      `${repeat.baselineList.p50.toFixed(1)} / ${repeat.baselineList.p95.toFixed(1)}`,
    ].join(" | "),
  );
  const plans = Object.entries(result.explain).flatMap(([name, explained]) =>
    explained.map(
      (plan) =>
        `- ${name}: ${plan.nodes.join(" → ")}; indexes **${plan.indexes.join(", ") || "none"}**; execution ${plan.executionMs.toFixed(3)} ms\n  \`${plan.sql.slice(0, 400)}${plan.sql.length > 400 ? " …" : ""}\``,
    ),
  );
  return `### ${formatNumber(result.projects)} projects over ${formatNumber(result.users)} users — \`${command}\`

Run ${result.startedAt}. Machine: ${machineLine(result.machine)}. Database: a separate bench database on the ${result.databaseServer}.
Generated in ${result.generation.seconds.toFixed(1)} s (${formatNumber(result.generation.toolRows)} tool rows; Project with its indexes ${formatNumber(result.generation.tableMb)} MB). ${result.sampledUsers} sampled users.

${renderTable(rows)}

Per repeat (ms; p50 / p95 / p99 over the sampled users):

| repeat | myVideos flagging | baseline per-row p50 / p95 | projects.list | queries per list | baseline N + 1 p50 / p95 |
|---|---|---|---|---|---|
${lines.map((line) => `| ${line} |`).join("\n")}

EXPLAIN ANALYZE of the statements the calls sent (one sampled user):

${plans.join("\n")}`;
}

export const readsBenchmark: Benchmark = {
  name: "reads",
  description: `myVideos flagging and projects.list DB time with EXPLAIN (quick ${formatNumber(SIZES.quick.projects)}, full ${formatNumber(SIZES.full.projects)} projects)`,
  async run(options: BenchOptions): Promise<BenchResult> {
    const size = SIZES[options.mode];
    const projects = options.size ?? size.projects;
    // An explicit --size keeps the mode's projects per user.
    const users = options.size ? Math.max(1, Math.round((options.size * size.users) / size.projects)) : size.users;
    const result = await runReadsBenchmark({
      projects,
      users,
      sampledUsers: size.sampledUsers,
      repeats: options.repeats ?? size.repeats,
      log: options.log,
    });
    const rows = readsRows(result);
    return {
      name: "reads",
      rows,
      details: result,
      docs: {
        heading: "Reads at 5M projects",
        intro: READS_DOCS_INTRO,
        block: readsDocsBlock(result, rows, options.command),
      },
    };
  },
};
