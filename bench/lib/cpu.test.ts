import { describe, expect, it } from "vitest";
import { cpuBetween } from "./cpu";

describe("Postgres CPU between two snapshots", () => {
  it("takes off what a backend of this database that ended had used before the first snapshot", () => {
    const snapshot = (postgres: [number, number][], postgresEnded: number) => ({
      processes: new Map<number, number>(),
      postgres: new Map(postgres),
      postgresEnded,
      harness: 0,
      machine: { busy: 0, total: 1 },
    });
    // Backend 7 had used 2.0 s and ended with 2.5 s; backend 8 connected in between, used 0.3 s and ended.
    const cpu = cpuBetween(snapshot([[7, 2.0]], 10), snapshot([], 12.8));
    expect(cpu.postgresEnded).toBeCloseTo(0.8, 6);
    expect(cpu.postgres).toBe(0);
  });
});
