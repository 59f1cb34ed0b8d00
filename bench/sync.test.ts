import { describe, expect, it } from "vitest";
import {
  capacityInputOf,
  halfCycleRates,
  settingsForWorkers,
  WORKER_DB_CONNECTIONS_CAP,
  type SyncBenchmarkResult,
  type SyncRepeat,
} from "./sync";

describe("halfCycleRates", () => {
  it("splits the cycle at the first poll past half-way, so a slower second half shows", () => {
    const progress = [
      { atMs: 1_000, checked: 1_000 },
      { atMs: 2_000, checked: 2_000 },
      { atMs: 3_000, checked: 2_500 },
      { atMs: 5_000, checked: 4_000 },
    ];
    expect(halfCycleRates(progress, 0, 4_000)).toEqual({ first: 1_000, second: 2_000 / 3 });
  });

  it("says nothing when no poll fell between half-way and the end", () => {
    expect(halfCycleRates([{ atMs: 1_000, checked: 4_000 }], 0, 4_000)).toBeNull();
    expect(halfCycleRates([], 0, 4_000)).toBeNull();
  });
});

describe("settingsForWorkers", () => {
  it("caps each process's pool so all of them fit the connections the bench may take", () => {
    expect(settingsForWorkers({ DATABASE_POOL_MAX: "10" }, 2)).toEqual({ DATABASE_POOL_MAX: "10" });
    expect(settingsForWorkers({ DATABASE_POOL_MAX: "50" }, 2).DATABASE_POOL_MAX).toBe(
      String(WORKER_DB_CONNECTIONS_CAP / 2),
    );
  });
});

describe("capacityInputOf", () => {
  it("takes each worker count's medians and the cores other tenants left the measured processes", () => {
    const repeat = (workers: number, checksPerSecond: number, machineBusyShare: number) =>
      ({
        workers,
        checksPerSecond,
        wallSeconds: 100,
        machineBusyShare,
        // 0.6 core of worker, 0.1 of Postgres, 0.1 of emulator over the 100 s cycle.
        cpuSeconds: { workers: [60], postgres: 10, emulator: 10, harness: 1 },
        cpuMsPerCheck: { workers: 0.25, postgres: 0.05, emulator: 0.06, total: 0.36 },
        walBytesPerCheck: 600,
      }) as unknown as SyncRepeat;
    const result = {
      channels: 1_000_000,
      startedAt: "2026-12-06T08:00:00Z",
      machine: {
        cpus: 2,
        cpuModel: "test",
        memoryGiB: 8,
        node: "v24",
        postgres: "PostgreSQL 15",
        loadAverage: [0, 0, 0],
      },
      repeats: [repeat(1, 3_000, 0.5), repeat(1, 3_200, 0.5), repeat(2, 3_500, 0.9)],
    } as unknown as SyncBenchmarkResult;
    const input = capacityInputOf(result, "npm run bench -- --full --only sync");
    expect(input.cores).toBe(2);
    expect(input.runs.map((run) => run.workers)).toEqual([1, 2]);
    expect(input.runs[0]!.checksPerSecond).toBe(3_100);
    expect(input.runs[0]!.cost).toEqual({ workerMs: 0.25, postgresMs: 0.05, upstreamMs: 0.06, walBytes: 600 });
    // Busy 1.0 core of 2, 0.8 of it ours: others took 0.2.
    expect(input.runs[0]!.availableCores).toBeCloseTo(1.8);
    // Busy 1.8 cores, 0.8 ours: others took 1.0.
    expect(input.runs[1]!.availableCores).toBeCloseTo(1.0);
  });
});
