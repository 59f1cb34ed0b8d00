/**
 * A worker process holds at most 10 database connections in total (its app pool, pg-boss's pool and
 * pg-boss's LISTEN), however busy its sync engine and queues are: 100 workers fit a 1,000-connection
 * server. Measured from pg_stat_activity on a database only this worker uses.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../scripts/db/test-database";
import { startWorkerProcess, type WorkerProcess } from "@test/worker-process";

const MAX_CONNECTIONS_PER_WORKER = 10;
const CHANNELS = 2_000;

let database: TestDatabase;
let client: pg.Client;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "showreel_conns" });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
}, 120_000);

afterAll(async () => {
  worker?.child.kill("SIGKILL");
  await client?.end();
  await database?.drop();
});

const otherConnections = async () =>
  Number(
    (
      await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )
    ).rows[0]!.n,
  );

describe("a busy worker's connections", () => {
  it(`stay at or under ${MAX_CONNECTIONS_PER_WORKER} while its engine checks ${CHANNELS} channels and its queues run`, async () => {
    // Followed channels the emulator does not know: every check reads a feed, falls back to the playlist and
    // backs off — the busiest path a check has — so the engine claims, checks and writes back continuously.
    const tag = randomUUID().replaceAll("-", "").slice(0, 6);
    await client.query(
      `INSERT INTO "User" ("id", "name", "email", "updatedAt") VALUES ($1, 'Budget', $1 || '@budget.test', now())`,
      [`budget-${tag}`],
    );
    await client.query(
      `INSERT INTO "Channel" ("youtubeChannelId", "title", "updatedAt")
       SELECT 'UC' || $1 || lpad(n::text, 15, '0') || 'Q', 'Budget ' || n, now() FROM generate_series(1, $2::int) AS n`,
      [tag, CHANNELS],
    );
    await client.query(
      `INSERT INTO "ContentSource" ("userId", "channelId", "updatedAt") SELECT $1, "id", now() FROM "Channel"`,
      [`budget-${tag}`],
    );
    await client.query(`UPDATE "ChannelSchedule" SET "nextCheckAt" = now()`);

    // The app's defaults for pools and concurrency: what a deployment runs.
    worker = startWorkerProcess({ DATABASE_URL: database.url });
    let peak = 0;
    const deadline = Date.now() + 60_000;
    let checked = 0;
    while (Date.now() < deadline) {
      peak = Math.max(peak, await otherConnections());
      checked = Number(
        (
          await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM "ChannelSchedule" WHERE "lastOutcome" IS NOT NULL`,
          )
        ).rows[0]!.n,
      );
      if (checked === CHANNELS && worker.output().includes("worker ready")) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Keep sampling a little after the cycle, while pg-boss's own timers run.
    for (let sample = 0; sample < 40; sample += 1) {
      peak = Math.max(peak, await otherConnections());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(checked).toBe(CHANNELS);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(MAX_CONNECTIONS_PER_WORKER);
  }, 120_000);
});
