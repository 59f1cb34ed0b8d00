import { describe, expect, it } from "vitest";
import {
  ENRICH_BEHIND_READY_IDS,
  isEnrichBehind,
  projectsDueThisRun,
  REFRESH_MIN_AGE_MS,
  REFRESH_PARTIAL_CALL_AGE_MS,
  REFRESH_TARGET_AGE_MS,
  REFRESH_TICK_MS,
  refreshUnitsLeft,
  unitsAllowedThisRun,
} from "./refresh-plan";
import { YOUTUBE_DATA_MAX_AGE_MS } from "./youtube-data-age";

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date("2026-12-06T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("refresh plan", () => {
  it("orders its ages: minimum < partial call < target < the policy's 30 days", () => {
    expect(REFRESH_MIN_AGE_MS).toBeLessThan(REFRESH_PARTIAL_CALL_AGE_MS);
    expect(REFRESH_PARTIAL_CALL_AGE_MS).toBeLessThan(REFRESH_TARGET_AGE_MS);
    expect(REFRESH_TARGET_AGE_MS).toBeLessThan(YOUTUBE_DATA_MAX_AGE_MS);
    expect(REFRESH_TICK_MS).toBe(5 * 60_000);
  });

  it("spreads what is eligible over the runs left before the oldest reaches the target", () => {
    // 864 runs of 5 minutes are left before a 22-day-old project turns 25: 1M eligible → 1,158 a run.
    expect(projectsDueThisRun({ eligible: 1_000_000, requeued: 0, oldestAt: ago(22 * DAY_MS), now })).toBe(1_158);
    // Half a day from the target, the same backlog goes 7 times faster.
    expect(projectsDueThisRun({ eligible: 1_000_000, requeued: 0, oldestAt: ago(24.5 * DAY_MS), now })).toBe(6_945);
    // Overdue (the migration's backfill, an outage): everything now — the units cap spreads it over the day.
    expect(projectsDueThisRun({ eligible: 5_000_000, requeued: 0, oldestAt: ago(40 * DAY_MS), now })).toBe(5_000_000);
    // A few eligible projects still mean at least one a run; requeued ones always go.
    expect(projectsDueThisRun({ eligible: 3, requeued: 0, oldestAt: ago(22 * DAY_MS), now })).toBe(1);
    expect(projectsDueThisRun({ eligible: 0, requeued: 7, oldestAt: null, now })).toBe(7);
    expect(projectsDueThisRun({ eligible: 10, requeued: 2, oldestAt: ago(24 * DAY_MS), now, tickMs: DAY_MS })).toBe(12);
  });

  it("lets a run spend at most twice the even share of what the refresh has left today", () => {
    const nextResetAt = new Date(now.getTime() + 12 * 60 * 60 * 1000);
    // 144 runs left in the day: 6,400 units left → 89 a run (an even share is 44.4).
    expect(unitsAllowedThisRun({ unitsLeft: 6_400, now, nextResetAt })).toBe(89);
    expect(unitsAllowedThisRun({ unitsLeft: 0, now, nextResetAt })).toBe(0);
    expect(unitsAllowedThisRun({ unitsLeft: -5, now, nextResetAt })).toBe(0);
    // The last run of the day may spend what is left, never more.
    expect(unitsAllowedThisRun({ unitsLeft: 30, now, nextResetAt: new Date(now.getTime() + 60_000) })).toBe(30);
  });

  it("steps aside for enrichment only when it is behind, not while a batch fills", () => {
    const maxWaitMs = 30_000;
    expect(isEnrichBehind({ ready: 0, oldestWaitMs: 0 }, maxWaitMs)).toBe(false);
    expect(isEnrichBehind({ ready: 60, oldestWaitMs: 40_000 }, maxWaitMs)).toBe(false);
    expect(isEnrichBehind({ ready: ENRICH_BEHIND_READY_IDS, oldestWaitMs: 1_000 }, maxWaitMs)).toBe(true);
    expect(isEnrichBehind({ ready: 3, oldestWaitMs: 120_000 }, maxWaitMs)).toBe(true);
  });

  it("leaves a fifth of the background share to enrichment: at the default 10,000 units the refresh stops at 6,400 spent", () => {
    expect(refreshUnitsLeft({ projectDaily: 10_000, backgroundShare: 0.8, used: 0 })).toBe(6_400);
    expect(refreshUnitsLeft({ projectDaily: 10_000, backgroundShare: 0.8, used: 6_400 })).toBe(0);
    expect(refreshUnitsLeft({ projectDaily: 10_000, backgroundShare: 0.8, used: 7_000 })).toBe(-600);
  });
});
