/**
 * CI smoke test of the queue benchmark (bench/queue.ts) at a tiny size: both enqueue patterns queue exactly
 * their jobs, and a real worker process drains Showreel's with its peak RSS recorded.
 */
import { describe, expect, it } from "vitest";
import { runQueueBenchmark } from "./queue";

describe("queue benchmark", () => {
  it("enqueues 300 jobs in bulk and 50 one by one, and drains the 300 with the worker", async () => {
    const result = await runQueueBenchmark({ jobs: 300, baselineJobs: 50, repeats: 1 });

    expect(result.repeats).toHaveLength(1);
    const repeat = result.repeats[0]!;
    expect(repeat.enqueueSeconds).toBeGreaterThan(0);
    expect(repeat.baselineEnqueueSeconds).toBeGreaterThan(0);
    expect(repeat.drainSeconds).toBeGreaterThan(0);
    // The worker really ran every job: counted in pg-boss's table, not derived from the rate.
    expect(repeat.completedJobs).toBe(300);
    expect(repeat.workerWarnLines).toBe(0);
    expect(repeat.workerPeakRssMb).toBeGreaterThan(0);
  }, 180_000);
});
