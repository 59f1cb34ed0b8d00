import { describe, expect, it } from "vitest";
import { DEFAULT_MY_VIDEOS_UNITS_INPUT, formatMyVideosUnitsModel, myVideosUnitsModel } from "./my-videos-units";

describe("myVideosUnitsModel", () => {
  it("bills removals and Refresh presses, not page views or uploads: 10,000 active users at the defaults spend 7,200 units against 18,600 revalidating every changed page, 94,600 by age alone and 240,000 without the store", () => {
    const model = myVideosUnitsModel();
    expect(model.input).toEqual(DEFAULT_MY_VIDEOS_UNITS_INPUT);
    expect(model.activeUsers).toBe(10_000);
    expect(model.viewsPerPagePerVisit).toBe(3);
    // 0.3 feed changes a day, 10 % of them removals: 0.27 applied from the feed, 0.03 sent to the Data API.
    expect(model.mergesPerActiveUser).toBeCloseTo(0.27);
    expect(model.revalidationsPerVisit).toBeCloseTo(0.015);
    expect(model.revalidationsPerActiveUser).toBeCloseTo(0.03);
    expect(model.unitsPerRevalidation).toBe(2);
    expect(model.refreshesPerActiveUser).toBeCloseTo(0.6);
    expect(model.unitsPerRefresh).toBeCloseTo(1.1);
    // 10,000 × (0.03 × 2 + 0.6 × 1.1).
    expect(model.unitsPerDay).toBe(7_200);
    // Before merging: each of the 4 pages a day found its feed changed on 15 % of visits, 2 units each.
    expect(model.unitsPerDayWithoutMerging).toBe(18_600);
    // A 15-minute visit outlives one 10-minute max age: by age alone each page is revalidated twice.
    expect(model.unitsPerDayByAgeAlone).toBe(94_600);
    expect(model.unitsPerDayWithoutStore).toBe(240_000);
    expect(model.interactiveShareUnits).toBe(2_000);
    expect(model.fits).toBe(false);
    expect(model.dailyQuotaNeeded).toBe(36_000);
    expect(model.activeUsersThatFit).toBe(2_777);
  });

  it("fits the interactive share once the quota is raised to what it asks, and revalidates for removals at most once a visit", () => {
    const raised = myVideosUnitsModel({ dailyQuota: 36_000 });
    expect(raised.interactiveShareUnits).toBe(7_200);
    expect(raised.fits).toBe(true);
    expect(myVideosUnitsModel({ dailyQuota: 35_999 }).fits).toBe(false);
    // Without Refresh presses the default quota's share holds it: only removals cost units.
    const noRefresh = myVideosUnitsModel({ refreshShare: 0 });
    expect(noRefresh.unitsPerDay).toBe(600);
    expect(noRefresh.fits).toBe(true);

    // Nothing public changes and nobody presses Refresh: aged pages cost nothing at all.
    expect(myVideosUnitsModel({ publicChangesPerActiveUser: 0, refreshShare: 0 }).unitsPerDay).toBe(0);
    // Uploads and renames alone, however many, cost nothing: the feed describes them.
    expect(myVideosUnitsModel({ publicChangesPerActiveUser: 10, removalShare: 0, refreshShare: 0 }).unitsPerDay).toBe(
      0,
    );
    // A channel that removes videos every visit revalidates one page once a visit, not once a view.
    const busy = myVideosUnitsModel({ publicChangesPerActiveUser: 10, removalShare: 1, refreshShare: 0 });
    expect(busy.revalidationsPerVisit).toBe(1);
    expect(busy.unitsPerDay).toBe(10_000 * 2 * 2);
    expect(busy.unitsPerDayWithoutMerging).toBe(10_000 * 2 * 2 * 2);
    // By age alone, a short max age revalidates on every load (half the cost without the store: no videos.list on a 304).
    const shortAge = myVideosUnitsModel({ maxAgeSeconds: 60, refreshShare: 0, changedShare: 0 });
    expect(shortAge.unitsPerDayByAgeAlone).toBe(shortAge.unitsPerDayWithoutStore / 2);
    // A page of 50 still takes one videos.list call; 51 take two.
    expect(myVideosUnitsModel({ pageSize: 51, changedShare: 1 }).unitsPerRefresh).toBe(3);
    expect(myVideosUnitsModel({ pageSize: 51 }).unitsPerRevalidation).toBe(3);
  });

  it("refuses an input it cannot model", () => {
    expect(() => myVideosUnitsModel({ activeShare: 1.5 })).toThrow("activeShare is a share (0–1), got 1.5");
    expect(() => myVideosUnitsModel({ maxAgeSeconds: 0 })).toThrow("maxAgeSeconds must be > 0");
    expect(() => myVideosUnitsModel({ users: Number.NaN })).toThrow("users must be a number ≥ 0");
    expect(() => myVideosUnitsModel({ removalShare: 2 })).toThrow("removalShare is a share (0–1), got 2");
  });

  it("prints the model, the comparison with the interactive share, and other Refresh shares", () => {
    const lines = formatMyVideosUnitsModel();
    expect(lines[0]).toBe("My Videos units/day model: 100,000 users, 10 % active a day = 10,000 active users");
    expect(lines).toContain(
      "  My Videos: 7,200 units/day (revalidating every page the feed changed on: 18,600; by age alone, max age 600 s: 94,600; without the stored pages: 240,000)",
    );
    expect(lines.find((line) => line.includes("interactive share"))).toContain("2,000 units/day → does NOT fit");
    expect(lines.find((line) => line.includes("interactive share"))).toContain("needs YOUTUBE_DAILY_QUOTA ≥ 36,000");
    expect(lines.filter((line) => line.includes("% of views refreshed:"))).toHaveLength(3);
    expect(formatMyVideosUnitsModel({ dailyQuota: 1_000_000 }).join("\n")).toContain("→ fits");
  });
});
