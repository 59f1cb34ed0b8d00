import { describe, expect, it } from "vitest";
import { SYNC_DAILY_UNITS, unitsPerDayModel } from "./sync-units";

describe("unitsPerDayModel", () => {
  it("bills 200,000 uploads a day at the measured videos per unit, and finds it fits at 50 ids a call", () => {
    const model = unitsPerDayModel({
      publishedVideos: 500,
      unchangedChecks: 9_500,
      enrichmentUnits: 10,
      otherUnits: 0,
      unchangedUnits: 0,
    });
    expect(model.uploadsPerDay).toBe(200_000);
    expect(model.videosPerUnit).toBe(50);
    expect(model.enrichmentUnitsPerDay).toBe(4_000);
    expect(model.enrichmentUnitsPerDayAtFullBatches).toBe(4_000);
    expect(model.otherUnitsPerDay).toBe(0);
    expect(model.unitsPerUnchangedCheckBound).toBe(0);
    expect(model.unchangedUnitsPerDayBound).toBe(0);
    expect(model.unitsPerDay).toBe(4_000);
    expect(model.syncDailyUnits).toBe(SYNC_DAILY_UNITS);
    expect(model.fits).toBe(true);
  });

  it("adds playlist fallbacks per new video, and does not fit once videos.list runs per channel", () => {
    const batched = unitsPerDayModel({
      publishedVideos: 500,
      unchangedChecks: 9_500,
      enrichmentUnits: 11,
      otherUnits: 5,
      unchangedUnits: 5,
    });
    expect(batched.enrichmentUnitsPerDay).toBe(Math.ceil(200_000 / (500 / 11)));
    expect(batched.otherUnitsPerVideo).toBe(0.01);
    expect(batched.otherUnitsPerDay).toBe(2_000);
    expect(batched.unitsPerUnchangedCheckBound).toBeCloseTo(5 / 9_500);
    expect(batched.unitsPerDay).toBe(batched.enrichmentUnitsPerDay + 2_000);
    expect(batched.fits).toBe(true);

    const perChannel = unitsPerDayModel({
      publishedVideos: 500,
      unchangedChecks: 9_500,
      enrichmentUnits: 500,
      otherUnits: 0,
      unchangedUnits: 0,
    });
    expect(perChannel.unitsPerDay).toBe(200_000);
    expect(perChannel.fits).toBe(false);
  });
});
