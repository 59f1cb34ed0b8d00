/**
 * Fault: Postgres restarts while the web and a worker are under load. A separate embedded PostgreSQL (its
 * own data directory and port, so the shared server is never touched) holds a fresh migrated database;
 * a real worker process and a web process (the App Router's route modules behind node:http, see
 * test/web-routes-process.ts) point at it. Half the imports are queued before the restart, half
 * after it.
 * Checked: /api/ready answers 503 while the database is down and 200 again soon after; the worker survives
 * (same process, no crash) and reconnects; every job queued before and after completes — no job lost,
 * no project twice.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PgBoss } from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { enqueue } from "~/lib/jobs/enqueue";
import { importVideosJob } from "~/lib/jobs/import-videos.job";
import { createBoss } from "~/server/boss";
import { applyMigrations } from "../scripts/db/apply-migrations";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../scripts/db/embedded-postgres";
import { ensureDatabase, withDatabase } from "../scripts/db/ensure-database";
import { prepareJobQueues } from "../scripts/db/prepare-job-queues";
import {
  channelWithUploads,
  control,
  killStartedWorkers,
  printOutcome,
  sleep,
  startReadyWorker,
  until,
} from "@test/fault-harness";
import { freePort } from "@test/free-port";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.join(ROOT, `.data/pg-fault-${randomUUID().slice(0, 8)}`);
const RUNS_BEFORE = 10;
const RUNS_AFTER = 10;
const VIDEOS_PER_RUN = 10;
const DOWN_MS = 5_000;

let server: EmbeddedDatabase | undefined;
let web: ChildProcess | undefined;
let client: PrismaClient | undefined;
let sender: PgBoss | undefined;

afterAll(async () => {
  killStartedWorkers();
  web?.kill("SIGKILL");
  await sender?.stop({ graceful: false }).catch(() => {});
  await client?.$disconnect().catch(() => {});
  await server?.stop().catch(() => {});
  // As root the server keeps its data outside the checkout (scripts/db/embedded-postgres.ts).
  await rm(server?.dataDir ?? DATA_DIR, { recursive: true, force: true });
  await control("DELETE", "/faults");
});

/**
 * Picked free when the test starts and kept for the restart: a fixed port collided with an embedded server an
 * interrupted earlier run had left behind (the test then found a server "already running" and failed).
 */
let port: number | undefined;
const startServer = async () => startEmbeddedPostgres({ dataDir: DATA_DIR, port: (port ??= await freePort()) });

async function startWeb(databaseUrl: string): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/web-routes-process.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  web = child;
  let output = "";
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  await until(
    async () => /web ready \d+/.test(output),
    "the web process",
    60_000,
    () => output,
  );
  return Number(/web ready (\d+)/.exec(output)?.[1]);
}

async function queueRuns(
  userId: string,
  videoIds: readonly string[],
  count: number,
  offset: number,
): Promise<string[]> {
  const runIds: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const videos = videoIds.slice((offset + index) * VIDEOS_PER_RUN, (offset + index + 1) * VIDEOS_PER_RUN);
    const run = await client!.importRun.create({
      data: {
        userId,
        kind: "videos",
        total: videos.length,
        label: `${videos.length} videos`,
        params: { videoIds: videos },
      },
      select: { id: true },
    });
    await enqueue(sender!, importVideosJob, { runId: run.id, batch: 0, videoIds: videos });
    runIds.push(run.id);
  }
  return runIds;
}

describe("Postgres restart", () => {
  it("during load: the web answers 503 then recovers, the worker reconnects, no job is lost", async () => {
    server = await startServer();
    expect(server.wasRunning).toBe(false);
    const url = withDatabase(server.serverUrl, "showreel_fault_pg");
    await ensureDatabase(url);
    await applyMigrations({ connectionString: url });
    await prepareJobQueues(url);
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
    sender = createBoss({ role: "sender", connectionString: url, max: 2 });
    await sender.start();

    const channel = await channelWithUploads((RUNS_BEFORE + RUNS_AFTER) * VIDEOS_PER_RUN);
    const userId = randomUUID();
    await client.user.create({ data: { id: userId, name: "Restart", email: `${userId}@fault.test` } });
    const port = await startWeb(url);
    const readyStatus = async () => (await fetch(`http://127.0.0.1:${port}/api/ready`).catch(() => null))?.status ?? 0;
    // The first probe also loads Prisma's engine and opens the pool, which can outlast the 2 s probe timeout.
    await until(async () => (await readyStatus()) === 200, "/api/ready to answer 200", 30_000);

    // Slow replies keep jobs in flight across the restart.
    await control("POST", "/faults", { kind: "latency", endpoint: "videos", latencyMs: 700 });
    const worker = await startReadyWorker({ DATABASE_URL: url, AI_BASE_URL: "" });
    const before = await queueRuns(userId, channel.videoIds, RUNS_BEFORE, 0);
    await until(
      async () => (await client!.importRun.count({ where: { id: { in: before }, status: "done" } })) > 0,
      "the first run to finish",
      60_000,
    );

    const doneAtRestart = await client.importRun.count({ where: { id: { in: before }, status: "done" } });
    await server.stop();
    const downAt = Date.now();
    const statusesWhileDown: number[] = [];
    while (Date.now() - downAt < DOWN_MS) {
      statusesWhileDown.push(await readyStatus());
      await sleep(250);
    }
    server = await startServer();
    const upAt = Date.now();
    await until(async () => (await readyStatus()) === 200, "/api/ready to answer 200 again", 30_000);
    const webRecoveredInMs = Date.now() - upAt;

    const after = await queueRuns(userId, channel.videoIds, RUNS_AFTER, RUNS_BEFORE);
    const all = [...before, ...after];
    await until(
      async () => (await client!.importRun.count({ where: { id: { in: all }, status: "done" } })) === all.length,
      "every run to finish",
      150_000,
      () => worker.output().slice(-3000),
    );
    const allDoneAfterRestartMs = Date.now() - upAt;
    const workerAlive = worker.child.exitCode === null && worker.child.signalCode === null;

    const runs = await client.importRun.findMany({
      where: { id: { in: all } },
      select: { imported: true, skipped: true, failed: true, total: true },
    });
    const [projects] = await client.$queryRaw<{ projects: bigint; distinct_videos: bigint }[]>`
      SELECT count(*) AS projects, count(DISTINCT "youtubeVideoId") AS distinct_videos FROM "Project" WHERE "userId" = ${userId}`;
    const [jobs] = await client.$queryRaw<{ unfinished: bigint; dead: bigint; retries: bigint | null }[]>`
      SELECT count(*) FILTER (WHERE state::text NOT IN ('completed')) AS unfinished,
             count(*) FILTER (WHERE name LIKE '%.dead-letter') AS dead,
             sum(retry_count) AS retries
        FROM pgboss.job WHERE name LIKE 'youtube.import-videos%'`;
    const expected = all.length * VIDEOS_PER_RUN;
    expect(statusesWhileDown.filter((status) => status === 503).length).toBeGreaterThan(0);
    expect(statusesWhileDown.every((status) => status === 503 || status === 200)).toBe(true);
    expect(workerAlive).toBe(true);
    expect(runs.reduce((sum, run) => sum + run.imported, 0)).toBe(expected);
    expect(runs.every((run) => run.imported + run.skipped + run.failed === run.total)).toBe(true);
    expect(Number(projects?.projects)).toBe(expected);
    expect(Number(projects?.projects) - Number(projects?.distinct_videos)).toBe(0);
    expect(Number(jobs?.unfinished)).toBe(0);
    expect(Number(jobs?.dead)).toBe(0);

    printOutcome("postgres_restart", {
      downMs: DOWN_MS,
      runsDoneAtRestart: doneAtRestart,
      readyWhileDown: {
        "503": statusesWhileDown.filter((status) => status === 503).length,
        other: statusesWhileDown.filter((status) => status !== 503).length,
      },
      webRecoveredInMs,
      workerSurvived: workerAlive,
      allDoneAfterRestartMs,
      runs: all.length,
      imported: runs.reduce((sum, run) => sum + run.imported, 0),
      projects: Number(projects?.projects),
      duplicates: Number(projects?.projects) - Number(projects?.distinct_videos),
      jobsLost: Number(jobs?.unfinished),
      deadLetters: Number(jobs?.dead),
      retriesUsed: Number(jobs?.retries ?? 0),
    });
  });
});
