/**
 * CI smoke test of the API-load benchmark (bench/api-load.ts) at a tiny size: both servers start, signed
 * Better Auth session cookies are accepted (no 401s), and every endpoint answers on both sides.
 */
import { describe, expect, it } from "vitest";
import { runApiLoadBenchmark } from "./api-load";

describe("api-load benchmark", () => {
  it("drives 20 users with sessions against Showreel's tRPC handler and the baseline without errors", async () => {
    const result = await runApiLoadBenchmark({ users: 20, seconds: 4, repeats: 1, emulatorInProcess: true });

    const { showreel, baseline } = result.repeats[0]!;
    for (const run of [showreel, baseline]) {
      expect(run.errorSamples).toEqual([]);
      expect(run.errors).toBe(0);
      expect(run.requests).toBeGreaterThan(0);
      for (const endpoint of ["myVideos", "sources.list", "importVideos"]) expect(run.byEndpoint[endpoint]?.ok).toBeGreaterThan(0);
    }
    expect(result.serverPeakRssMb.showreel).toBeGreaterThan(0);
  }, 180_000);
});
