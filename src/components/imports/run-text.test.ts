import { describe, expect, it } from "vitest";
import { CONFIG_ERROR_TEXT } from "~/components/errors/error-text";
import { skipReasonsSchema } from "~/lib/imports/imports.schema";
import { describeSkipReasons, describeWaiting } from "./run-text";

describe("describeSkipReasons", () => {
  it("words each reason that skipped a video, in a fixed order, and leaves out the ones at zero", () => {
    const counts = skipReasonsSchema.parse({ unreadable: 1, unavailable: 0, already_imported: 3, not_published: 2 });
    expect(describeSkipReasons(counts)).toEqual([
      "3 already in your projects",
      "2 not published yet",
      "1 couldn't be read",
    ]);
    expect(describeSkipReasons({})).toEqual([]);
  });

  it("reads only the reasons the worker records, and refuses counts that are not counts", () => {
    expect(skipReasonsSchema.parse({ unavailable: 2, something_new: 5 })).toEqual({ unavailable: 2 });
    expect(skipReasonsSchema.safeParse({ unavailable: -1 }).success).toBe(false);
    expect(skipReasonsSchema.safeParse({ unavailable: "2" }).success).toBe(false);
    expect(skipReasonsSchema.safeParse(null).success).toBe(false);
  });
});

describe("describeWaiting", () => {
  const now = Date.parse("2026-11-26T07:00:00Z");
  const later = new Date("2026-11-26T08:00:00Z");

  it("says what a timed wait waits for and when it resumes", () => {
    expect(describeWaiting({ waitReason: "quota", resumeAt: later }, now)).toMatch(
      /^Paused: YouTube's daily quota is used up — resumes at 8:00\sAM$/,
    );
    expect(describeWaiting({ waitReason: "rate_limit", resumeAt: later }, now)).toMatch(/^Paused: YouTube asked us/);
    expect(describeWaiting({ waitReason: "upstream", resumeAt: later }, now)).toMatch(/^Paused: YouTube is having/);
    expect(describeWaiting({ waitReason: null, resumeAt: later }, now)).toMatch(/^Paused — resumes at/);
  });

  it("promises no time for a wait someone must end, and says when a timed wait is due or has no time", () => {
    expect(describeWaiting({ waitReason: "reconnect", resumeAt: null }, now)).toBe(
      "Paused: reconnect YouTube in Settings to continue",
    );
    expect(describeWaiting({ waitReason: "configuration", resumeAt: later }, now)).toBe(CONFIG_ERROR_TEXT);
    expect(describeWaiting({ waitReason: "quota", resumeAt: null }, now)).toBe("Paused — resumes by itself shortly");
    expect(describeWaiting({ waitReason: "quota", resumeAt: new Date(now) }, now)).toBe("Resuming…");
  });
});
