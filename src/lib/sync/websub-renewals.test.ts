import { describe, expect, it } from "vitest";
import { renewAtFor, RENEW_AT_LEASE_SHARE_MAX, RENEW_AT_LEASE_SHARE_MIN } from "./websub-topic";
import {
  HUB_GRANTED_LEASE_SECONDS,
  MIN_RENEWALS_PER_MINUTE,
  renewalCapacityPerMinute,
  renewalNeedPerHour,
} from "./websub-renewals";

const MINUTE_MS = 60_000;
const LEASE_MS = HUB_GRANTED_LEASE_SECONDS * 1000;

/** Renew times, bucketed by minute from `grantedAt`, of `leases` leases all granted at one instant. */
function renewMinutesOfMassGrant(leases: number, grantedAt: Date): Map<number, number> {
  const perMinute = new Map<number, number>();
  for (let index = 0; index < leases; index += 1) {
    const minute = Math.floor(
      (renewAtFor(HUB_GRANTED_LEASE_SECONDS, grantedAt).getTime() - grantedAt.getTime()) / MINUTE_MS,
    );
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  return perMinute;
}

describe("renewal capacity", () => {
  it("is at least twice the steady-state need at 1M channels, and grows with the number of subscriptions", () => {
    const need = renewalNeedPerHour(1_000_000);
    // 1M leases of 5 days, renewed 80 % in: 1M / (120 h × 0.8).
    expect(Math.round(need)).toBe(10_417);
    const perHour = renewalCapacityPerMinute(1_000_000) * 60;
    expect(perHour).toBeGreaterThanOrEqual(2 * need);
    expect(renewalCapacityPerMinute(10_000_000)).toBeGreaterThanOrEqual(10 * renewalCapacityPerMinute(1_000_000) - 10);
    expect(renewalCapacityPerMinute(10_000_000) * 60).toBeGreaterThanOrEqual(2 * renewalNeedPerHour(10_000_000));
  });

  it("covers a shorter lease than Google's, and keeps a floor for a small fleet", () => {
    const dayLease = 24 * 60 * 60;
    expect(renewalCapacityPerMinute(1_000_000, dayLease) * 60).toBeGreaterThanOrEqual(
      2 * renewalNeedPerHour(1_000_000, dayLease),
    );
    expect(renewalCapacityPerMinute(0)).toBe(MIN_RENEWALS_PER_MINUTE);
    expect(renewalCapacityPerMinute(50)).toBe(MIN_RENEWALS_PER_MINUTE);
  });

  it("refuses a negative or non-finite count and a non-positive lease", () => {
    expect(() => renewalCapacityPerMinute(-1)).toThrow(RangeError);
    expect(() => renewalCapacityPerMinute(Number.NaN)).toThrow(RangeError);
    expect(() => renewalCapacityPerMinute(1_000, 0)).toThrow(RangeError);
  });
});

describe("renew times of leases granted at one instant", () => {
  const leases = 1_000_000;
  const grantedAt = new Date("2026-01-05T12:00:00Z");
  const perMinute = renewMinutesOfMassGrant(leases, grantedAt);
  const firstMinute = Math.min(...perMinute.keys());
  const lastMinute = Math.max(...perMinute.keys());
  const windowMinutes = Math.round((LEASE_MS / MINUTE_MS) * (RENEW_AT_LEASE_SHARE_MAX - RENEW_AT_LEASE_SHARE_MIN));
  const mean = leases / windowMinutes;

  it("fall across the whole 75–85 % window", () => {
    expect(firstMinute).toBe((LEASE_MS * RENEW_AT_LEASE_SHARE_MIN) / MINUTE_MS);
    // The window's last instant rounds into one more minute at most.
    expect(lastMinute).toBeLessThanOrEqual(Math.round((LEASE_MS * RENEW_AT_LEASE_SHARE_MAX) / MINUTE_MS));
    expect(lastMinute).toBeGreaterThanOrEqual(firstMinute + windowMinutes - 1);
  });

  it("keep every minute of the window near the mean, and under one run's capacity", () => {
    const counts = Array.from({ length: windowMinutes }, (_, offset) => perMinute.get(firstMinute + offset) ?? 0);
    const busiest = Math.max(...perMinute.values());
    // Uniform jitter: a minute's count is ~Poisson(1,389), so ±20 % is over 7 standard deviations away.
    expect(busiest).toBeLessThan(1.2 * mean);
    expect(Math.min(...counts)).toBeGreaterThan(0.8 * mean);
    // Even this worst case falls due no faster than a run (one a minute) may queue: each renews in the
    // minute it falls due, and no backlog builds.
    expect(busiest).toBeLessThanOrEqual(renewalCapacityPerMinute(leases));
  });
});
