/**
 * CI smoke test of the sync benchmark (bench/sync.ts) at a tiny size: the whole harness — a fresh
 * database on the lane's server, the emulator (in-process here), the scheduler loop and one real worker
 * process — runs one measured repeat, and its figures are sane: some checks per second, the exact
 * project count, and nothing spent on unchanged channels.
 */
import { describe, expect, it } from "vitest";
import { CHANGED_SHARE, FOLLOWERS_PER_CHANNEL, runSyncBenchmark } from "./sync";

const CHANNELS = 100;

describe("sync benchmark", () => {
  it("measures checks/s at 100 channels with exact project counts and 0 units per unchanged check", async () => {
    const result = await runSyncBenchmark({ channels: CHANNELS, repeats: 1, workerCounts: [1], emulatorInProcess: true });

    expect(result.repeats).toHaveLength(1);
    const repeat = result.repeats[0]!;
    const changed = Math.round(CHANNELS * CHANGED_SHARE);
    expect(repeat.checks).toBe(CHANNELS);
    expect(repeat.checksPerSecond).toBeGreaterThan(0);
    expect(repeat.publishedVideos).toBe(changed);
    expect(repeat.projectsCreated).toBe(changed * FOLLOWERS_PER_CHANNEL);
    expect(repeat.projectsExpected).toBe(changed * FOLLOWERS_PER_CHANNEL);
    expect(repeat.outcomes).toEqual({ new_videos: changed, unchanged: CHANNELS - changed });
    expect(repeat.requests.feed).toBeGreaterThanOrEqual(CHANNELS);
    expect(repeat.unitsCharged).toBe(changed);
    expect(repeat.unitsPerUnchangedCheck).toBe(0);
    expect(repeat.workerPeakRssMb[0]).toBeGreaterThan(0);
  }, 120_000);
});
