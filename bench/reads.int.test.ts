/**
 * CI smoke test of the reads benchmark (bench/reads.ts) at a tiny size: the generator fills a separate
 * database, the real use cases are timed, and EXPLAIN of the statements they sent names the indexes.
 */
import { describe, expect, it } from "vitest";
import { runReadsBenchmark } from "./reads";

describe("reads benchmark", () => {
  it("times myVideos flagging and projects.list over 3,000 generated projects and proves index use", async () => {
    const result = await runReadsBenchmark({
      projects: 3_000,
      users: 60,
      sampledUsers: 5,
      repeats: 1,
      emulatorInProcess: true,
    });

    expect(result.sampledUsers).toBe(5);
    expect(result.flaggedOnWarmup).toBeGreaterThan(0);
    expect(result.generation.toolRows).toBe(1_000);
    const repeat = result.repeats[0]!;
    expect(repeat.flag.count).toBe(5);
    expect(repeat.list.count).toBe(5);
    expect(repeat.baselineFlag.count).toBe(5);
    expect(repeat.list.p50).toBeGreaterThan(0);
    expect(result.server.flag.count).toBe(5);
    expect(result.server.list.p50).toBeGreaterThan(0);
    // Which Project index the planner picks for flagging depends on the data's size (the natural key or the
    // video-id index); either way it is an index, never a scan of the table.
    const flagPlans = result.explain.myVideosFlag;
    expect(flagPlans).toHaveLength(1);
    expect(flagPlans[0]!.indexes.filter((name) => name.startsWith("Project_"))).not.toEqual([]);
    expect(flagPlans[0]!.nodes).not.toContain("Seq Scan on Project");
    expect(result.explain.projectsList.flatMap((plan) => plan.indexes)).toContain("Project_userId_createdAt_idx");
    expect(result.explain.projectsList.flatMap((plan) => plan.nodes)).not.toContain("Seq Scan on Project");
  }, 180_000);
});
