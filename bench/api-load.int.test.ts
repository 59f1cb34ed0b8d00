/**
 * CI smoke test of the API-load benchmark (bench/api-load.ts) at a tiny size, Showreel served by its route
 * handler: both servers start, signed Better Auth session cookies are accepted (no 401s), every endpoint
 * answers on both sides, every open tab polls once, and the live stream and statement counters are used
 * when the app has them and reported missing when it has not.
 */
import { describe, expect, it } from "vitest";
import { runApiLoadBenchmark } from "./api-load";

const USERS = 20;

describe("api-load benchmark", () => {
  it("drives 20 users with sessions and open tabs against Showreel's tRPC handler and the baseline without errors", async () => {
    // Polls every 4 s (the browser: every 5 minutes), so every tab polls once within the 4-s repeat.
    const result = await runApiLoadBenchmark({
      users: USERS,
      seconds: 4,
      repeats: 1,
      pollEveryMs: 4_000,
      emulatorInProcess: true,
    });

    const { showreel, baseline } = result.repeats[0]!;
    for (const run of [showreel, baseline]) {
      expect(run.errorSamples).toEqual([]);
      expect(run.errors).toBe(0);
      expect(run.requests).toBeGreaterThan(0);
      for (const endpoint of ["myVideos", "sources.list", "importVideos"])
        expect(run.byEndpoint[endpoint]?.ok).toBeGreaterThan(0);
    }
    expect(result.server).toBe("handler");
    // The repeats measure steady state: the warm-up went on until a round refused nothing and called YouTube for nothing.
    expect(result.warmUp.settled).toBe(true);
    expect(result.warmUp.rounds).toBeGreaterThanOrEqual(1);
    // One quota poll per open tab per repeat; the baseline has no open tabs.
    expect(showreel.byEndpoint["quota poll"]?.ok).toBe(USERS);
    expect(baseline.byEndpoint["quota poll"]).toBeUndefined();
    if (result.stream.available) {
      // The tabs open their streams in the warm-up and hold them through the repeat.
      expect(result.warmUp.streams?.opened).toBeGreaterThanOrEqual(USERS);
      expect(showreel.streams?.maxOpen).toBe(USERS);
      expect(showreel.streams?.errors).toBe(0);
    } else {
      expect(showreel.streams).toBeNull();
      expect(result.stream.detail).not.toBe("");
    }
    if (showreel.statements !== null) {
      expect(showreel.statements["sources.list"]?.statementsPerRequest).toBeGreaterThan(0);
      expect(result.sessionStatements.browser?.["projects.get"]?.requests).toBe(50);
      expect(result.sessionStatements.tokenOnly?.["projects.get"]?.statementsPerRequest).toBeGreaterThan(0);
    }
    expect(result.serverPeakRssMb.showreel).toBeGreaterThan(0);
    // Quick mode serves the tRPC handler alone: no /api/live, Next's floor.
    expect(result.lowLoadCost.map((cost) => cost.kind)).toEqual([
      "system.features (tRPC, public, no database)",
      "sources.list",
      "sources.list as JSON lines (httpBatchStreamLink's answer)",
      "myVideos (stored page of 50)",
      "quota poll",
      "importVideos (one video)",
    ]);
    for (const cost of result.lowLoadCost) {
      expect(cost.cpuMs).toBeGreaterThan(0);
      expect(cost.postgresCpuMs).toBeGreaterThanOrEqual(0);
      expect(Object.values(cost.statuses).reduce((sum, count) => sum + count, 0)).toBe(cost.requests);
    }
    // The reads answer; the imports import (the probe resets the hourly limit first), at least until a user's 10th.
    for (const cost of result.lowLoadCost.slice(0, 5)) expect(cost.statuses).toEqual({ 200: cost.requests });
    expect(result.lowLoadCost[5]!.statuses[200]).toBeGreaterThan(0);
    expect(result.lowLoadCost.slice(1).some((cost) => cost.postgresCpuMs > 0)).toBe(true);
  }, 180_000);
});
