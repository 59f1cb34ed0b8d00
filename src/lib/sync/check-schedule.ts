/**
 * When a followed channel is checked next (docs/design.md#sync). Three tiers by how recently the channel
 * uploaded — none is ever starved: a channel quiet for years is still checked daily. Jitter spreads a
 * day-0 follow of 100K channels over the interval instead of a thundering herd at each boundary.
 * Failures back off per channel, exponentially and capped, so one bad channel slows only itself.
 */
export type CheckTier = "active" | "normal" | "dormant";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Uploaded within this long → active. */
const ACTIVE_WINDOW_MS = 7 * DAY_MS;
/** Nothing uploaded within this long → dormant. */
const DORMANT_AFTER_MS = 180 * DAY_MS;

export const TIER_INTERVAL_MS: Record<CheckTier, number> = {
  active: 15 * MINUTE_MS,
  normal: HOUR_MS,
  dormant: DAY_MS,
};

/** With a live WebSub lease the hub pushes uploads; polling is only the safety net. */
export const PUSH_SAFETY_NET_INTERVAL_MS = 6 * HOUR_MS;
/** ± this share of an interval is added at random. */
export const JITTER_RATIO = 0.1;
/** A failed check's backoff ceiling starts here and doubles per consecutive failure up to the cap. */
export const FAILURE_BACKOFF_BASE_MS = 5 * MINUTE_MS;
export const FAILURE_BACKOFF_MAX_MS = 12 * HOUR_MS;
/** A channel YouTube says is gone is looked at again this rarely, in case it comes back. */
export const GONE_RECHECK_INTERVAL_MS = 7 * DAY_MS;
/** Checks resuming at a quota reset are spread over this window so they do not all fire at midnight. */
export const QUOTA_RESUME_SPREAD_MS = 30 * MINUTE_MS;
/** The earliest a failed check is retried, whatever the jitter drew: no hot loop against a failing upstream. */
export const FAILURE_RETRY_FLOOR_MS = 10_000;

export function tierFor(lastVideoPublishedAt: Date | null, now: Date): CheckTier {
  if (!lastVideoPublishedAt) return "dormant";
  const age = now.getTime() - lastVideoPublishedAt.getTime();
  if (age <= ACTIVE_WINDOW_MS) return "active";
  return age <= DORMANT_AFTER_MS ? "normal" : "dormant";
}

/** `interval` ± JITTER_RATIO; `random` is injectable for tests. */
export function withJitter(intervalMs: number, random: () => number = Math.random): number {
  return Math.round(intervalMs * (1 + JITTER_RATIO * (2 * random() - 1)));
}

export function nextCheckAfterSuccess(options: {
  tier: CheckTier;
  /** A live lease whose pushes are trusted (not marked push-unhealthy). */
  isPushCovered: boolean;
  now: Date;
  random?: () => number;
}): Date {
  const base = TIER_INTERVAL_MS[options.tier];
  const interval = options.isPushCovered ? Math.max(base, PUSH_SAFETY_NET_INTERVAL_MS) : base;
  return new Date(options.now.getTime() + withJitter(interval, options.random));
}

export function failureBackoffMs(consecutiveFailures: number): number {
  const exponent = Math.max(0, Math.min(consecutiveFailures - 1, 20));
  return Math.min(FAILURE_BACKOFF_BASE_MS * 2 ** exponent, FAILURE_BACKOFF_MAX_MS);
}

/**
 * Full jitter (uniform between the floor and the exponential ceiling), counted from the later of now and
 * when upstream said to come back. A fleet that failed together (an outage) comes back spread over the whole
 * window instead of in waves, and every failure backs off this way — an error we cannot classify included.
 */
export function nextCheckAfterFailure(options: {
  consecutiveFailures: number;
  now: Date;
  /** Upstream said when to come back (Retry-After, breaker reset): never earlier than that. */
  retryAt?: Date | null;
  random?: () => number;
}): Date {
  const random = options.random ?? Math.random;
  const from = Math.max(options.now.getTime(), options.retryAt?.getTime() ?? 0);
  const ceiling = failureBackoffMs(options.consecutiveFailures);
  return new Date(from + FAILURE_RETRY_FLOOR_MS + Math.round(random() * Math.max(0, ceiling - FAILURE_RETRY_FLOOR_MS)));
}

export function nextCheckAfterQuotaReset(resetAt: Date, random: () => number = Math.random): Date {
  return new Date(resetAt.getTime() + Math.round(random() * QUOTA_RESUME_SPREAD_MS));
}
