/**
 * Time to first byte of server-rendered pages through `next start` of the production build: the public
 * portfolio (/u/<handle>) above all, which every visitor from a shared link opens, and the landing page.
 * Written for the strict content security policy (src/proxy.ts): a nonce per response means every page is
 * rendered per request, so this measures what a page costs before and after such a change.
 *
 *   npx tsx bench/page-ttfb.ts [--baseline <commit>] [--requests 200] [--concurrency 8] [--warmup 30] [--projects 60]
 *
 * This checkout's build is reused when `.next` holds a build of the current commit's app sources, otherwise
 * made first (bench/lib/next-app.ts, minutes). `--baseline` also builds that commit (kept in the temp dir
 * for the next run) and serves it beside this one, on the same database: on a machine shared with other
 * work, runs made minutes apart differ more than most changes do, so a before/after comparison is made in
 * one run. A fresh database (bench/lib/database.ts) gets one creator with a public handle and `--projects`
 * public projects (three tools and one category each, with thumbnails and stats), so the portfolio renders
 * its header, filter chips and a full first page.
 *
 * Rows, per path: this build; this build with `Purpose: prefetch`, which the proxy's matcher skips — the same
 * page rendered the same way without the proxy and its nonce, so the difference is the proxy's own cost; and
 * the baseline. Per row: `--warmup` requests unmeasured, then `--requests` one after another, then
 * `--requests` from `--concurrency` keep-alive connections at once, in blocks of BLOCK requests that take
 * turns with the other rows of the path, so a load that changes during the run weighs on every row alike.
 * TTFB is from sending the request to its response headers (Next sends them as the page starts streaming);
 * "total" to the last byte. Server CPU is that `next start` process tree's /proc time over its measured
 * requests. Nothing is written: the figures go into docs by hand, with this command.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { benchAppEnv } from "./lib/app-processes";
import { createBenchDatabase, harnessPool } from "./lib/database";
import { describeMachine, machineLine } from "./lib/machine";
import { ensureBaselineBuild, ensureNextBuild, startNextServer } from "./lib/next-app";
import { percentilesOf } from "./lib/percentiles";
import { treeCpuSecondsOf, type BenchProcess } from "./lib/processes";

const HANDLE = "bench-portfolio";
const USER_ID = "bench-ttfb-creator";
/** Nothing listens here: no page measured calls YouTube, and a call that did would fail loudly. */
const NO_EMULATOR_URL = "http://127.0.0.1:9";
/** Requests per block; the rows of a path take turns block by block. */
const BLOCK = 50;

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    requests: { type: "string", default: "200" },
    concurrency: { type: "string", default: "8" },
    warmup: { type: "string", default: "30" },
    projects: { type: "string", default: "60" },
  },
  strict: true,
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const WARMUP = Number(values.warmup);
const PROJECTS = Number(values.projects);
for (const [name, value] of Object.entries({ REQUESTS, CONCURRENCY, WARMUP, PROJECTS })) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name.toLowerCase()} must be a positive integer`);
}

const log = (line: string) => console.log(`[page-ttfb] ${line}`);

/** One row's source of answers: a server, and the headers its requests carry. */
type Target = { label: string; server: BenchProcess; pool: Pool; headers: Record<string, string> };
type Sample = { ttfbMs: number; totalMs: number };
type Row = {
  target: Target;
  sequential: Sample[];
  concurrent: Sample[];
  cpuSeconds: number;
  concurrentSeconds: number;
  policy: string;
};

async function fetchPage(
  target: Target,
  path: string,
): Promise<Sample & { status: number; policy: string; body: string }> {
  const started = performance.now();
  const response = await target.pool.request({
    method: "GET",
    path,
    headers: { accept: "text/html", ...target.headers },
  });
  const ttfbMs = performance.now() - started;
  const body = await response.body.text();
  const totalMs = performance.now() - started;
  const policy = response.headers["content-security-policy"];
  return {
    ttfbMs,
    totalMs,
    status: response.statusCode,
    policy: Array.isArray(policy) ? policy.join(" | ") : (policy ?? ""),
    body,
  };
}

async function measure(target: Target, path: string, requests: number, concurrency: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next += 1;
        const { ttfbMs, totalMs, status } = await fetchPage(target, path);
        if (status !== 200) throw new Error(`${path}${target.label} answered ${status}`);
        samples.push({ ttfbMs, totalMs });
      }
    }),
  );
  return samples;
}

function describePolicy(policy: string): string {
  const scripts =
    policy
      .split(";")
      .map((entry) => entry.trim())
      .find((entry) => entry.startsWith("script-src")) ?? "(no script-src)";
  return scripts.replace(/'nonce-[^']+'/, "'nonce-…'");
}

async function createPortfolio(databaseUrl: string): Promise<string> {
  const pool = harnessPool(databaseUrl);
  try {
    await pool.query(
      `INSERT INTO "User" ("id", "name", "email", "emailVerified", "handle", "createdAt", "updatedAt")
       VALUES ($1, 'Bench Creator', 'bench-ttfb@bench.showreel.local', true, $2, now(), now())`,
      [USER_ID, HANDLE],
    );
    // Three tools and one category per project, picked by the row number from the seeded catalog.
    await pool.query(
      `WITH tools AS (SELECT array_agg("id" ORDER BY "name") AS ids FROM "Tool"),
            categories AS (SELECT array_agg("id" ORDER BY "name") AS ids FROM "Category"),
            inserted AS (
              INSERT INTO "Project" ("userId", "slug", "title", "description", "youtubeVideoId", "externalUrl", "thumbnailUrl",
                                     "kind", "visibility", "analysisStatus", "publishedAt", "durationSeconds", "viewCount",
                                     "likeCount", "channelTitle", "createdAt", "updatedAt")
              SELECT $1, 'video-' || g, 'Bench portfolio video ' || g, 'A video about making things, number ' || g || '.',
                     lpad(to_hex(g), 11, '0'), 'https://www.youtube.com/watch?v=' || lpad(to_hex(g), 11, '0'),
                     'https://i.ytimg.com/vi/' || lpad(to_hex(g), 11, '0') || '/hqdefault.jpg',
                     'video', 'public', 'fallback', timestamptz '2026-01-01' + g * interval '1 day', 60 + g * 37 % 3600,
                     1000 + g * 7919 % 100000, 10 + g % 500, 'Bench Creator',
                     timestamptz '2026-01-01' + g * interval '1 day', now()
                FROM generate_series(1, $2::int) AS g
              RETURNING "id", "youtubeVideoId"),
            numbered AS (SELECT "id", row_number() OVER (ORDER BY "youtubeVideoId") AS n FROM inserted),
            project_tools AS (
              INSERT INTO "ProjectTool" ("projectId", "toolId")
              SELECT DISTINCT numbered."id", tools.ids[1 + (numbered.n * 3 + k) % array_length(tools.ids, 1)]
                FROM numbered, tools, generate_series(0, 2) AS k
              RETURNING 1)
       INSERT INTO "ProjectCategory" ("projectId", "categoryId")
       SELECT numbered."id", categories.ids[1 + numbered.n % array_length(categories.ids, 1)] FROM numbered, categories`,
      [USER_ID, PROJECTS],
    );
    await pool.query(`ANALYZE "Project"; ANALYZE "ProjectTool"; ANALYZE "ProjectCategory"; ANALYZE "User"`);
    const { rows } = await pool.query<{ title: string }>(
      `SELECT "title" FROM "Project" WHERE "userId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
      [USER_ID],
    );
    return rows[0]!.title;
  } finally {
    await pool.end();
  }
}

/** Every row of one path: warm-up, then the one-at-a-time and the concurrent phases, block by block in turn. */
async function measurePath(
  targets: readonly Target[],
  path: string,
  mustContain: string,
): Promise<{ rows: Row[]; htmlKb: number }> {
  const rows: Row[] = targets.map((target) => ({
    target,
    sequential: [],
    concurrent: [],
    cpuSeconds: 0,
    concurrentSeconds: 0,
    policy: "",
  }));
  let htmlKb = 0;
  for (const row of rows) {
    const first = await fetchPage(row.target, path);
    const found = first.body.includes(mustContain);
    if (first.status !== 200 || !found)
      throw new Error(
        `${path}${row.target.label}: status ${first.status}, "${mustContain}" ${found ? "found" : "missing"}`,
      );
    row.policy = first.policy;
    htmlKb ||= first.body.length / 1024;
    await measure(row.target, path, WARMUP, 1);
  }
  for (const phase of ["sequential", "concurrent"] as const) {
    for (let done = 0; done < REQUESTS; done += BLOCK) {
      for (const row of rows) {
        const cpuBefore = treeCpuSecondsOf(row.target.server.pid);
        const started = performance.now();
        row[phase].push(
          ...(await measure(
            row.target,
            path,
            Math.min(BLOCK, REQUESTS - done),
            phase === "sequential" ? 1 : CONCURRENCY,
          )),
        );
        if (phase === "concurrent") row.concurrentSeconds += (performance.now() - started) / 1000;
        row.cpuSeconds += treeCpuSecondsOf(row.target.server.pid) - cpuBefore;
      }
    }
  }
  return { rows, htmlKb };
}

const format = (ms: number) => ms.toFixed(1);

function renderRow(path: string, row: Row): string {
  const sequential = percentilesOf(row.sequential.map((sample) => sample.ttfbMs));
  const sequentialTotal = percentilesOf(row.sequential.map((sample) => sample.totalMs));
  const concurrent = percentilesOf(row.concurrent.map((sample) => sample.ttfbMs));
  return [
    `${path}${row.target.label}`,
    describePolicy(row.policy),
    `${format(sequential.p50)} / ${format(sequential.p95)}`,
    `${format(sequentialTotal.p50)} / ${format(sequentialTotal.p95)}`,
    `${format(concurrent.p50)} / ${format(concurrent.p95)}`,
    (row.concurrent.length / row.concurrentSeconds).toFixed(0),
    ((row.cpuSeconds * 1000) / (row.sequential.length + row.concurrent.length)).toFixed(1),
  ].join(" | ");
}

async function main(): Promise<void> {
  const build = await ensureNextBuild(log);
  const baseline = values.baseline ? await ensureBaselineBuild(values.baseline, log) : null;
  const database = await createBenchDatabase({ prefix: "showreel_bench_ttfb", log });
  const machinePool = harnessPool(database.url);
  const machine = await describeMachine(machinePool);
  await machinePool.end();
  const newestTitle = await createPortfolio(database.url);
  const env = benchAppEnv({ databaseUrl: database.url, emulatorUrl: NO_EMULATOR_URL, settings: {} });
  const servers: BenchProcess[] = [];
  const pools: Pool[] = [];
  const serve = async (directory?: string) => {
    const { server, url } = await startNextServer({ env, ...(directory ? { directory } : {}) });
    servers.push(server);
    const pool = new Pool(url, { connections: CONCURRENCY, pipelining: 1 });
    pools.push(pool);
    return { server, pool };
  };
  const lines: string[] = [];
  const html: string[] = [];
  try {
    const current = await serve();
    const targets: Target[] = [
      { label: "", ...current, headers: {} },
      { label: " (proxy skipped)", ...current, headers: { purpose: "prefetch" } },
    ];
    if (baseline)
      targets.push({
        label: ` (baseline ${baseline.commit.slice(0, 8)})`,
        ...(await serve(baseline.directory)),
        headers: {},
      });
    for (const [path, mustContain] of [
      [`/u/${HANDLE}`, newestTitle],
      ["/", "as a portfolio"],
    ] as const) {
      const { rows, htmlKb } = await measurePath(targets, path, mustContain);
      html.push(`${path} ${htmlKb.toFixed(0)} KB`);
      lines.push(...rows.map((row) => `| ${renderRow(path, row)} |`));
    }
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
    await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
  }
  const built = build.commit?.slice(0, 8) ?? "uncommitted sources";
  console.log(
    `\nMachine: ${machineLine(machine)}; at end ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(" / ")}. This build: ${build.reused ? "reused" : "made"}, ${built}.`,
  );
  console.log(
    `Per row: ${REQUESTS} requests one at a time, then ${REQUESTS} over ${CONCURRENCY} connections, after ${WARMUP} unmeasured, in blocks of ${BLOCK} taking turns with the path's other rows; portfolio of ${PROJECTS} public projects (HTML: ${html.join(", ")}).\n`,
  );
  console.log(
    `| path | script-src | TTFB p50 / p95 ms, one at a time | total p50 / p95 ms, one at a time | TTFB p50 / p95 ms, ${CONCURRENCY} at once | req/s, ${CONCURRENCY} at once | server CPU ms/request |`,
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const line of lines) console.log(line);
}

await main();
