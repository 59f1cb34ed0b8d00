/**
 * Time to first byte of server-rendered pages through `next start` of the production build: the public
 * portfolio (/u/<handle>) above all, which every visitor from a shared link opens, and the landing page.
 * Written for the strict content security policy (src/proxy.ts): a nonce per response means every page is
 * rendered per request, so this measures what a page costs before and after such a change.
 *
 *   npx tsx bench/page-ttfb.ts [--requests 200] [--concurrency 8] [--warmup 30] [--projects 60]
 *
 * The build is reused when `.next` holds a build of the current commit's app sources, otherwise made first
 * (bench/lib/next-app.ts, minutes). A fresh database (bench/lib/database.ts) gets one creator with a
 * public handle and `--projects` public projects (three tools and one category each, with thumbnails and
 * stats), so the portfolio renders its header, filter chips and a full first page. Per path: `--warmup`
 * requests unmeasured, then `--requests` one after another, then `--requests` from `--concurrency`
 * keep-alive connections at once. TTFB is from sending the request to its response headers (Next sends them
 * as the page starts streaming); "total" to the last byte. Server CPU is the `next start` process tree's
 * /proc time over the measured requests. Nothing is written: the figures go into docs by hand, with this
 * command.
 *
 * Each path is also requested with `Purpose: prefetch`, which the proxy's matcher skips (src/proxy.ts): the
 * same page rendered the same way, without the proxy and its nonce. The two are measured in alternating
 * blocks of BLOCK requests, so a machine whose load changes during the run (other tenants) weighs on both
 * alike; their difference is the proxy's own cost. On a build without a proxy both rows are one code path,
 * and their difference is the run's noise.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { benchAppEnv } from "./lib/app-processes";
import { createBenchDatabase, harnessPool } from "./lib/database";
import { describeMachine, machineLine } from "./lib/machine";
import { ensureNextBuild, startNextServer } from "./lib/next-app";
import { percentilesOf } from "./lib/percentiles";
import { treeCpuSecondsOf } from "./lib/processes";

const HANDLE = "bench-portfolio";
const USER_ID = "bench-ttfb-creator";
/** Nothing listens here: no page measured calls YouTube, and a call that did would fail loudly. */
const NO_EMULATOR_URL = "http://127.0.0.1:9";

const { values } = parseArgs({
  options: {
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

/** Requests per block; the variants take turns block by block. */
const BLOCK = 50;
const VARIANTS = [
  { label: "", headers: {} },
  { label: " (proxy skipped)", headers: { purpose: "prefetch" } },
] as const;
type Variant = (typeof VARIANTS)[number];

type Sample = { ttfbMs: number; totalMs: number };
type FirstResponse = { status: number; policy: string; body: string };

async function fetchPage(pool: Pool, path: string, variant: Variant): Promise<Sample & FirstResponse> {
  const started = performance.now();
  const response = await pool.request({ method: "GET", path, headers: { accept: "text/html", ...variant.headers } });
  const ttfbMs = performance.now() - started;
  const body = await response.body.text();
  const totalMs = performance.now() - started;
  const policy = response.headers["content-security-policy"];
  return { ttfbMs, totalMs, status: response.statusCode, policy: Array.isArray(policy) ? policy.join(" | ") : (policy ?? ""), body };
}

async function measure(pool: Pool, path: string, variant: Variant, requests: number, concurrency: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next += 1;
        const { ttfbMs, totalMs, status } = await fetchPage(pool, path, variant);
        if (status !== 200) throw new Error(`${path} answered ${status}`);
        samples.push({ ttfbMs, totalMs });
      }
    }),
  );
  return samples;
}

function describePolicy(policy: string): string {
  const scripts = policy.split(";").map((entry) => entry.trim()).find((entry) => entry.startsWith("script-src")) ?? "(no script-src)";
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
    const { rows } = await pool.query<{ title: string }>(`SELECT "title" FROM "Project" WHERE "userId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [USER_ID]);
    return rows[0]!.title;
  } finally {
    await pool.end();
  }
}

const format = (ms: number) => ms.toFixed(1);

async function main(): Promise<void> {
  const build = await ensureNextBuild(log);
  const database = await createBenchDatabase({ prefix: "showreel_bench_ttfb", log });
  const machinePool = harnessPool(database.url);
  const machine = await describeMachine(machinePool);
  await machinePool.end();
  const newestTitle = await createPortfolio(database.url);
  const { server, url } = await startNextServer({ env: benchAppEnv({ databaseUrl: database.url, emulatorUrl: NO_EMULATOR_URL, settings: {} }) });
  const pool = new Pool(url, { connections: CONCURRENCY, pipelining: 1 });
  const rows: string[] = [];
  const htmlKb: string[] = [];
  try {
    for (const [path, mustContain] of [[`/u/${HANDLE}`, newestTitle], ["/", "as a portfolio"]] as const) {
      const results = new Map(VARIANTS.map((variant) => [variant, { sequential: [] as Sample[], concurrent: [] as Sample[], cpuSeconds: 0, concurrentSeconds: 0, policy: "" }]));
      for (const variant of VARIANTS) {
        const first = await fetchPage(pool, path, variant);
        if (first.status !== 200 || !first.body.includes(mustContain)) throw new Error(`${path}${variant.label}: status ${first.status}, "${mustContain}" ${first.body.includes(mustContain) ? "found" : "missing"}`);
        results.get(variant)!.policy = first.policy;
        if (variant === VARIANTS[0]) htmlKb.push(`${path} ${(first.body.length / 1024).toFixed(0)}`);
        await measure(pool, path, variant, WARMUP, 1);
      }
      for (const phase of ["sequential", "concurrent"] as const) {
        for (let done = 0; done < REQUESTS; done += BLOCK) {
          for (const variant of VARIANTS) {
            const result = results.get(variant)!;
            const cpuBefore = treeCpuSecondsOf(server.pid);
            const started = performance.now();
            const samples = await measure(pool, path, variant, Math.min(BLOCK, REQUESTS - done), phase === "sequential" ? 1 : CONCURRENCY);
            if (phase === "concurrent") result.concurrentSeconds += (performance.now() - started) / 1000;
            result.cpuSeconds += treeCpuSecondsOf(server.pid) - cpuBefore;
            result[phase].push(...samples);
          }
        }
      }
      for (const variant of VARIANTS) {
        const result = results.get(variant)!;
        const seq = percentilesOf(result.sequential.map((sample) => sample.ttfbMs));
        const seqTotal = percentilesOf(result.sequential.map((sample) => sample.totalMs));
        const con = percentilesOf(result.concurrent.map((sample) => sample.ttfbMs));
        rows.push(
          `| ${path}${variant.label} | ${describePolicy(result.policy)} | ${format(seq.p50)} / ${format(seq.p95)} | ${format(seqTotal.p50)} / ${format(seqTotal.p95)} | ${format(con.p50)} / ${format(con.p95)} | ${(REQUESTS / result.concurrentSeconds).toFixed(0)} | ${((result.cpuSeconds * 1000) / (2 * REQUESTS)).toFixed(1)} |`,
        );
      }
    }
  } finally {
    await pool.close();
    await server.stop();
    await database.drop();
  }
  console.log(`\nMachine: ${machineLine(machine)}. Load average at end ${os.loadavg().map((value) => value.toFixed(2)).join(" / ")}. Build: ${build.reused ? "reused" : "made"} from ${build.commit?.slice(0, 8) ?? "uncommitted sources"}.`);
  console.log(`Per row: ${REQUESTS} requests one at a time, then ${REQUESTS} over ${CONCURRENCY} connections, after ${WARMUP} unmeasured, in blocks of ${BLOCK} alternating with the other row of the path; portfolio of ${PROJECTS} public projects (HTML: ${htmlKb.map((entry) => `${entry} KB`).join(", ")}).\n`);
  console.log(`| path | script-src | TTFB p50 / p95 ms, one at a time | total p50 / p95 ms, one at a time | TTFB p50 / p95 ms, ${CONCURRENCY} at once | req/s, ${CONCURRENCY} at once | server CPU ms/request |`);
  console.log("|---|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
}

await main();
