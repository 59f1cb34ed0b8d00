/**
 * Shared by the fault lane (fault/*.fault.test.ts): real worker processes started and stopped by the test,
 * emulator channels with a known number of uploads, channel imports started through the tRPC caller as the
 * web does, the pg-boss job states of a run, and the one `fault.<scenario>: {…}` line each scenario prints
 * so the figures in docs/reliability.md are printed ones.
 */
import { randomUUID } from "node:crypto";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { testEmulatorControl } from "./emulator-control";
import { createTestUser } from "./test-user";
import { afterAll, afterEach, expect } from "vitest";
import { testDatabaseUrl } from "./test-db-url";
import { startWorkerProcess, type WorkerProcess } from "./worker-process";

export const control = testEmulatorControl();

const started: WorkerProcess[] = [];

/** A real worker process on the run's database and emulator; resolves once it logged `worker ready`. */
export async function startReadyWorker(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const worker = startWorkerProcess({ DATABASE_URL: testDatabaseUrl(), ...env });
  started.push(worker);
  await until(
    async () => worker.output().includes("worker ready"),
    "worker ready",
    60_000,
    () => worker.output().slice(-2000),
  );
  return worker;
}

/** SIGKILLs every worker a test started and has not stopped (afterAll/afterEach). */
export function killStartedWorkers(): void {
  for (const worker of started.splice(0))
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
}

/**
 * After each scenario: its workers killed, the emulator's faults cleared, then `resetMore` (the clock, the
 * LLM's mode, OAuth settings — whatever else the file changed); after the file, any worker still running.
 */
export function cleanUpAfterEachScenario(resetMore?: () => Promise<void>): void {
  afterEach(async () => {
    killStartedWorkers();
    await control("DELETE", "/faults");
    await resetMore?.();
  });
  afterAll(killStartedWorkers);
}

export async function until(
  probe: () => Promise<boolean>,
  what: string,
  timeoutMs: number,
  detail?: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? `\n${detail()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Prints the scenario's measured outcome as one greppable line (the docs quote these). */
export function printOutcome(scenario: string, figures: Record<string, unknown>): void {
  console.log(`fault.${scenario}: ${JSON.stringify(figures)}`);
}

export type Counters = {
  requests: { total: number; byEndpoint: Record<string, number> };
  oauth: { authorizationCode: number; refreshToken: number; revoke: number; userinfo: number };
  unitsCharged: number;
  maxConcurrentConnections: number;
  llm: { requests: number; failures: number };
};
export const counters = () => control<Counters>("GET", "/counters");

/** An emulator channel with `count` public uploads, made `concurrency` at a time. */
export async function channelWithUploads(count: number, concurrency = 16): Promise<{ id: string; videoIds: string[] }> {
  const channel = await control<{ id: string }>("POST", "/channels", { title: `Fault ${randomUUID().slice(0, 8)}` });
  const videoIds: string[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const made = await Promise.all(
      Array.from({ length: Math.min(concurrency, count - start) }, (_, offset) =>
        control<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
          kind: "video",
          privacy: "public",
          title: `Fault upload ${start + offset}`,
          publishedAt: new Date(Date.UTC(2024, 0, 1) + (start + offset) * 60_000).toISOString(),
        }),
      ),
    );
    videoIds.push(...made.map((video) => video.id));
  }
  return { id: channel.id, videoIds };
}

/** A new user importing `maxVideos` of a channel through the tRPC procedure, as the web does. */
export async function startChannelImport(channelId: string, maxVideos: number) {
  const user = await createTestUser();
  const { runId } = await createCaller(user.context).imports.importChannel({
    channel: channelId,
    maxVideos,
    follow: false,
  });
  return { user, runId };
}

export const importRun = (runId: string) => db.importRun.findUniqueOrThrow({ where: { id: runId } });

/** Waits for the run to be done; `detail` is added to the timeout's message. */
export function untilRunDone(runId: string, what: string, timeoutMs: number, detail?: () => string): Promise<void> {
  return untilRunsDone([runId], what, timeoutMs, detail);
}

/** Waits for every one of the runs to be done. */
export function untilRunsDone(
  runIds: readonly string[],
  what: string,
  timeoutMs: number,
  detail?: () => string,
): Promise<void> {
  return until(
    async () => (await Promise.all(runIds.map(importRun))).every((run) => run.status === "done"),
    what,
    timeoutMs,
    detail,
  );
}

/**
 * The run is done with each of its `videos` imported exactly once: nothing skipped, failed or lost, and its
 * user has one project per video, none twice. `more` holds what else the scenario expects of the run (e.g.
 * `waitReason: null` once a wait is over). Returns the run and the projects for the printed figures.
 */
export async function expectImportedExactly(
  { user, runId }: { user: { id: string }; runId: string },
  videos: number,
  more: Record<string, unknown> = {},
) {
  const run = await importRun(runId);
  const projects = await projectsOf(user.id);
  expect(run).toMatchObject({ status: "done", total: videos, imported: videos, skipped: 0, failed: 0, ...more });
  expect(projects).toEqual({ projects: videos, duplicates: 0 });
  return { run, projects };
}

/** pg-boss states of every job carrying this run id (all attempts and rescheduled copies). */
export async function jobStatesOfRun(runId: string): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<{ name: string; state: string; count: bigint }[]>`
    SELECT name, state::text AS state, count(*) AS count FROM pgboss.job WHERE data->>'runId' = ${runId} GROUP BY name, state`;
  return Object.fromEntries(rows.map((row) => [`${row.name}:${row.state}`, Number(row.count)]));
}

/** Sum of pg-boss retries used by the run's jobs (attempts beyond the first). */
export async function retriesUsedByRun(runId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ retries: bigint | null }[]>`
    SELECT sum(retry_count) AS retries FROM pgboss.job WHERE data->>'runId' = ${runId}`;
  return Number(row?.retries ?? 0);
}

/** Projects of a user and how many (user, video) pairs repeat: the duplicates figure. */
export async function projectsOf(userId: string): Promise<{ projects: number; duplicates: number }> {
  const [row] = await db.$queryRaw<{ projects: bigint; distinct_videos: bigint }[]>`
    SELECT count(*) AS projects, count(DISTINCT "youtubeVideoId") AS distinct_videos FROM "Project" WHERE "userId" = ${userId}`;
  return {
    projects: Number(row?.projects ?? 0),
    duplicates: Number(row?.projects ?? 0) - Number(row?.distinct_videos ?? 0),
  };
}

/** A run is done and every listed video is accounted for exactly once. */
export function accountedFor(run: { total: number; imported: number; skipped: number; failed: number }): number {
  return run.total - (run.imported + run.skipped + run.failed);
}

/** The worker's own /metrics text (its port is in the `worker ready` line). */
export async function workerMetrics(worker: WorkerProcess): Promise<string> {
  const port = Number(/"metricsPort":(\d+)/.exec(worker.output())?.[1]);
  return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
}

/** One sample of a metric by its exact label text, e.g. metricValue(text, 'youtube_circuit_state{upstream="youtube_data_api"}'). */
export function metricValue(text: string, series: string): number | null {
  const line = text.split("\n").find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

/**
 * `count` emulator channels, each followed (auto-sync on, since yesterday) by its own new user, with due
 * Channel rows: set-based SQL as in sync-at-scale.int.test.ts, no quota spent on follows.
 */
export async function followedChannels(count: number): Promise<{ channelIds: string[]; userIds: string[] }> {
  const channelIds: string[] = [];
  const userIds: string[] = [];
  for (let index = 0; index < count; index += 1) {
    channelIds.push(
      (await control<{ id: string }>("POST", "/channels", { title: `Fault sync ${randomUUID().slice(0, 8)}` })).id,
    );
    userIds.push((await createTestUser()).id);
  }
  await db.$executeRaw`
    INSERT INTO "Channel" ("youtubeChannelId", "uploadsPlaylistId", "title", "updatedAt")
    SELECT id, 'UU' || substr(id, 3), 'Fault sync ' || id, now() FROM unnest(${channelIds}::text[]) AS id`;
  await db.$executeRaw`
    INSERT INTO "ContentSource" ("userId", "channelId", "createdAt", "updatedAt")
    SELECT pair.user_id, c."id", now() - interval '1 day', now()
      FROM unnest(${channelIds}::text[], ${userIds}::text[]) AS pair(channel_id, user_id)
      JOIN "Channel" c ON c."youtubeChannelId" = pair.channel_id`;
  return { channelIds, userIds };
}

/** Makes the channels due now: the worker's sync engine claims them within its idle poll (a second). */
export async function scheduleChecksNow(channelIds: readonly string[]): Promise<Date> {
  const at = new Date();
  await db.$executeRaw`
    UPDATE "ChannelSchedule" AS s SET "nextCheckAt" = ${new Date(at.getTime() - 1000)}, "claimToken" = NULL
      FROM "Channel" AS c WHERE c."id" = s."channelId" AND c."youtubeChannelId" = ANY(${[...channelIds]}::text[])`;
  return at;
}

export const channelsCheckedSince = (channelIds: readonly string[], since: Date) =>
  db.channelSchedule.count({
    where: { channel: { youtubeChannelId: { in: [...channelIds] } }, lastCheckedAt: { gte: since } },
  });
