/**
 * How much projects.refresh does per run, and when (pure arithmetic; refresh-plan.test.ts pins it down).
 *
 * Every project's YouTube data must be renewed within 30 days (youtube-data-age.ts). The refresh aims at
 * REFRESH_TARGET_AGE_MS, leaving days of margin for outages and quota waits, and never renews data younger
 * than REFRESH_MIN_AGE_MS (that would spend units for nothing). A run every REFRESH_TICK_MS takes the
 * oldest projects first, as many as keep the oldest one on time: everything eligible, spread over the ticks
 * left before the oldest reaches the target. A burst of imports therefore comes due spread over the window
 * between the two ages, and spreads further every cycle; there is no daily batch and no midnight burst.
 * On top of that, a run spends at most twice the even share of the refresh's units left in the quota day,
 * so even a backlog (after an outage, or the migration that introduced this) is worked off across the day.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** The cron (worker/schedules.ts): one run every 5 minutes, 288 a day. */
export const REFRESH_TICK_MS = 5 * MINUTE_MS;
/** Every project renewed by this age; the policy's 30 days leave 5 for a Google outage or a spent quota. */
export const REFRESH_TARGET_AGE_MS = 25 * DAY_MS;
/** Data younger than this is not renewed: projects come due in the 3 days before the target. */
export const REFRESH_MIN_AGE_MS = 22 * DAY_MS;
/** A videos.list call for fewer than 50 ids is made only once the oldest of them is this old. */
export const REFRESH_PARTIAL_CALL_AGE_MS = 24 * DAY_MS;
/**
 * The refresh runs in the background quota share after sync enrichment: it leaves this fraction of the share
 * to sync.enrich (new uploads first), and stops when only that is left.
 */
export const REFRESH_ENRICH_RESERVE = 0.2;
/**
 * Enrichment is behind — ten calls' worth of detected uploads ready, or the oldest waiting four times the
 * longest an upload should (SYNC_ENRICH_MAX_WAIT_SECONDS) — and the refresh steps aside until it catches up.
 * A few ids waiting for their batch to fill is normal and does not stop it.
 */
export const ENRICH_BEHIND_READY_IDS = 500;
const ENRICH_BEHIND_WAIT_FACTOR = 4;

export function isEnrichBehind(backlog: { ready: number; oldestWaitMs: number }, maxWaitMs: number): boolean {
  return (
    backlog.ready >= ENRICH_BEHIND_READY_IDS ||
    (backlog.ready > 0 && backlog.oldestWaitMs >= maxWaitMs * ENRICH_BEHIND_WAIT_FACTOR)
  );
}

/** Projects queued to go first (youtubeDataAt at the epoch): restored after their owner reconnected. */
export const REQUEUED_AT = new Date(0);

/**
 * Projects a run should renew: every requeued one, plus the eligible ones (older than the minimum age)
 * spread over the runs left before the oldest of them reaches the target age (at least one run: an
 * overdue project is renewed now).
 */
export function projectsDueThisRun(input: {
  eligible: number;
  requeued: number;
  oldestAt: Date | null;
  now: Date;
  tickMs?: number;
}): number {
  const tickMs = input.tickMs ?? REFRESH_TICK_MS;
  if (input.eligible === 0 || input.oldestAt === null) return input.requeued;
  const timeLeftMs = REFRESH_TARGET_AGE_MS - (input.now.getTime() - input.oldestAt.getTime());
  const runsLeft = Math.max(1, Math.floor(timeLeftMs / tickMs));
  return input.requeued + Math.ceil(input.eligible / runsLeft);
}

/**
 * Units one run may spend: twice the even share of what the refresh has left in the quota day (its part of
 * the background share, less what it leaves to enrichment, less what was spent), so no run takes the day
 * at once. 0 when nothing is left.
 */
export function unitsAllowedThisRun(input: {
  unitsLeft: number;
  now: Date;
  nextResetAt: Date;
  tickMs?: number;
}): number {
  if (input.unitsLeft <= 0) return 0;
  const tickMs = input.tickMs ?? REFRESH_TICK_MS;
  const runsLeft = Math.max(1, Math.ceil((input.nextResetAt.getTime() - input.now.getTime()) / tickMs));
  return Math.min(input.unitsLeft, Math.ceil((2 * input.unitsLeft) / runsLeft));
}

/** The refresh's units left today: the background share, less the enrichment reserve, less what the day spent. */
export function refreshUnitsLeft(input: { projectDaily: number; backgroundShare: number; used: number }): number {
  const backgroundCap = Math.floor(input.projectDaily * input.backgroundShare);
  return backgroundCap - Math.ceil(backgroundCap * REFRESH_ENRICH_RESERVE) - input.used;
}
