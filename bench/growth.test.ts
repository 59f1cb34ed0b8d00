// The growth benchmark's settle check (bench/growth.ts settledTables), on made-up checkpoints.
import { describe, expect, it } from "vitest";
import { settledTables, type Checkpoint, type GrowthBenchmarkResult } from "./growth";

const MB = 1024 * 1024;

/** A result with OpsQueueSample (pruned with OpsSample) at these rows and sizes on days 0, 10, 20 and 30. */
function resultWith(sizesMb: readonly number[], rows: readonly number[] = [57_600, 57_600, 57_600, 57_600]) {
  const checkpoints: Checkpoint[] = [0, 10, 20, 30].map((day, index) => ({
    label: `day ${day}`,
    day,
    tables: { OpsQueueSample: { rows: rows[index]!, bytes: sizesMb[index]! * MB } },
  }));
  return { checkpoints, vacuums: 30 } as unknown as GrowthBenchmarkResult;
}

describe("settledTables", () => {
  it("takes a size that swings under its earlier peak for settled (vacuum truncating, new rows extending)", () => {
    // The full run's OpsQueueSample: 11.6 MB on day 10, 9.54 on day 20, 11.6 on day 30.
    const [entry] = settledTables(resultWith([10.3, 11.6, 9.54, 11.6]));
    expect(entry).toMatchObject({ table: "OpsQueueSample", change: 0, isSettled: true });
    expect(entry!.sizeChange).toBeCloseTo(0, 5);
  });

  it("flags a size that grows past its earlier peak by more than 15 %", () => {
    const [entry] = settledTables(resultWith([10, 11, 11.5, 14]));
    expect(entry!.sizeChange).toBeCloseTo((14 - 11.5) / 14, 5);
    expect(entry!.isSettled).toBe(false);
  });

  it("flags rows that keep growing, whatever the size does", () => {
    const [entry] = settledTables(resultWith([20, 20, 20, 20], [50_000, 60_000, 70_000, 80_000]));
    expect(entry!.change).toBeCloseTo((80_000 - 70_000) / 80_000, 5);
    expect(entry!.isSettled).toBe(false);
  });
});
