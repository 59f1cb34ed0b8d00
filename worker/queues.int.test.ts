/**
 * Queue declaration at `db:migrate`: every queue gets its own table, and a queue created before that (in
 * pg-boss's shared table) is re-created with its waiting and running jobs kept. Its own database, so the
 * drop and re-create touch no other test's jobs.
 */
import pg from "pg";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBoss } from "~/server/boss";
import { createTestDatabase, type TestDatabase } from "../scripts/db/test-database";
import { importVideosJob } from "~/lib/jobs/import-videos.job";
import { JOB_CONTRACTS } from "./handlers";
import { declareQueues, RETIRED_QUEUES } from "./queues";

let database: TestDatabase;
let boss: PgBoss;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "showreel_queues" });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  boss = createBoss({ role: "installer", connectionString: database.url, max: 2 });
  await boss.start();
}, 120_000);

afterAll(async () => {
  await boss?.stop({ graceful: false });
  await client?.end();
  await database?.drop();
});

const queueRows = async () =>
  (
    await client.query<{ name: string; partition: boolean; policy: string; notify: boolean }>(
      `SELECT name, partition, policy, notify FROM pgboss.queue ORDER BY name`,
    )
  ).rows;

describe("declareQueues", () => {
  it("moves a v1 queue (shared table) to its own table without losing a queued or running job", async () => {
    // As a v1 deployment left it (the test database was migrated with today's queues): the queue in the
    // shared table, one job waiting, one running.
    await boss.deleteQueue("youtube.import-videos");
    await boss.createQueue("youtube.import-videos", {
      policy: "standard",
      deadLetter: "youtube.import-videos.dead-letter",
    });
    expect(await boss.getQueue("youtube.import-videos")).toMatchObject({ partition: false, table: "job_common" });
    const waiting = await boss.send("youtube.import-videos", {
      runId: "0193a000-0000-7000-8000-00000000000a",
      videoIds: ["aaaaaaaaaaa"],
    });
    const running = await boss.send("youtube.import-videos", {
      runId: "0193a000-0000-7000-8000-00000000000b",
      videoIds: ["bbbbbbbbbbb"],
    });
    await client.query(`UPDATE pgboss.job SET state = 'active', started_on = now() WHERE id = $1`, [running]);

    await declareQueues(boss, JOB_CONTRACTS);
    const queues = await queueRows();
    const mine = queues.filter((row) => JOB_CONTRACTS.some((contract) => contract.name === row.name));
    expect(mine).toHaveLength(JOB_CONTRACTS.length);
    expect(mine.every((row) => row.partition)).toBe(true);
    expect(mine.find((row) => row.name === "youtube.import-videos")).toMatchObject({
      notify: importVideosJob.queue.notify ?? false,
      policy: "standard",
    });

    const jobs = (
      await client.query<{ id: string; state: string; data: { runId: string } }>(
        `SELECT id, state, data FROM pgboss.job WHERE name = 'youtube.import-videos' ORDER BY data->>'runId'`,
      )
    ).rows;
    expect(jobs).toEqual([
      {
        id: waiting,
        state: "created",
        data: expect.objectContaining({ runId: "0193a000-0000-7000-8000-00000000000a" }),
      },
      { id: running, state: "retry", data: expect.objectContaining({ runId: "0193a000-0000-7000-8000-00000000000b" }) },
    ]);
    // A worker can take them from the new table.
    const fetched = await boss.fetch("youtube.import-videos", { batchSize: 5 });
    expect(fetched.map((job) => job.id).sort()).toEqual([waiting, running].sort());

    // A second run finds nothing to re-create: the same jobs, the same queues.
    await declareQueues(boss, JOB_CONTRACTS);
    expect(await queueRows()).toEqual(queues);
    expect(
      Number(
        (await client.query(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'youtube.import-videos'`)).rows[0].n,
      ),
    ).toBe(2);
  }, 60_000);

  it("gives every queue the policy, NOTIFY, retention and retry settings its contract sets", async () => {
    await declareQueues(boss, JOB_CONTRACTS);
    for (const contract of JOB_CONTRACTS) {
      const { retryLimit, retryDelay, retryBackoff, expireInSeconds, heartbeatSeconds } = contract.defaults;
      const defaults = { retryLimit, retryDelay, retryBackoff, expireInSeconds, heartbeatSeconds };
      expect(await boss.getQueue(contract.name)).toMatchObject({
        policy: contract.queue.policy,
        partition: true,
        notify: contract.queue.notify ?? false,
        deleteAfterSeconds: contract.queue.deleteAfterSeconds,
        deadLetter: contract.deadLetter,
        ...Object.fromEntries(Object.entries(defaults).filter(([, value]) => value !== undefined)),
      });
      expect(await boss.getQueue(contract.deadLetter)).toMatchObject({ policy: "standard" });
    }
  }, 60_000);

  it("removes the queues and cron schedules earlier versions used (v1's channel checks, the daily sync.prune-runs)", async () => {
    // As they were left: the check queue with waiting jobs, the scheduler's minute cron, the daily prune's cron.
    for (const name of RETIRED_QUEUES) {
      await boss.createQueue(`${name}.dead-letter`);
      await boss.createQueue(name, { policy: "exclusive", deadLetter: `${name}.dead-letter` });
    }
    await boss.send("sync.check-channel", { channelId: "0193a000-0000-7000-8000-00000000000c", trigger: "schedule" });
    await boss.schedule("sync.schedule-due", "* * * * *", {});
    await boss.schedule("sync.prune-runs", "43 3 * * *", {});

    await declareQueues(boss, JOB_CONTRACTS);
    const names = (await queueRows()).map((row) => row.name);
    for (const name of RETIRED_QUEUES) {
      expect(names).not.toContain(name);
      expect(names).not.toContain(`${name}.dead-letter`);
    }
    expect((await boss.getSchedules()).map((schedule) => schedule.name)).not.toContain("sync.schedule-due");
    expect((await boss.getSchedules()).map((schedule) => schedule.name)).not.toContain("sync.prune-runs");
    expect(
      Number(
        (await client.query(`SELECT count(*) AS n FROM pgboss.job WHERE name LIKE 'sync.check-channel%'`)).rows[0].n,
      ),
    ).toBe(0);
  }, 60_000);
});
