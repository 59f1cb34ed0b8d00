/**
 * The worker's pg-boss instance deletes completed jobs on its own maintenance visits, which come every
 * MAINTENANCE_INTERVAL_SECONDS (pg-boss's default is a day, so a queue's short deleteAfterSeconds used to
 * mean ~25 hours). Its own database, so the worker instance's background passes touch no other test's jobs.
 */
import pg from "pg";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/db/test-database";
import { createBoss, MAINTENANCE_INTERVAL_SECONDS } from "./boss";

const QUEUE = "test.retention";
let database: TestDatabase;
let boss: PgBoss;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "showreel_boss" });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  boss = createBoss({ role: "worker", connectionString: database.url, max: 2 });
  await boss.start();
  await boss.createQueue(QUEUE, { deleteAfterSeconds: 1 });
}, 120_000);

afterAll(async () => {
  await boss?.stop({ graceful: false });
  await client?.end();
  await database?.drop();
});

const completedJobs = async () =>
  Number(
    (
      await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'`,
        [QUEUE],
      )
    ).rows[0]!.n,
  );
/** As if maintenance last visited the queue this many seconds ago. */
const lastMaintainedSecondsAgo = (seconds: number) =>
  client.query(`UPDATE pgboss.queue SET maintain_on = now() - make_interval(secs => $2) WHERE name = $1`, [
    QUEUE,
    seconds,
  ]);

describe("the worker's pg-boss maintenance", () => {
  it(`visits each queue every ${MAINTENANCE_INTERVAL_SECONDS} s and deletes completed jobs past their retention`, async () => {
    await lastMaintainedSecondsAgo(0);
    for (let index = 0; index < 3; index += 1) await boss.send(QUEUE, { index });
    const jobs = await boss.fetch(QUEUE, { batchSize: 3 });
    expect(jobs).toHaveLength(3);
    await boss.complete(
      QUEUE,
      jobs.map((job) => job.id),
    );
    // Past their 1 s retention (and pg-boss's lag for late commits).
    await new Promise((resolve) => setTimeout(resolve, 6_000));

    // Visited 200 s ago: not due yet, so the jobs stay.
    await lastMaintainedSecondsAgo(200);
    await boss.supervise(QUEUE);
    expect(await completedJobs()).toBe(3);

    // Visited 301 s ago: due (at pg-boss's default of a day it would not be), and the jobs go.
    await lastMaintainedSecondsAgo(301);
    await boss.supervise(QUEUE);
    expect(await completedJobs()).toBe(0);
  }, 60_000);
});
