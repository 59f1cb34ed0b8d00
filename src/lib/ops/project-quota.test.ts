import { describe, expect, it } from "vitest";
import { projectQuota, quotaDayStart } from "./project-quota";

describe("quotaDayStart", () => {
  it("is the Pacific midnight before now, in winter and in summer", () => {
    expect(quotaDayStart(new Date("2026-12-02T12:00:00Z")).toISOString()).toBe("2026-12-02T08:00:00.000Z");
    expect(quotaDayStart(new Date("2026-07-02T06:59:00Z")).toISOString()).toBe("2026-07-01T07:00:00.000Z");
    // The day after the spring change starts at 07:00Z; the change day itself started at 08:00Z.
    expect(quotaDayStart(new Date("2026-03-08T20:00:00Z")).toISOString()).toBe("2026-03-08T08:00:00.000Z");
  });
});

describe("projectQuota", () => {
  it("extends the day's rate to the reset", () => {
    // 6 of 24 hours gone (08:00Z start, 08:00Z reset), 1,000 units spent → 4,000 by the reset.
    const projection = projectQuota({ used: 1000, limit: 10_000, now: new Date("2026-12-02T14:00:00Z") });
    expect(projection.resetsAt.toISOString()).toBe("2026-12-03T08:00:00.000Z");
    expect(projection.projectedAtReset).toBe(4000);
    expect(projection.exhaustsAt).toBeNull();
  });

  it("says when the budget runs out if the rate overshoots it", () => {
    // 6 hours, 5,000 units → 20,000 projected; the remaining 5,000 go in another 6 hours.
    const projection = projectQuota({ used: 5000, limit: 10_000, now: new Date("2026-12-02T14:00:00Z") });
    expect(projection.projectedAtReset).toBe(20_000);
    expect(projection.exhaustsAt?.toISOString()).toBe("2026-12-02T20:00:00.000Z");
  });

  it("projects nothing from nothing and reports a spent budget as spent now", () => {
    const now = new Date("2026-12-02T09:00:00Z");
    expect(projectQuota({ used: 0, limit: 10_000, now })).toMatchObject({ projectedAtReset: 0, exhaustsAt: null });
    expect(projectQuota({ used: 10_000, limit: 10_000, now }).exhaustsAt).toEqual(now);
  });
});
