/**
 * The quota projection /ops shows: at the rate spent so far this quota day, how many units will be gone
 * when Google resets at Pacific midnight. The day's average, not the last hour's, because the budget is
 * per day: a quiet night followed by a busy morning is what the day will look like again tomorrow.
 */
import { nextQuotaReset } from "~/lib/quota/next-reset";

/** A Pacific day is 23 to 25 hours long; stepping back 26 h from a reset always lands in the day before. */
const LONGEST_QUOTA_DAY_MS = 26 * 60 * 60 * 1000;

export type QuotaProjection = {
  dayStart: Date;
  resetsAt: Date;
  used: number;
  limit: number;
  /** Units used by the reset if the day's rate so far holds (never less than `used`). */
  projectedAtReset: number;
  /** When that rate reaches the limit before the reset; null when it does not. */
  exhaustsAt: Date | null;
};

/** The first instant of the quota day `now` belongs to (Pacific midnight, in UTC). */
export function quotaDayStart(now: Date): Date {
  return nextQuotaReset(new Date(nextQuotaReset(now).getTime() - LONGEST_QUOTA_DAY_MS));
}

export function projectQuota({ used, limit, now }: { used: number; limit: number; now: Date }): QuotaProjection {
  const dayStart = quotaDayStart(now);
  const resetsAt = nextQuotaReset(now);
  const elapsedMs = Math.max(1, now.getTime() - dayStart.getTime());
  const unitsPerMs = used / elapsedMs;
  const projectedAtReset = Math.round(used + unitsPerMs * (resetsAt.getTime() - now.getTime()));
  const exhaustsAt =
    used >= limit
      ? now
      : unitsPerMs > 0 && projectedAtReset > limit
        ? new Date(now.getTime() + (limit - used) / unitsPerMs)
        : null;
  return { dayStart, resetsAt, used, limit, projectedAtReset, exhaustsAt };
}
