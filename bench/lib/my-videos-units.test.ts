import { describe, expect, it } from "vitest";
import { DEFAULT_MY_VIDEOS_UNITS_INPUT, formatMyVideosUnitsModel, myVideosUnitsModel } from "./my-videos-units";

describe("myVideosUnitsModel", () => {
  it("bills revalidations, not page views: 10,000 active users at the defaults spend 94,600 units against 240,000 without the store", () => {
    const model = myVideosUnitsModel();
    expect(model.input).toEqual(DEFAULT_MY_VIDEOS_UNITS_INPUT);
    expect(model.activeUsers).toBe(10_000);
    expect(model.viewsPerPagePerVisit).toBe(3);
    // A 15-minute visit outlives one 10-minute max age: each page is revalidated twice.
    expect(model.revalidationsPerPagePerVisit).toBe(2);
    expect(model.revalidationsPerActiveUser).toBe(8);
    expect(model.refreshesPerActiveUser).toBeCloseTo(0.6);
    expect(model.unitsPerRevalidation).toBeCloseTo(1.1);
    expect(model.unitsPerDay).toBe(94_600);
    expect(model.unitsPerDayWithoutStore).toBe(240_000);
    expect(model.interactiveShareUnits).toBe(2_000);
    expect(model.fits).toBe(false);
    expect(model.dailyQuotaNeeded).toBe(473_000);
    expect(model.activeUsersThatFit).toBe(211);
  });

  it("fits the interactive share once the quota is raised to what it asks, and never revalidates a page more often than it is loaded", () => {
    const raised = myVideosUnitsModel({ dailyQuota: 473_000 });
    expect(raised.interactiveShareUnits).toBe(94_600);
    expect(raised.fits).toBe(true);
    expect(myVideosUnitsModel({ dailyQuota: 472_999 }).fits).toBe(false);

    const shortAge = myVideosUnitsModel({ maxAgeSeconds: 60, refreshShare: 0, changedShare: 0 });
    expect(shortAge.revalidationsPerPagePerVisit).toBe(3);
    expect(shortAge.unitsPerDay).toBe(shortAge.unitsPerDayWithoutStore / 2);
    const longAge = myVideosUnitsModel({ maxAgeSeconds: 3_600, refreshShare: 0, changedShare: 0 });
    expect(longAge.revalidationsPerPagePerVisit).toBe(1);
    expect(longAge.unitsPerDay).toBe(10_000 * 2 * 2);
    // A page of 50 still takes one videos.list call; 51 take two.
    expect(myVideosUnitsModel({ pageSize: 51, changedShare: 1 }).unitsPerRevalidation).toBe(3);
  });

  it("refuses an input it cannot model", () => {
    expect(() => myVideosUnitsModel({ activeShare: 1.5 })).toThrow("activeShare is a share (0–1), got 1.5");
    expect(() => myVideosUnitsModel({ maxAgeSeconds: 0 })).toThrow("maxAgeSeconds must be > 0");
    expect(() => myVideosUnitsModel({ users: Number.NaN })).toThrow("users must be a number ≥ 0");
  });

  it("prints the model, the comparison with the interactive share, and other max ages", () => {
    const lines = formatMyVideosUnitsModel();
    expect(lines[0]).toBe("My Videos units/day model: 100,000 users, 10 % active a day = 10,000 active users");
    expect(lines).toContain("  My Videos: 94,600 units/day (without the stored pages: 240,000)");
    expect(lines.find((line) => line.includes("interactive share"))).toContain("2,000 units/day → does NOT fit");
    expect(lines.find((line) => line.includes("interactive share"))).toContain("needs YOUTUBE_DAILY_QUOTA ≥ 473,000");
    expect(lines.filter((line) => line.startsWith("  at max age"))).toHaveLength(3);
    expect(formatMyVideosUnitsModel({ dailyQuota: 1_000_000 }).join("\n")).toContain("→ fits");
  });
});
