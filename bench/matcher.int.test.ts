/**
 * CI smoke test of the matcher benchmark (bench/matcher.ts) at a tiny size: the catalog matcher tags the
 * generated videos with no query per video, the baseline with one query per tag.
 */
import { describe, expect, it } from "vitest";
import { runMatcherBenchmark } from "./matcher";

describe("matcher benchmark", () => {
  it("matches 200 videos with 0 queries per video; the baseline spends one per tag", async () => {
    const result = await runMatcherBenchmark({ videos: 200, baselineVideos: 4, repeats: 2 });

    expect(result.catalog.tools).toBeGreaterThan(0);
    expect(result.catalog.loadQueries).toBeGreaterThan(0);
    expect(result.repeats).toHaveLength(2);
    for (const repeat of result.repeats) {
      expect(repeat.queriesPerVideo).toBe(0);
      expect(repeat.toolMatchesPerVideo).toBeGreaterThan(0);
      expect(repeat.videosPerSecond).toBeGreaterThan(0);
      expect(repeat.baselineQueriesPerVideo).toBe(5);
      expect(repeat.baselineToolMatchesPerVideo).toBeGreaterThan(0);
    }
  }, 120_000);
});
