import { describe, expect, it } from "vitest";
import { nextQuotaReset, quotaDayDate, quotaDayOf } from "./next-reset";

describe("quota day and reset (midnight America/Los_Angeles)", () => {
  it("resets at 08:00Z in winter (PST) and 07:00Z in summer (PDT)", () => {
    expect(nextQuotaReset(new Date("2026-01-15T12:00:00Z")).toISOString()).toBe("2026-01-16T08:00:00.000Z");
    expect(nextQuotaReset(new Date("2026-07-15T12:00:00Z")).toISOString()).toBe("2026-07-16T07:00:00.000Z");
  });

  it("gets the spring-forward day right (2026-03-08: the day is 23 hours long)", () => {
    // 2026-03-07 23:59:59 PST is 2026-03-08T07:59:59Z; midnight starting the 8th is 08:00Z (still PST).
    expect(quotaDayOf(new Date("2026-03-08T07:59:59Z"))).toBe("2026-03-07");
    expect(nextQuotaReset(new Date("2026-03-08T07:59:59Z")).toISOString()).toBe("2026-03-08T08:00:00.000Z");
    expect(quotaDayOf(new Date("2026-03-08T08:00:00Z"))).toBe("2026-03-08");
    // The 8th ends at midnight PDT, 07:00Z on the 9th: 23 hours after it began.
    const reset = nextQuotaReset(new Date("2026-03-08T08:00:00Z"));
    expect(reset.toISOString()).toBe("2026-03-09T07:00:00.000Z");
    expect(reset.getTime() - Date.parse("2026-03-08T08:00:00Z")).toBe(23 * 60 * 60 * 1000);
  });

  it("gets the fall-back day right (2026-11-01: the day is 25 hours long)", () => {
    expect(quotaDayOf(new Date("2026-11-01T06:59:59Z"))).toBe("2026-10-31");
    expect(nextQuotaReset(new Date("2026-11-01T06:59:59Z")).toISOString()).toBe("2026-11-01T07:00:00.000Z");
    const reset = nextQuotaReset(new Date("2026-11-01T07:00:00Z"));
    expect(reset.toISOString()).toBe("2026-11-02T08:00:00.000Z");
    expect(reset.getTime() - Date.parse("2026-11-01T07:00:00Z")).toBe(25 * 60 * 60 * 1000);
    // 01:30 happens twice that night; both belong to the 1st.
    expect(quotaDayOf(new Date("2026-11-01T08:30:00Z"))).toBe("2026-11-01");
    expect(quotaDayOf(new Date("2026-11-01T09:30:00Z"))).toBe("2026-11-01");
  });

  it("crosses month and year ends", () => {
    expect(nextQuotaReset(new Date("2026-12-31T20:00:00Z")).toISOString()).toBe("2027-01-01T08:00:00.000Z");
    expect(nextQuotaReset(new Date("2027-01-01T07:59:00Z")).toISOString()).toBe("2027-01-01T08:00:00.000Z");
    expect(quotaDayDate(new Date("2027-01-01T07:59:00Z")).toISOString()).toBe("2026-12-31T00:00:00.000Z");
  });

  it("is always strictly in the future and within 25 hours", () => {
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let minutes = 0; minutes < 366 * 24 * 60; minutes += 37) {
      const instant = new Date(start + minutes * 60_000);
      const waitMs = nextQuotaReset(instant).getTime() - instant.getTime();
      expect(waitMs).toBeGreaterThan(0);
      expect(waitMs).toBeLessThanOrEqual(25 * 60 * 60 * 1000);
    }
  });
});
