import { describe, expect, it } from "vitest";
import {
  FAILURE_BACKOFF_BASE_MS,
  FAILURE_BACKOFF_MAX_MS,
  FAILURE_RETRY_FLOOR_MS,
  JITTER_RATIO,
  QUOTA_RESUME_SPREAD_MS,
  failureBackoffMs,
  nextCheckAfterFailure,
  nextCheckAfterQuotaReset,
  nextCheckAfterSuccess,
  tierFor,
  withJitter,
} from "./check-schedule";

const now = new Date("2026-11-25T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const middle = () => 0.5;

describe("tierFor", () => {
  it("puts a channel in the tier its newest upload implies", () => {
    expect(tierFor(daysAgo(1), now)).toBe("active");
    expect(tierFor(daysAgo(7), now)).toBe("active");
    expect(tierFor(daysAgo(8), now)).toBe("normal");
    expect(tierFor(daysAgo(180), now)).toBe("normal");
    expect(tierFor(daysAgo(181), now)).toBe("dormant");
    expect(tierFor(daysAgo(730), now)).toBe("dormant");
    expect(tierFor(null, now)).toBe("dormant");
  });
});

describe("nextCheckAfterSuccess", () => {
  it("checks active channels every 15 minutes, normal hourly, dormant daily — never never", () => {
    const expectedMs = { active: 15 * 60_000, normal: 60 * 60_000, dormant: 24 * 60 * 60_000 };
    for (const tier of ["active", "normal", "dormant"] as const) {
      const next = nextCheckAfterSuccess({ tier, isPushCovered: false, now, random: middle });
      expect(next.getTime() - now.getTime()).toBe(expectedMs[tier]);
    }
  });

  it("polls push-covered channels only as a 6-hour safety net, but not more often than their tier", () => {
    const active = nextCheckAfterSuccess({ tier: "active", isPushCovered: true, now, random: middle });
    expect(active.getTime() - now.getTime()).toBe(6 * 60 * 60_000);
    const dormant = nextCheckAfterSuccess({ tier: "dormant", isPushCovered: true, now, random: middle });
    expect(dormant.getTime() - now.getTime()).toBe(24 * 60 * 60_000);
  });

  it("spreads checks by up to ±10 %", () => {
    expect(withJitter(1000, () => 0)).toBe(1000 * (1 - JITTER_RATIO));
    expect(withJitter(1000, () => 1)).toBe(1000 * (1 + JITTER_RATIO));
    const spread = new Set(Array.from({ length: 50 }, () => withJitter(3_600_000)));
    expect(spread.size).toBeGreaterThan(40);
  });
});

describe("failure backoff", () => {
  it("doubles per consecutive failure up to the cap", () => {
    expect(failureBackoffMs(1)).toBe(FAILURE_BACKOFF_BASE_MS);
    expect(failureBackoffMs(2)).toBe(2 * FAILURE_BACKOFF_BASE_MS);
    expect(failureBackoffMs(4)).toBe(8 * FAILURE_BACKOFF_BASE_MS);
    expect(failureBackoffMs(50)).toBe(FAILURE_BACKOFF_MAX_MS);
  });

  it("never comes back before the upstream's Retry-After, and spreads the retries after it", () => {
    const retryAt = new Date(now.getTime() + 2 * 3_600_000);
    const lowest = nextCheckAfterFailure({ consecutiveFailures: 1, now, retryAt, random: () => 0 }).getTime();
    const highest = nextCheckAfterFailure({ consecutiveFailures: 1, now, retryAt, random: () => 1 }).getTime();
    expect(lowest).toBe(retryAt.getTime() + FAILURE_RETRY_FLOOR_MS);
    expect(highest).toBe(retryAt.getTime() + FAILURE_BACKOFF_BASE_MS);
  });

  it("draws each retry uniformly between the floor and the exponential ceiling (full jitter)", () => {
    const offsets = [0, 0.25, 0.5, 1].map(
      (draw) => nextCheckAfterFailure({ consecutiveFailures: 3, now, random: () => draw }).getTime() - now.getTime(),
    );
    const span = 4 * FAILURE_BACKOFF_BASE_MS - FAILURE_RETRY_FLOOR_MS;
    expect(offsets).toEqual([0, 0.25, 0.5, 1].map((draw) => FAILURE_RETRY_FLOOR_MS + Math.round(draw * span)));
  });

  it("spreads checks waiting for the quota reset over a window after it", () => {
    const reset = new Date("2026-11-26T08:00:00Z");
    expect(nextCheckAfterQuotaReset(reset, () => 0)).toEqual(reset);
    expect(nextCheckAfterQuotaReset(reset, () => 1).getTime()).toBe(reset.getTime() + QUOTA_RESUME_SPREAD_MS);
  });
});
