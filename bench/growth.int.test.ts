/**
 * CI smoke test of the growth benchmark (bench/growth.ts) at a tiny size: the history is generated, the
 * pruning catches up and then keeps every pruned table flat over the simulated days, never touching a
 * queued, running or waiting import run, and nothing older than its rule is left at the end.
 */
import { describe, expect, it } from "vitest";
import { RETENTION_POLICIES } from "~/lib/retention/policies";
import { MAX_CHUNK_ROWS } from "~/lib/retention/prune-expired-rows";
import { runGrowthBenchmark, settledTables } from "./growth";

describe("growth benchmark", () => {
  it("settles every pruned table at its retention over 15 simulated days", async () => {
    const result = await runGrowthBenchmark({
      users: 200,
      channels: 1_000,
      days: 15,
      runEveryMinutes: 240,
      vacuumDaily: false,
    });

    const [before, afterFirst, last] = [result.checkpoints[0]!, result.checkpoints[1]!, result.checkpoints.at(-1)!];
    expect(last.day).toBe(15);
    expect(result.catchUp.pruned).toBeGreaterThan(0);
    expect(Math.max(result.catchUp.largest, result.daily.largest)).toBeLessThanOrEqual(MAX_CHUNK_ROWS);
    expect(result.unfinishedRuns.before).toBeGreaterThan(0);
    expect(result.unfinishedRuns.after).toBe(result.unfinishedRuns.before);
    // The backlog the first pruning removed: done video ids past 2 days, expired verifications and rate-limit windows.
    for (const table of ["SyncVideo", "Verification", "RateLimit"] as const) {
      expect(afterFirst.tables[table]!.rows, table).toBeLessThan(before.tables[table]!.rows);
    }
    const settled = settledTables(result);
    expect(settled.map((entry) => entry.table).sort()).toEqual(
      (Object.keys(last.tables) as (keyof typeof RETENTION_POLICIES)[])
        .filter((table) => !("boundedBy" in RETENTION_POLICIES[table]))
        .sort(),
    );
    expect(settled.filter((entry) => !entry.isSettled)).toEqual([]);
    // Tables bounded by construction did not move at all.
    for (const table of ["User", "Channel", "ContentSource"] as const)
      expect(last.tables[table]!.rows).toBe(before.tables[table]!.rows);
  }, 300_000);
});
