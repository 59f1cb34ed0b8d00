/**
 * The /ops reads and the Retry action against real Postgres and real pg-boss queues: jobs are sent,
 * fetched, completed and failed through pg-boss, so durations, dead letters and failures are the rows
 * pg-boss itself writes.
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors";
import { analyzeProjectJob } from "~/lib/jobs/analyze-project.job";
import { systemPingJob } from "~/lib/jobs/system-ping.job";
import { quotaDayDate } from "~/lib/quota/next-reset";
import { PROJECT_QUOTA_SCOPE } from "~/lib/quota/reserve-quota";
import { db, pool } from "~/server/db";
import { testBoss } from "@test/job-harness";
import { getOpsOverview } from "./get-ops-overview";
import { listBreakerStates } from "./list-breaker-states";
import { listDeadLetters } from "./list-dead-letters";
import { listRecentFailures } from "./list-recent-failures";
import { measureJobDurations } from "./measure-job-durations";
import { BOSS_JOB_TABLE } from "./ops-queues";
import { recordBreakerTransition } from "./record-breaker-transition";
import { recordOpsSample } from "./record-ops-sample";
import { retryDeadLetter } from "./retry-dead-letter";

const silent = pino({ level: "silent" });

/** An admin's Retry on one dead letter. */
const retryAsAdmin = async (deadLetterQueue: string, id: string) =>
  retryDeadLetter({ userId: "admin", deadLetterQueue, id, jobs: await testBoss(), logger: silent });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  await (await testBoss()).stop({ graceful: false });
});

/** Fetches everything waiting on `queue` (other tests' jobs too), lets `holdMs` pass, completes it all. */
async function runQueue(queue: string, holdMs: number): Promise<number> {
  const boss = await testBoss();
  const jobs = await boss.fetch(queue, { batchSize: 100 });
  await sleep(holdMs);
  if (jobs.length > 0)
    await boss.complete(
      queue,
      jobs.map((job) => job.id),
    );
  return jobs.length;
}

/** Sends one analyze job marked with `marker`, fetches it and fails it for good: it lands in the dead-letter queue. */
async function deadLetterOne(marker: string, output: object): Promise<string> {
  const boss = await testBoss();
  const id = await boss.send(
    analyzeProjectJob.name,
    { projectId: randomUUID(), marker, accessToken: "ya29.never-shown" },
    { retryLimit: 0 },
  );
  // Fetch until ours comes out; jobs other tests left there are completed on the way.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const [job] = await boss.fetch(analyzeProjectJob.name, { batchSize: 1 });
    if (!job) break;
    if (job.id === id) {
      await boss.fail(analyzeProjectJob.name, job.id, output);
      return id;
    }
    await boss.complete(analyzeProjectJob.name, job.id);
  }
  throw new Error("the analyze job never came out of its queue");
}

describe("measureJobDurations", () => {
  it("gives p50/p95 of run time per queue over a window, and zero for queues with nothing done", async () => {
    const boss = await testBoss();
    const since = new Date(Date.now() - 1000);
    await boss.insert(
      systemPingJob.name,
      Array.from({ length: 6 }, () => ({ data: {} })),
    );
    expect(await runQueue(systemPingJob.name, 150)).toBeGreaterThanOrEqual(6);
    const [ping, renew] = await measureJobDurations({
      queues: [systemPingJob.name, "websub.renew"],
      since,
      until: new Date(),
    });
    expect(ping).toMatchObject({ queue: systemPingJob.name });
    expect(ping!.completed).toBeGreaterThanOrEqual(6);
    expect(ping!.p50Ms).toBeGreaterThanOrEqual(140);
    expect(ping!.p95Ms).toBeGreaterThanOrEqual(ping!.p50Ms!);
    expect(ping!.p95Ms).toBeLessThan(10_000);
    expect(renew).toEqual({ queue: "websub.renew", completed: 0, p50Ms: null, p95Ms: null });

    const before = await measureJobDurations({
      queues: [systemPingJob.name],
      since: new Date(since.getTime() - 60_000),
      until: since,
    });
    expect(before[0]!.completed).toBe(0);
  });
});

describe("dead letters", () => {
  it("lists a dead-lettered job with its queue, error and a redacted payload preview", async () => {
    const marker = randomUUID();
    await deadLetterOne(marker, { error: "analysis exploded at https://llm.test/v1?key=AIzaSecret" });
    const items = await listDeadLetters();
    const item = items.find((entry) => entry.payloadPreview.includes(marker));
    expect(item).toMatchObject({
      deadLetterQueue: analyzeProjectJob.deadLetter,
      queue: analyzeProjectJob.name,
      attempts: 1,
      error: "analysis exploded at https://llm.test/v1?key=[REDACTED]",
    });
    expect(item!.payloadPreview).toContain('"accessToken":"[REDACTED]"');
    expect(item!.payloadPreview).not.toContain("ya29");
  });

  it("Retry sends the payload back to its queue exactly once, however many clicks arrive at once", async () => {
    const marker = randomUUID();
    await deadLetterOne(marker, { error: "boom" });
    const item = (await listDeadLetters()).find((entry) => entry.payloadPreview.includes(marker))!;
    const results = await Promise.all([1, 2, 3].map(() => retryAsAdmin(item.deadLetterQueue, item.id)));
    expect(results.map((result) => result.status).sort()).toEqual(["already_retried", "already_retried", "retried"]);
    const { rows } = await pool.query<{ name: string; state: string }>(
      `SELECT name, state FROM pgboss.job WHERE data->>'marker' = $1 AND state < 'active'`,
      [marker],
    );
    expect(rows).toEqual([{ name: analyzeProjectJob.name, state: "created" }]);
    expect((await listDeadLetters()).some((entry) => entry.id === item.id)).toBe(false);
    // Later clicks, after the list has moved on, still answer without enqueuing.
    await expect(retryAsAdmin(item.deadLetterQueue, item.id)).resolves.toEqual({
      status: "already_retried",
    });
  });

  it("refuses a queue that is not a dead-letter queue", async () => {
    await expect(retryAsAdmin("system.ping", randomUUID())).rejects.toSatisfy(
      (error) => error instanceof AppError && error.code === "INVALID_INPUT",
    );
  });
});

describe("listRecentFailures", () => {
  it("lists jobs that failed for good, newest first, with their error", async () => {
    const marker = randomUUID();
    const id = await deadLetterOne(marker, { error: `failure ${marker}`, code: "INVALID_INPUT" });
    // Only queues pg-boss counts as holding failed jobs are read; its monitor keeps that count. A pass is
    // asked for here, but a pass another process (a worker of a file running alongside) holds makes it a
    // no-op, so ask until the count is in.
    let failures = await listRecentFailures();
    for (
      const deadline = Date.now() + 15_000;
      !failures.some((failure) => failure.id === id) && Date.now() < deadline;
      failures = await listRecentFailures()
    ) {
      await (await testBoss()).supervise(analyzeProjectJob.name);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(failures[0]).toMatchObject({
      id,
      queue: analyzeProjectJob.name,
      attempts: 1,
      error: `INVALID_INPUT: failure ${marker}`,
    });
    const times = failures.map((failure) => failure.failedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // A window that ends before the failure does not see it.
    expect(
      (await listRecentFailures({ now: new Date(Date.now() - 25 * 60 * 60 * 1000) })).some(
        (failure) => failure.id === id,
      ),
    ).toBe(false);
  });
});

describe("breaker transitions", () => {
  it("keep the latest state per upstream and process, even when an older write lands last", async () => {
    const instance = `test-host:${randomUUID().slice(0, 8)}`;
    const opened = new Date(Date.now() - 2000);
    await recordBreakerTransition({
      upstream: "youtube_data_api",
      state: "open",
      instance,
      changedAt: opened,
      logger: silent,
    });
    await recordBreakerTransition({
      upstream: "youtube_data_api",
      state: "half_open",
      instance,
      changedAt: new Date(),
      logger: silent,
    });
    await recordBreakerTransition({
      upstream: "youtube_data_api",
      state: "closed",
      instance,
      changedAt: opened,
      logger: silent,
    });
    const rows = (await listBreakerStates()).filter((row) => row.instance === instance);
    expect(rows).toEqual([expect.objectContaining({ upstream: "youtube_data_api", state: "half_open" })]);
  });
});

describe("getOpsOverview", () => {
  it("charts stored samples with the present appended, and projects today's quota", async () => {
    const now = new Date();
    await db.quotaDay.upsert({
      where: { day_scope: { day: quotaDayDate(now), scope: PROJECT_QUOTA_SCOPE } },
      create: { day: quotaDayDate(now), scope: PROJECT_QUOTA_SCOPE, used: 250, limit: 10_000 },
      update: { used: 250 },
    });
    const boss = await testBoss();
    await boss.insert(systemPingJob.name, [{ data: {} }, { data: {} }, { data: {} }]);
    const sampled = await recordOpsSample({ logger: silent, now: new Date(now.getTime() - 60_000) });

    const overview = await getOpsOverview();
    const ping = overview.queueHistory.find((queue) => queue.queue === systemPingJob.name)!;
    expect(ping.depth.map(([at]) => at)).toContain(sampled.sampledAt.getTime());
    expect(ping.depth.at(-1)![0]).toBe(overview.readAt.getTime());
    expect(overview.quota.used).toBe(250);
    expect(overview.quota.history.at(-1)).toEqual([overview.readAt.getTime(), 250]);
    expect(overview.quota.projectedAtReset).toBeGreaterThanOrEqual(250);
    expect(overview.quota.resetsAt.getTime()).toBeGreaterThan(overview.readAt.getTime());
    expect(overview.syncLag.history.at(-1)![0]).toBe(overview.readAt.getTime());
    expect(overview.queues.find((queue) => queue.name === analyzeProjectJob.deadLetter)?.isDeadLetter).toBe(true);
    expect(overview.deadLetters.total).toBeGreaterThanOrEqual(overview.deadLetters.items.length);
    await runQueue(systemPingJob.name, 0);
  });

  it("counts each job of the last hour once, however the samples fell: a sample after a pause drops nothing", async () => {
    const MINUTE = 60_000;
    const now = new Date();
    const completedInWindow = async () =>
      (await getOpsOverview({ now })).queueHistory.find((queue) => queue.queue === systemPingJob.name)!.completed;
    await db.opsSample.deleteMany({});
    // The sampler ran 30 minutes ago, then paused (a deploy, a stuck worker).
    await recordOpsSample({ logger: silent, now: new Date(now.getTime() - 30 * MINUTE) });
    // A ping that completed 20 minutes ago, after that sample: only the page's live read has counted it.
    await pool.query(
      `INSERT INTO ${BOSS_JOB_TABLE} (name, data, state, started_on, completed_on) VALUES ($1, '{}', 'completed', $2, $3)`,
      [systemPingJob.name, new Date(now.getTime() - 20 * MINUTE - 50), new Date(now.getTime() - 20 * MINUTE)],
    );
    const beforeResume = await completedInWindow();
    expect(beforeResume).toBeGreaterThanOrEqual(1);
    // The sampler resumes: its sample reads back to the previous one, not just its last few minutes.
    await recordOpsSample({ logger: silent, now: new Date(now.getTime() - MINUTE) });
    expect(await completedInWindow()).toBe(beforeResume);
    // With no sample in the window at all, the live read covers the whole hour.
    await db.opsSample.deleteMany({});
    expect(await completedInWindow()).toBe(beforeResume);
  });
});
