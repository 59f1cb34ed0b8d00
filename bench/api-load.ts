/**
 * API load benchmark (DESIGN.md §11; issue 10 #8): 1,000 concurrent simulated users with real sessions on
 * the tRPC endpoints behind youtube.myVideos, imports.importVideos and sources.list — p50/p95/p99 and
 * error counts, 429s (our rate limits) counted apart — against the reviewed system's same three endpoints
 * (bench/baseline/api.ts) under the same load in the same run.
 *
 * Showreel is served by bench/lib/api-server.ts: the app's tRPC route handler (the module `next start`
 * serves) behind node:http in its own process, NODE_ENV=production — not a `next start` of a build, which
 * takes minutes here. Sessions are Better Auth sessions: rows in "Session" and the cookie signed with the
 * server's secret as Better Auth signs it, so every request goes through the real session lookup.
 * Load: bench/lib/load.ts, closed loop, each user cycling myVideos → sources.list → importVideos with a
 * think time between requests. Loopback only; bounded by duration.
 */
import { createHmac, randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import type pg from "pg";
import { DEMO_ACCESS_TOKEN, DEMO_CHANNEL_ID } from "../emulator/demo-world";
import { benchAppEnv, type AppSettings } from "./lib/app-processes";
import { createRunScope, openBenchDatabase } from "./lib/run-scope";
import { driverInput } from "./lib/driver";
import { startEmulator } from "./lib/emulator";
import { runLoad, type LoadRequest, type LoadResult } from "./lib/load";
import { machineLine, type MachineInfo } from "./lib/machine";
import { cpuBetween, snapshotCpu } from "./lib/cpu";
import { peakRssBytesOf, startTsProcess, type BenchProcess } from "./lib/processes";
import { formatNumber, summarize } from "./lib/stats";
import { formatFigure, renderTable } from "./lib/table";
import type { Benchmark, BenchOptions, BenchResult, BenchRow } from "./lib/types";

/** DESIGN.md §11. */
export const TARGET_P95_MS = 500;
/**
 * Quick mode runs 200 users: on this shared 2-core machine 1,000 users plus both servers, the emulator
 * and Postgres take minutes to settle, which the quick run's budget cannot hold; --full runs 1,000.
 */
export const SIZES = { quick: { users: 200, seconds: 8, repeats: 3 }, full: { users: 1_000, seconds: 60, repeats: 3 } } as const;
/** A user reads the page before the next click: 1–3 s between requests (≈ 500 requests/s offered by 1,000 users). */
export const THINK_MS = { min: 1_000, max: 3_000 } as const;
const REQUEST_TIMEOUT_MS = 30_000;
/** Load before the first measured repeat, on each server (at most the repeat's own length). */
const WARM_UP_SECONDS = 5;
const SOURCES_PER_USER = 5;
const SESSION_COOKIE = "better-auth.session_token";
const SETTINGS: AppSettings = { YOUTUBE_DAILY_QUOTA: "1000000000", YOUTUBE_USER_DAILY_QUOTA: "1000000000", DATABASE_POOL_MAX: "20", LOG_LEVEL: "warn" };
const ENDPOINTS = ["myVideos", "sources.list", "importVideos"] as const;

/**
 * A side's load run plus what it cost per request: its server's CPU, this database's Postgres backends',
 * the emulator's and the load generator's (this process), their total, the requests/s the machine's cores
 * could serve at that total cost if nothing else ran, and how busy the whole machine was.
 */
export type ApiSideResult = LoadResult & {
  cpuMsPerRequest: { server: number; postgres: number; emulator: number; loadGenerator: number; total: number };
  cpuCeilingRequestsPerSecond: number;
  machineBusyShare: number;
};
export type ApiRepeat = { repeat: number; showreel: ApiSideResult; baseline: ApiSideResult };
export type ApiLoadResult = {
  users: number;
  seconds: number;
  repeats: ApiRepeat[];
  serverPeakRssMb: { showreel: number; baseline: number };
  databaseServer: string;
  machine: MachineInfo;
  startedAt: string;
};

/** Better Auth's signed cookie value: `<token>.<base64 HMAC-SHA256(secret, token)>`, URI-encoded (better-call). */
export function signedSessionCookie(token: string, secret: string): string {
  const signature = createHmac("sha256", secret).update(token).digest("base64");
  return `${SESSION_COOKIE}=${encodeURIComponent(`${token}.${signature}`)}`;
}

async function seedUsers(pool: pg.Pool, users: number): Promise<{ userIds: string[]; tokens: string[] }> {
  const userIds = Array.from({ length: users }, (_, index) => `bench-api-user-${index}`);
  const tokens = userIds.map(() => randomBytes(24).toString("base64url"));
  await pool.query(
    `INSERT INTO "User" ("id", "name", "email", "emailVerified", "createdAt", "updatedAt")
     SELECT id, 'API user', id || '@bench.showreel.local', true, now(), now() FROM unnest($1::text[]) AS id`,
    [userIds],
  );
  await pool.query(
    `INSERT INTO "Session" ("id", "token", "expiresAt", "userId", "createdAt", "updatedAt")
     SELECT 'bench-session-' || t.ordinality, t.token, now() + interval '7 days', t.user_id, now(), now()
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(user_id, token, ordinality)`,
    [userIds, tokens],
  );
  await pool.query(
    // Each channel's schedule row is inserted parked by a trigger: the load test runs no worker.
    `INSERT INTO "Channel" ("youtubeChannelId", "title", "updatedAt")
     SELECT 'UCbenchApiChannel' || lpad(g::text, 7, '0'), 'Followed channel ' || g, now() FROM generate_series(1, $1::int) AS g`,
    [SOURCES_PER_USER],
  );
  await pool.query(
    `INSERT INTO "ContentSource" ("userId", "channelId", "syncEnabled", "createdAt", "updatedAt")
     SELECT u, c."id", true, now(), now() FROM unnest($1::text[]) AS u CROSS JOIN "Channel" c`,
    [userIds],
  );
  await pool.query(`ANALYZE "User"; ANALYZE "Session"; ANALYZE "ContentSource"`);
  return { userIds, tokens };
}

function trpcGet(path: string, input: unknown): string {
  return `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}

async function startServer(options: { name: string; script: string; env: Record<string, string | undefined>; input: unknown; ready: RegExp }) {
  const input = driverInput(options.input);
  try {
    const { process: server, match } = await startTsProcess({
      name: options.name,
      script: options.script,
      env: { ...options.env, ...input.env },
      // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles both API servers.
      nodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean),
      ready: options.ready,
      timeoutMs: 120_000,
    });
    return { server, url: match[1]!, removeInput: input.remove };
  } catch (error) {
    input.remove();
    throw error;
  }
}

export async function runApiLoadBenchmark(options: { users: number; seconds: number; repeats: number; emulatorInProcess?: boolean; log?: (line: string) => void }): Promise<ApiLoadResult> {
  const log = options.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const scope = createRunScope(log);
  try {
    const { database, pool, machine } = await openBenchDatabase(scope, { prefix: "showreel_bench_api", log });
    const emulator = await startEmulator({ worldSize: 10, seed: "bench-api", dailyQuota: 1_000_000_000, inProcess: options.emulatorInProcess ?? false });
    scope.defer(() => emulator.close());
    const demo = await emulator.control<{ videoIds: string[] }>("GET", `/channels/${DEMO_CHANNEL_ID}`);
    const { userIds, tokens } = await seedUsers(pool, options.users);

    const env = benchAppEnv({ databaseUrl: database.url, emulatorUrl: emulator.url, settings: SETTINGS });
    const secret = env.BETTER_AUTH_SECRET!;
    const processes: BenchProcess[] = [];
    scope.defer(() => Promise.all(processes.map((child) => child.stop(10_000))));
    const showreelServer = await startServer({ name: "api server", script: "bench/lib/api-server.ts", env, input: { userIds }, ready: /^api ready (\S+)$/ });
    processes.push(showreelServer.server);
    scope.defer(async () => showreelServer.removeInput());
    const baselineServer = await startServer({
      name: "baseline api server",
      script: "bench/baseline/api.ts",
      env,
      input: { databaseUrl: database.url, apiBaseUrl: emulator.url, accessToken: DEMO_ACCESS_TOKEN },
      ready: /^baseline api ready (\S+)$/,
    });
    processes.push(baselineServer.server);
    scope.defer(async () => baselineServer.removeInput());
    log(`api server process ${showreelServer.server.pid} at ${showreelServer.url}; baseline process ${baselineServer.server.pid} at ${baselineServer.url}; ${formatNumber(options.users)} users with sessions`);

    // Each user starts at a different point of the cycle, so the mix is even from the first second.
    const endpointFor = (user: number, sequence: number) => ENDPOINTS[(user + sequence) % ENDPOINTS.length]!;
    const cookies = tokens.map((token) => signedSessionCookie(token, secret));
    const videoFor = (user: number, sequence: number) => demo.videoIds[(user + sequence) % demo.videoIds.length]!;
    const showreelRequest = (user: number, sequence: number): LoadRequest => {
      const endpoint = endpointFor(user, sequence);
      const headers = { cookie: cookies[user]!, "content-type": "application/json" };
      if (endpoint === "myVideos") return { endpoint, method: "GET", path: trpcGet("youtube.myVideos", { pageSize: 50 }), headers };
      if (endpoint === "sources.list") return { endpoint, method: "GET", path: trpcGet("sources.list", {}), headers };
      return { endpoint, method: "POST", path: "/api/trpc/imports.importVideos", headers, body: JSON.stringify({ json: { videos: [videoFor(user, sequence)] } }) };
    };
    const baselineRequest = (user: number, sequence: number): LoadRequest => {
      const endpoint = endpointFor(user, sequence);
      const headers = { cookie: `sessionid=${tokens[user]!}`, "content-type": "application/json" };
      if (endpoint === "myVideos") return { endpoint, method: "GET", path: "/api/v1/integrations/youtube/my-videos/?max_results=50", headers };
      if (endpoint === "sources.list") return { endpoint, method: "GET", path: "/api/v1/integrations/content-sources/youtube/", headers };
      return { endpoint, method: "POST", path: "/api/v1/integrations/youtube/import/", headers, body: JSON.stringify({ video_url: `https://www.youtube.com/watch?v=${videoFor(user, sequence)}` }) };
    };
    const load = (origin: string, requestFor: (user: number, sequence: number) => LoadRequest, limitedStatus: number, seconds = options.seconds) =>
      runLoad({
        origin,
        users: options.users,
        durationMs: seconds * 1000,
        thinkMs: THINK_MS,
        timeoutMs: REQUEST_TIMEOUT_MS,
        requestFor,
        // The import endpoints' hourly limits: 429 (ours) and 403 (django-ratelimit's answer in the reviewed system).
        classify: (status, endpoint) => (status >= 200 && status < 300 ? "ok" : status === limitedStatus && endpoint === "importVideos" ? "limited" : "error"),
      });

    // Unmeasured warm-up: both servers' first requests compile their code paths (V8) and open their pools.
    const warmUpSeconds = Math.min(options.seconds, WARM_UP_SECONDS);
    await load(showreelServer.url, showreelRequest, 429, warmUpSeconds);
    await load(baselineServer.url, baselineRequest, 403, warmUpSeconds);
    log(`  warm-up: ${warmUpSeconds} s of load on each server, not measured`);

    const emulatorPids = emulator.pid ? [emulator.pid] : [];
    const measured = async (server: BenchProcess, run: () => Promise<LoadResult>): Promise<ApiSideResult> => {
      const before = await snapshotCpu(pool, [server.pid, ...emulatorPids]);
      const result = await run();
      const cpu = cpuBetween(before, await snapshotCpu(pool, [server.pid, ...emulatorPids]));
      const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, result.requests);
      const parts = { server: perRequest(cpu.of(server.pid)), postgres: perRequest(cpu.postgres), emulator: perRequest(emulator.pid ? cpu.of(emulator.pid) : 0), loadGenerator: perRequest(cpu.harness) };
      const total = parts.server + parts.postgres + parts.emulator + parts.loadGenerator;
      return { ...result, cpuMsPerRequest: { ...parts, total }, cpuCeilingRequestsPerSecond: total > 0 ? (availableParallelism() * 1000) / total : 0, machineBusyShare: cpu.machineBusyShare };
    };
    const repeats: ApiRepeat[] = [];
    for (let repeat = 1; repeat <= options.repeats; repeat += 1) {
      const showreel = await measured(showreelServer.server, () => load(showreelServer.url, showreelRequest, 429));
      const baseline = await measured(baselineServer.server, () => load(baselineServer.url, baselineRequest, 403));
      repeats.push({ repeat, showreel, baseline });
      log(
        `  repeat ${repeat}: Showreel ${formatFigure(showreel.requestsPerSecond)} req/s, p50/p95/p99 ${showreel.latency.p50.toFixed(0)}/${showreel.latency.p95.toFixed(0)}/${showreel.latency.p99.toFixed(0)} ms, ${showreel.errors} errors, ${showreel.limited} × 429; ` +
          `baseline ${formatFigure(baseline.requestsPerSecond)} req/s, ${baseline.latency.p50.toFixed(0)}/${baseline.latency.p95.toFixed(0)}/${baseline.latency.p99.toFixed(0)} ms, ${baseline.errors} errors, ${baseline.limited} × 403; ` +
          `CPU ms/request server ${showreel.cpuMsPerRequest.server.toFixed(2)} Postgres ${showreel.cpuMsPerRequest.postgres.toFixed(2)} emulator ${showreel.cpuMsPerRequest.emulator.toFixed(2)} load ${showreel.cpuMsPerRequest.loadGenerator.toFixed(2)} ` +
          `(baseline total ${baseline.cpuMsPerRequest.total.toFixed(2)}), CPU ceiling ${showreel.cpuCeilingRequestsPerSecond.toFixed(0)} req/s, machine busy ${(showreel.machineBusyShare * 100).toFixed(0)} %`,
      );
      for (const sample of showreel.errorSamples) log(`    Showreel error: ${sample}`);
      for (const sample of baseline.errorSamples) log(`    baseline error: ${sample}`);
    }
    const serverPeakRssMb = { showreel: Math.round(peakRssBytesOf(showreelServer.server.pid) / 1024 ** 2), baseline: Math.round(peakRssBytesOf(baselineServer.server.pid) / 1024 ** 2) };
    return { users: options.users, seconds: options.seconds, repeats, serverPeakRssMb, databaseServer: database.serverSource, machine, startedAt };
  } finally {
    await scope.close();
  }
}

// ─── bench/run.ts glue: rows, table and docs ────────────────────────────────────────────────────────

export function apiLoadRows(result: ApiLoadResult): BenchRow[] {
  const showreel = result.repeats.map((repeat) => repeat.showreel);
  const baseline = result.repeats.map((repeat) => repeat.baseline);
  const p95 = summarize(showreel.map((run) => run.latency.p95));
  const errors = showreel.reduce((sum, run) => sum + run.errors, 0);
  const median = (values: number[]) => formatFigure(summarize(values).median);
  return [
    {
      benchmark: "api-load",
      size: `${formatNumber(result.users)} users × ${result.seconds} s`,
      workers: 1,
      metric: "ms p95 latency",
      stats: p95,
      baseline: summarize(baseline.map((run) => run.latency.p95)),
      better: "lower",
      extra: [
        { label: "p50 / p99", value: `${median(showreel.map((run) => run.latency.p50))} / ${median(showreel.map((run) => run.latency.p99))} ms` },
        { label: "req/s (baseline)", value: `${median(showreel.map((run) => run.requestsPerSecond))} (${median(baseline.map((run) => run.requestsPerSecond))})` },
        { label: "CPU ms/request, all processes (baseline)", value: `${median(showreel.map((run) => run.cpuMsPerRequest.total))} (${median(baseline.map((run) => run.cpuMsPerRequest.total))})` },
        { label: "server CPU ms/request", value: median(showreel.map((run) => run.cpuMsPerRequest.server)) },
        { label: "CPU ceiling", value: `${median(showreel.map((run) => run.cpuCeilingRequestsPerSecond))} req/s` },
        { label: "machine busy", value: `${median(showreel.map((run) => run.machineBusyShare * 100))} %` },
        { label: "errors / 429 (baseline errors / 403)", value: `${errors} / ${showreel.reduce((sum, run) => sum + run.limited, 0)} (${baseline.reduce((sum, run) => sum + run.errors, 0)} / ${baseline.reduce((sum, run) => sum + run.limited, 0)})` },
      ],
      target: `p95 < ${TARGET_P95_MS} ms, 0 errors other than 429`,
      met: p95.median < TARGET_P95_MS && errors === 0,
    },
  ];
}

export const API_LOAD_DOCS_INTRO = `Target (DESIGN.md §11): 1,000 concurrent users on the tRPC API, **p95 < ${TARGET_P95_MS} ms, 0 errors other than 429**.

**Method** (bench/api-load.ts). A fresh migrated database; N users, each with a Better Auth session (a
\`Session\` row and the cookie signed with the server's secret exactly as Better Auth signs it, so every
request goes through the real session lookup), a YouTube connection to the emulator's demo channel and
${SOURCES_PER_USER} followed channels. Showreel is served by bench/lib/api-server.ts: the app's tRPC route handler
(src/app/api/trpc/[trpc]/route.ts, the module \`next start\` serves) behind node:http in its own process,
NODE_ENV=production, DATABASE_POOL_MAX=${SETTINGS.DATABASE_POOL_MAX} — **not** \`next start\` of a production build (it takes
minutes to build here), so Next's routing layer in front of the handler is not measured. The emulator
(its own process) answers the YouTube calls. Load (bench/lib/load.ts, undici, loopback): each user has
its own keep-alive connection and cycles youtube.myVideos (page of 50) → sources.list →
imports.importVideos (one video), each user starting at a different point of the cycle, thinking ${THINK_MS.min / 1000}–${THINK_MS.max / 1000} s between requests; users start at random instants
within one think time; latency is send to last byte. 429s (imports are limited to 10 an hour per user)
are counted apart; any other non-2xx, timeout (${REQUEST_TIMEOUT_MS / 1000} s) or network error is an error. Baseline
(bench/baseline/api.ts, its own process): the reviewed system's my-videos (channels.list + one
playlistItems page + videos.list, then every watch URL of the user's projects loaded), unpaginated
sources list and per-video import task, each request on a new database connection, at most 17 requests
in progress (a pre-fork deployment's workers; this also keeps it within the shared server's connection
slots), under the same load; its hourly import limit answers 403, counted apart like 429. Both sides'
YouTube calls go to the one emulator process. CPU per request is each process's CPU time (/proc) over the
side's measured seconds divided by its requests: the server, this database's Postgres backends, the
emulator, and the load generator (bench/run.ts itself); "CPU ceiling" is the requests/s the machine's cores
could serve at that total cost if nothing else ran. Quick mode runs ${SIZES.quick.users} users (see SIZES in bench/api-load.ts);
--full runs ${SIZES.full.users}. The load generator, both servers,
the emulator and Postgres share the machine's cores.`;

export function apiLoadDocsBlock(result: ApiLoadResult, rows: readonly BenchRow[], command: string): string {
  const lines = result.repeats.flatMap(({ repeat, showreel, baseline }) =>
    (
      [
        ["Showreel", showreel],
        ["baseline", baseline],
      ] as const
    ).map(([side, run]) =>
      [
        repeat,
        side,
        formatNumber(run.requests),
        formatFigure(run.requestsPerSecond),
        `${run.latency.p50.toFixed(0)} / ${run.latency.p95.toFixed(0)} / ${run.latency.p99.toFixed(0)}`,
        ENDPOINTS.map((endpoint) => {
          const figures = run.byEndpoint[endpoint];
          return `${endpoint} ${figures?.latency ? figures.latency.p95.toFixed(0) : "-"}`;
        }).join(", "),
        `${run.cpuMsPerRequest.server.toFixed(2)} / ${run.cpuMsPerRequest.postgres.toFixed(2)} / ${run.cpuMsPerRequest.emulator.toFixed(2)} / ${run.cpuMsPerRequest.loadGenerator.toFixed(2)}`,
        formatFigure(run.cpuCeilingRequestsPerSecond),
        `${(run.machineBusyShare * 100).toFixed(0)} %`,
        run.errors,
        run.limited,
      ].join(" | "),
    ),
  );
  return `### ${formatNumber(result.users)} users × ${result.seconds} s — \`${command}\`

Run ${result.startedAt}. Machine: ${machineLine(result.machine)}. Database: fresh, on the ${result.databaseServer}.
Server peak RSS: Showreel ${result.serverPeakRssMb.showreel} MB, baseline ${result.serverPeakRssMb.baseline} MB.

${renderTable(rows)}

| repeat | side | requests | req/s | p50 / p95 / p99 ms | p95 ms per endpoint | CPU ms/request: server / Postgres / emulator / load generator | CPU ceiling req/s | machine busy | errors | 429 (baseline: 403) |
|---|---|---|---|---|---|---|---|---|---|---|
${lines.map((line) => `| ${line} |`).join("\n")}`;
}

export const apiLoadBenchmark: Benchmark = {
  name: "api-load",
  description: `1,000 concurrent users with sessions on myVideos, importVideos and sources.list: p50/p95/p99, errors, 429s`,
  async run(options: BenchOptions): Promise<BenchResult> {
    const size = SIZES[options.mode];
    const result = await runApiLoadBenchmark({ users: options.size ?? size.users, seconds: size.seconds, repeats: options.repeats ?? size.repeats, log: options.log });
    const rows = apiLoadRows(result);
    return { name: "api-load", rows, details: result, docs: { heading: "API load", intro: API_LOAD_DOCS_INTRO, block: apiLoadDocsBlock(result, rows, options.command) } };
  },
};
