/**
 * CI smoke test of the sync benchmark (bench/sync.ts) at a small size: the whole harness — a fresh
 * database on the lane's server, the emulator (in-process here), set-based seeding from the emulator's
 * feed export and one real worker process running the sync engine — runs one measured repeat, and its
 * figures are sane: every check one feed request, the publishers' checks the only ones that found
 * something, the exact project count, nothing spent on unchanged channels, enrichment batched across
 * channels. The baseline (the reviewed design) runs its round and its 1,000-unit day on the same follow
 * graph: every source listed through search.list.
 */
import { describe, expect, it } from "vitest";
import { CHANGED_SHARE, FOLLOWERS_PER_CHANNEL, runSyncBenchmark, syncRows } from "./sync";

const CHANNELS = 200;
/** Baseline sources per round, and a short day: each source costs 100 units, so 10 fit. */
const BASELINE_CYCLE = 40;
const BASELINE_DAY_UNITS = 1_000;

describe("sync benchmark", () => {
  it("measures checks/s at 200 channels with exact project counts, 0 units per unchanged check and batched enrichment", async () => {
    const result = await runSyncBenchmark({
      channels: CHANNELS,
      repeats: 1,
      workerCounts: [1],
      emulatorInProcess: true,
      baseline: { cycleCap: BASELINE_CYCLE, dailyUnits: BASELINE_DAY_UNITS },
    });

    expect(result.failures).toEqual([]);
    expect(result.channels).toBe(CHANNELS);
    expect(result.sources).toBe(CHANNELS * FOLLOWERS_PER_CHANNEL);
    expect(result.repeats).toHaveLength(1);
    const repeat = result.repeats[0]!;
    const changed = Math.round(CHANNELS * CHANGED_SHARE);
    expect(repeat.checks).toBe(CHANNELS);
    expect(repeat.checksPerSecond).toBeGreaterThan(0);
    expect(repeat.publishedVideos).toBe(changed);
    expect(repeat.projectsCreated).toBe(changed * FOLLOWERS_PER_CHANNEL);
    expect(repeat.projectsExpected).toBe(changed * FOLLOWERS_PER_CHANNEL);
    // Seeded with the validators and windows the emulator serves: no channel is a baseline check, and
    // only the publishers' feeds changed.
    expect(repeat.outcomes).toEqual({ unchanged: CHANNELS - changed, new_videos: changed });
    expect(repeat.requests.feed).toBe(CHANNELS);
    expect(repeat.unchangedUnits).toBe(0);
    expect(repeat.unitsPerUnchangedCheck).toBe(0);
    // The 10 new videos are looked up together: one videos.list call.
    expect(repeat.enrichmentUnits).toBe(Math.ceil(changed / 50));
    expect(repeat.videosPerUnit).toBe(changed / Math.ceil(changed / 50));
    expect(repeat.detectToProject.p95).toBeGreaterThanOrEqual(0);
    expect(repeat.workerMaxRssMb[0]).toBeGreaterThan(0);
    expect(repeat.cpuMsPerCheck.workers).toBeGreaterThan(0);
    // /proc counts CPU in 10 ms ticks, and 200 checks cost Postgres about one: it may read 0.
    expect(repeat.cpuMsPerCheck.postgres).toBeGreaterThanOrEqual(0);
    expect(result.seed.total).toBeGreaterThan(0);
    expect(result.unitsModel?.uploadsPerDay).toBe(200_000);

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
    // A 1,000-unit day pays for 10 listings; the next call is refused and the cycle stops there. A listing
    // that finds a new upload also pays 1 unit for videos.list, and then the 10th listing no longer fits:
    // which sources the day picks (and so whether one finds an upload) is the cycle's own choice.
    expect(baseline.budget.syncedBeforeQuotaExceeded).toBeGreaterThanOrEqual(9);
    expect(baseline.budget.syncedBeforeQuotaExceeded).toBeLessThanOrEqual(10);
    expect(baseline.budget.unitsCharged).toBeGreaterThanOrEqual(BASELINE_DAY_UNITS - 100);
    expect(baseline.budget.unitsRefusedCalls).toBeGreaterThan(0);

    const rows = syncRows(result);
    expect(rows.map((row) => row.benchmark)).toEqual([
      "sync",
      "sync worker CPU",
      "sync Postgres CPU",
      "sync worker RSS",
      "sync job rows",
      "sync units",
      "sync enrichment",
      "sync detect→project",
      "sync units/day model",
      "sync cycle",
      "sync seeding",
    ]);
    expect(rows[0]!.baseline?.median).toBe(round.checksPerSecond);
  }, 300_000);
});
