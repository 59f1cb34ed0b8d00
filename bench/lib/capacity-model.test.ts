import { describe, expect, it } from "vitest";
import {
  PLANNED_UTILISATION,
  planFleet,
  predictedChecksPerSecond,
  SINGLE_POSTGRES,
  singlePostgresLimit,
} from "./capacity-model";

const cost = { workerMs: 0.2, postgresMs: 0.1, upstreamMs: 0.1, walBytes: 500 };

describe("the sync capacity model", () => {
  it("is bounded by one core per worker process, then by the machine's cores shared by every process", () => {
    // One worker: its own thread is the limit (1 / 0.2 ms).
    expect(predictedChecksPerSecond(cost, 1, 2)).toBe(5_000);
    // Two workers on two cores: the box is (2 cores / 0.4 ms per check in all).
    expect(predictedChecksPerSecond(cost, 2, 2)).toBe(5_000);
    expect(predictedChecksPerSecond(cost, 4, 8)).toBe(20_000);
  });

  it("sizes workers and Postgres for a fleet at a cadence, with headroom", () => {
    const plan = planFleet(cost, 1_000_000, 600);
    expect(plan.checksPerSecond).toBeCloseTo(1_666.67, 1);
    expect(plan.workerCores).toBeCloseTo((1_666.67 * 0.0002) / PLANNED_UTILISATION, 2);
    expect(plan.workers).toBe(1);
    expect(plan.postgresCores).toBeCloseTo((1_666.67 * 0.0001) / PLANNED_UTILISATION, 2);
    expect(plan.fitsOnePostgres).toBe(true);
    expect(planFleet(cost, 10_000_000, 600).workers).toBe(6);
  });

  it("finds where one Postgres server stops being enough, and whether CPU or WAL limits it first", () => {
    const limit = singlePostgresLimit(cost, 600);
    const byCpu = ((SINGLE_POSTGRES.cores * PLANNED_UTILISATION) / 0.0001) * 600;
    const byWal = (SINGLE_POSTGRES.walBytesPerSecond / 500) * 600;
    expect(limit).toEqual({ channels: Math.min(byCpu, byWal), limitedBy: byCpu <= byWal ? "cpu" : "wal" });
    expect(planFleet(cost, Math.ceil(limit.channels * 1.01), 600).fitsOnePostgres).toBe(false);
  });
});
