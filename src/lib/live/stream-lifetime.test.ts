import { describe, expect, it } from "vitest";
import { LIVE_STREAM_MAX_MS, LIVE_STREAM_SPREAD_MS, liveStreamLifetimeMs } from "./stream-lifetime";

describe("liveStreamLifetimeMs", () => {
  it("stays within the last five minutes of the half-hour bound", () => {
    expect(liveStreamLifetimeMs(() => 0)).toBe(LIVE_STREAM_MAX_MS);
    expect(liveStreamLifetimeMs(() => 0.5)).toBe(LIVE_STREAM_MAX_MS - LIVE_STREAM_SPREAD_MS / 2);
    expect(liveStreamLifetimeMs(() => 0.999_999)).toBeGreaterThan(LIVE_STREAM_MAX_MS - LIVE_STREAM_SPREAD_MS);
  });

  it("gives streams opened together different ends, spread over the whole window", () => {
    const lifetimes = Array.from({ length: 1_000 }, () => liveStreamLifetimeMs());
    for (const lifetime of lifetimes) {
      expect(lifetime).toBeLessThanOrEqual(LIVE_STREAM_MAX_MS);
      expect(lifetime).toBeGreaterThan(LIVE_STREAM_MAX_MS - LIVE_STREAM_SPREAD_MS);
    }
    // At most a handful share any one second of the window; without the spread all 1,000 would end together.
    const perSecond = new Map<number, number>();
    for (const lifetime of lifetimes) {
      const second = Math.floor(lifetime / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThan(20);
    expect(perSecond.size).toBeGreaterThan(200);
  });
});
