import { describe, expect, it } from "vitest";
import { REFRESH_ENRICH_RESERVE as APP_ENRICH_RESERVE, REFRESH_MIN_AGE_MS } from "../../src/lib/projects/refresh-plan";
import { YOUTUBE_DATA_MAX_AGE_MS } from "../../src/lib/projects/youtube-data-age";
import {
  DEFAULT_YOUTUBE_UNITS_INPUT,
  formatYouTubeUnitsModel,
  POLICY_MAX_AGE_DAYS,
  REFRESH_CYCLE_DAYS,
  REFRESH_ENRICH_RESERVE,
  youtubeUnitsModel,
} from "./youtube-units";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("youtubeUnitsModel", () => {
  it("models the app's own refresh: its cycle, reserve and the policy's limit are the app's constants", () => {
    expect(REFRESH_CYCLE_DAYS * DAY_MS).toBe(REFRESH_MIN_AGE_MS);
    expect(POLICY_MAX_AGE_DAYS * DAY_MS).toBe(YOUTUBE_DATA_MAX_AGE_MS);
    expect(REFRESH_ENRICH_RESERVE).toBe(APP_ENRICH_RESERVE);
  });

  it("at 100K users: 5M projects refreshed for 4,546 units a day, 1M channels' uploads for 4,000, My Videos 7,200; ask for 50,000", () => {
    const model = youtubeUnitsModel();
    expect(model.input).toEqual(DEFAULT_YOUTUBE_UNITS_INPUT);
    expect(model.projects).toBe(5_000_000);
    expect(model.distinctVideos).toBe(4_000_000);
    expect(model.followedChannels).toBe(1_000_000);
    // 4M distinct videos are 80,000 calls a cycle; over the policy's 30 days that is 2,667 a day.
    expect(model.refreshUnitsPerDayAt30Days).toBe(2_667);
    // Every 22 days, plus one call per creator with private or unlisted projects (20,000): 100,000 / 22.
    expect(model.refreshUnitsPerDay).toBe(4_546);
    expect(model.enrichmentUnitsPerDay).toBe(4_000);
    expect(model.myVideosUnitsPerDay).toBe(7_200);
    expect(model.totalUnitsPerDay).toBe(15_746);
    expect(model.fitsDefault).toBe(false);
    // My Videos in the 20 % interactive share binds: 7,200 / 0.2 (the background's 8,546 / 0.8 is 10,683).
    expect(model.dailyQuotaNeeded).toBe(36_000);
    expect(model.dailyQuotaToRequest).toBe(50_000);
  });

  it("at 1K and 10K users everything fits Google's default 10,000 units; at 100K it does not", () => {
    const small = youtubeUnitsModel({ users: 1_000 });
    expect([small.refreshUnitsPerDay, small.enrichmentUnitsPerDay, small.myVideosUnitsPerDay]).toEqual([46, 40, 72]);
    expect(small.dailyQuotaNeeded).toBe(360);
    expect(small.fitsDefault).toBe(true);
    expect(small.dailyQuotaToRequest).toBe(10_000);
    const medium = youtubeUnitsModel({ users: 10_000 });
    expect([medium.refreshUnitsPerDay, medium.enrichmentUnitsPerDay, medium.myVideosUnitsPerDay]).toEqual([
      455, 400, 720,
    ]);
    expect(medium.dailyQuotaNeeded).toBe(3_600);
    expect(medium.fitsDefault).toBe(true);
  });

  it("binds on the background total when sync work outweighs My Videos", () => {
    // 200M projects and 20M followed channels: the refresh stops at 64 % of the quota, and that binds.
    const model = youtubeUnitsModel({ projectsPerUser: 2_000, followedChannelsPerUser: 200 });
    expect(model.totalUnitsPerDay).toBe(146_364 + 80_000 + 7_200);
    expect(model.dailyQuotaNeeded).toBe(364_944);
    expect(youtubeUnitsModel({ distinctVideoShare: 1 }).refreshUnitsPerDayAt30Days).toBe(3_334);
  });

  it("refuses an input it cannot model", () => {
    expect(() => youtubeUnitsModel({ distinctVideoShare: 1.5 })).toThrow(
      "distinctVideoShare is a share (0–1), got 1.5",
    );
    expect(() => youtubeUnitsModel({ users: Number.NaN })).toThrow("users must be a number ≥ 0");
    expect(() => youtubeUnitsModel({ syncQuotaShare: 1 })).toThrow("syncQuotaShare must be between 0 and 1");
  });

  it("prints one line per scale with what to request", () => {
    const lines = formatYouTubeUnitsModel();
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain("YOUTUBE_DAILY_QUOTA=10,000");
    expect(lines[2]).toContain("1,000 users");
    expect(lines[2]).toContain("fits the default 10,000");
    expect(lines[4]).toContain(
      "100,000 users (5,000,000 projects, 4,000,000 distinct videos, 1,000,000 followed channels)",
    );
    expect(lines[4]).toContain(
      "= 15,746 units/day → does NOT fit the default 10,000; needs YOUTUBE_DAILY_QUOTA ≥ 36,000, request 50,000",
    );
  });
});
