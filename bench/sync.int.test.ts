/**
 * CI smoke test of the sync benchmark (bench/sync.ts) at a tiny size: the whole harness — a fresh
 * database on the lane's server, the emulator (in-process here), the scheduler loop and one real worker
 * process — runs one measured repeat, and its figures are sane: some checks per second, the exact
 * project count, and nothing spent on unchanged channels. The baseline (the reviewed design) runs its
 * round and its 10,000-unit day on the same follow graph: every source listed through search.list.
 */
import { describe, expect, it } from "vitest";
import { CHANGED_SHARE, FOLLOWERS_PER_CHANNEL, runSyncBenchmark, syncRows } from "./sync";

const CHANNELS = 100;
/** Baseline sources per round, and a short day: each source costs 100 units, so 10 fit. */
const BASELINE_CYCLE = 40;
const BASELINE_DAY_UNITS = 1_000;

describe("sync benchmark", () => {
  it("measures checks/s at 100 channels with exact project counts and 0 units per unchanged check", async () => {
    const result = await runSyncBenchmark({ channels: CHANNELS, repeats: 1, workerCounts: [1], emulatorInProcess: true, baseline: { cycleCap: BASELINE_CYCLE, dailyUnits: BASELINE_DAY_UNITS } });

    expect(result.repeats).toHaveLength(1);
    const repeat = result.repeats[0]!;
    const changed = Math.round(CHANNELS * CHANGED_SHARE);
    expect(repeat.checks).toBe(CHANNELS);
    expect(repeat.checksPerSecond).toBeGreaterThan(0);
    expect(repeat.publishedVideos).toBe(changed);
    expect(repeat.projectsCreated).toBe(changed * FOLLOWERS_PER_CHANNEL);
    expect(repeat.projectsExpected).toBe(changed * FOLLOWERS_PER_CHANNEL);
    // A check whose feed window lost a video (deleted, or a generated live/upcoming one that moved on while
    // a loaded machine ran slowly) also reports new_videos, with nothing to import: at least the changed ones.
    expect(repeat.outcomes.new_videos).toBeGreaterThanOrEqual(changed);
    expect((repeat.outcomes.new_videos ?? 0) + (repeat.outcomes.unchanged ?? 0)).toBe(CHANNELS);
    expect(repeat.requests.feed).toBeGreaterThanOrEqual(CHANNELS);
    expect(repeat.unitsCharged).toBe(changed);
    expect(repeat.unitsPerUnchangedCheck).toBe(0);
    expect(repeat.workerPeakRssMb[0]).toBeGreaterThan(0);

    const baseline = result.baseline!;
    expect(baseline.sources).toBe(CHANNELS * FOLLOWERS_PER_CHANNEL);
    expect(baseline.rounds).toHaveLength(1);
    const round = baseline.rounds[0]!;
    expect(round.sources).toBe(BASELINE_CYCLE);
    expect(round.checksPerSecond).toBeGreaterThan(0);
    expect(round.requests["search.list"]).toBe(BASELINE_CYCLE);
    // Each source that follows a channel with a new video finds it and creates its project (the count
    // was checked against what its sources should have found); every call was a connection of its own.
    expect(round.projectsCreated).toBe(round.projectsExpected);
    expect(round.requests["videos.list"] ?? 0).toBe(round.projectsCreated);
    expect(round.unitsCharged).toBe(BASELINE_CYCLE * 100 + round.projectsCreated);
    expect(round.tcpConnectionsOpened).toBe(BASELINE_CYCLE + round.projectsCreated);
    expect(round.dbConnections).toBeGreaterThanOrEqual(BASELINE_CYCLE * 4);
    // A 1,000-unit day pays for 10 listings; the next call is refused and the cycle stops there.
    expect(baseline.budget.syncedBeforeQuotaExceeded).toBe(10);
    expect(baseline.budget.unitsRefusedCalls).toBeGreaterThan(0);

    const rows = syncRows(result);
    expect(rows.map((row) => row.benchmark)).toEqual(["sync", "sync units", "sync cycle"]);
    expect(rows[0]!.baseline?.median).toBe(round.checksPerSecond);
  }, 240_000);
});
