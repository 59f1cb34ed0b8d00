import { describe, expect, it } from "vitest";
import { hasCurrentStats, YOUTUBE_DATA_MAX_AGE_MS } from "./youtube-data-age";

const now = new Date("2026-12-06T12:00:00Z");
const readAgo = (ms: number) => ({
  youtubeDataAt: new Date(now.getTime() - ms),
  availability: "available" as const,
  youtubeDetailsRemovedAt: null,
});

describe("hasCurrentStats", () => {
  it("shows numbers read within 30 days, and not a millisecond later", () => {
    expect(YOUTUBE_DATA_MAX_AGE_MS).toBe(30 * 24 * 60 * 60 * 1000);
    expect(hasCurrentStats(readAgo(0), now)).toBe(true);
    expect(hasCurrentStats(readAgo(YOUTUBE_DATA_MAX_AGE_MS), now)).toBe(true);
    expect(hasCurrentStats(readAgo(YOUTUBE_DATA_MAX_AGE_MS + 1), now)).toBe(false);
  });

  it("never for a video that is gone or whose details were removed, however fresh; a private one read by its owner shows them", () => {
    expect(hasCurrentStats({ ...readAgo(0), availability: "deleted" }, now)).toBe(false);
    expect(hasCurrentStats({ ...readAgo(0), availability: "private" }, now)).toBe(true);
    expect(hasCurrentStats({ ...readAgo(0), youtubeDetailsRemovedAt: now }, now)).toBe(false);
  });
});
