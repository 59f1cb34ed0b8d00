import { describe, expect, it } from "vitest";
import { halfCycleRates, settingsForWorkers, WORKER_DB_CONNECTIONS_CAP } from "./sync";

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
    expect(settingsForWorkers({ DATABASE_POOL_MAX: "50" }, 2).DATABASE_POOL_MAX).toBe(String(WORKER_DB_CONNECTIONS_CAP / 2));
  });
});
