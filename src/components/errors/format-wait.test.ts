import { describe, expect, it } from "vitest";
import { formatResumeTime, formatWait } from "./format-wait";

// Vitest runs with TZ=UTC, so the reader's own zone here is UTC.
const reset = new Date("2026-11-26T08:00:00Z"); // midnight Pacific (PST)

describe("formatResumeTime", () => {
  it("names the day relative to now in the reader's zone", () => {
    expect(formatResumeTime(reset, Date.parse("2026-11-26T07:00:00Z"))).toMatch(/^at 8:00\sAM$/);
    expect(formatResumeTime(reset, Date.parse("2026-11-25T23:00:00Z"))).toMatch(/^tomorrow at 8:00\sAM$/);
    expect(formatResumeTime(reset, Date.parse("2026-11-23T12:00:00Z"))).toMatch(/^on Thursday at 8:00\sAM$/);
  });

  it("uses a given time zone for both the clock time and the day", () => {
    // 23:00Z on the 25th is already the 26th in Tokyo, and the reset is 17:00 there the same day.
    expect(formatResumeTime(reset, Date.parse("2026-11-25T23:00:00Z"), "Asia/Tokyo")).toMatch(/^at 5:00\sPM$/);
    // In Los Angeles the reset is midnight starting the 26th: tomorrow, seen from the 25th's afternoon.
    expect(formatResumeTime(reset, Date.parse("2026-11-25T23:00:00Z"), "America/Los_Angeles")).toMatch(
      /^tomorrow at 12:00\sAM$/,
    );
  });

  it("falls back to the reader's zone for an unknown zone name", () => {
    expect(formatResumeTime(reset, Date.parse("2026-11-26T07:00:00Z"), "Mars/Olympus_Mons")).toMatch(/^at 8:00\sAM$/);
  });
});

describe("formatWait", () => {
  it("counts down in minutes and seconds, then hours", () => {
    expect(formatWait(42_000)).toBe("0:42");
    expect(formatWait(3_900_000)).toBe("1 h 05 min");
  });
});
