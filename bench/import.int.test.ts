/**
 * CI smoke test of the import benchmark (bench/import.ts) at a tiny size: a fresh database, the emulator
 * (in-process), the driver calling importVideos and one real worker process, then the baseline's
 * per-video import — every video becomes exactly one project on both sides, with latencies measured.
 */
import { describe, expect, it } from "vitest";
import { runImportBenchmark } from "./import";

describe("import benchmark", () => {
  it("imports 100 videos through the worker (burst and paced) and 10 through the baseline, with queue-to-visible percentiles", async () => {
    const result = await runImportBenchmark({ videos: 100, baselineVideos: 10, repeats: 1, emulatorInProcess: true });

    expect(result.repeats).toHaveLength(1);
    const { showreel, paced, baseline } = result.repeats[0]!;
    expect(showreel.created).toBe(100);
    expect(showreel.runs).toBe(2);
    expect(showreel.latency.count).toBe(100);
    expect(showreel.latency.p50).toBeGreaterThan(0);
    expect(showreel.latency.p95).toBeGreaterThanOrEqual(showreel.latency.p50);
    expect(showreel.videosPerSecond).toBeGreaterThan(0);
    expect(paced.created).toBe(100);
    expect(paced.latency.count).toBe(100);
    // One job per run of 50: each one's wait for the worker, created → started.
    expect(paced.pickup.count).toBe(2);
    expect(paced.pickup.p95).toBeGreaterThanOrEqual(paced.pickup.p50);
    expect(baseline.created).toBe(10);
    expect(baseline.apiCalls).toBe(10);
    // Per video: the duplicate check, the insert and one query per tag (five each).
    expect(baseline.queries).toBeGreaterThanOrEqual(10 * 7);
    expect(result.workerPeakRssMb).toBeGreaterThan(0);
  }, 180_000);
});
