/**
 * The benchmarks' CPU attribution against the lane's real Postgres: a backend that connects, works and
 * disconnects between two snapshots is gone from the live backends the second reads, and is counted by the
 * postmaster's ended children instead.
 */
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "@test/test-db-url";
import { cpuBetween, snapshotCpu } from "./cpu";

describe("Postgres CPU between two snapshots", () => {
  const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
  afterAll(() => pool.end());

  it("counts a backend that connected and ended in between among the ended backends, not the live ones", async () => {
    const before = await snapshotCpu(pool, []);
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    // About a quarter of a second of one backend's CPU on this machine, well above the 10 ms tick.
    await client.query("SELECT count(*) FROM generate_series(1, 3000000)");
    await client.end();
    // The postmaster reaps the ended backend asynchronously; its CPU appears once it has.
    let cpu = cpuBetween(before, await snapshotCpu(pool, []));
    for (let attempt = 0; attempt < 50 && cpu.postgresEnded === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      cpu = cpuBetween(before, await snapshotCpu(pool, []));
    }
    expect(cpu.postgresEnded).toBeGreaterThanOrEqual(0.05);
    // The pool's own backend stayed: it is live in both snapshots and was nearly idle.
    expect(cpu.postgres).toBeLessThan(cpu.postgresEnded);
  });
});
