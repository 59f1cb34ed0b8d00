/**
 * CI smoke test of the breaker benchmark (bench/breaker.ts) at a tiny size: the real probe processes
 * against the emulator in-process with videos.list failing. Showreel's breaker opens and then refuses
 * every call without reaching the emulator; the baseline's client sends every call upstream.
 */
import { describe, expect, it } from "vitest";
import { breakerRows, runBreakerBenchmark } from "./breaker";

const CALLS = 50;

describe("breaker benchmark", () => {
  it("refuses 50 calls with the breaker open and none reach the upstream; the baseline sends all 50", async () => {
    const result = await runBreakerBenchmark({ calls: CALLS, repeats: 1, emulatorInProcess: true });

    expect(result.showreel.opening!.upstreamCalls).toBeGreaterThan(0);
    expect(result.showreel.repeats).toEqual([
      expect.objectContaining({ calls: CALLS, rejected: CALLS, upstreamCalls: 0, breakerState: "open" }),
    ]);
    expect(result.baseline.repeats).toEqual([
      expect.objectContaining({ calls: CALLS, rejected: CALLS, upstreamCalls: CALLS }),
    ]);
    expect(result.showreel.repeats[0]!.meanMs).toBeLessThan(result.baseline.repeats[0]!.meanMs);

    const [time, upstream] = breakerRows(result);
    expect(time).toMatchObject({ benchmark: "breaker", metric: "µs/call", better: "lower" });
    expect(upstream).toMatchObject({ benchmark: "breaker upstream", met: true });
    expect(upstream!.baseline?.median).toBe(CALLS);
  }, 120_000);
});
