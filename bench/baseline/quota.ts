/**
 * The reviewed design's quota counter (docs/design.md#the-baseline `_check_user_quota` /
 * `_increment_quota`): read the counter, and if it is under the cap make the call, then add the units
 * afterwards. The increment itself is atomic (Redis INCR there; an upsert here), but the read and the
 * increment are separate steps with the API call between them, so every process that read "under the cap"
 * before the others' increments landed spends too — the overspend benchmark 6 measures. One row per key
 * in baseline.quota_counters (the schema in db.ts), expiring at the next UTC midnight as the cache key's
 * TTL did. Each step is its own connection (db.ts).
 *
 * Charitable where the original was not: the cap check here is `used + units <= limit` and the benchmark
 * passes the real unit cost, so any overspend measured is the race alone, not the original's mis-pricing
 * (search.list counted as 1) or its `> 9000` threshold.
 */
import type { BaselineDb } from "./db";

export const USER_QUOTA_KEY = (userId: string) => `youtube_quota:user:${userId}`;
export const SHARED_QUOTA_KEY = "youtube_quota:shared_api_key";
/** The reviewed design's per-user cap. */
export const BASELINE_USER_DAILY_CAP = 9000;

export async function readQuotaUsed(db: BaselineDb, key: string): Promise<number> {
  const rows = await db.query<{ used: number }>(
    `SELECT used FROM baseline.quota_counters WHERE key = $1 AND expires_at > now()`,
    [key],
  );
  return rows[0]?.used ?? 0;
}

/** The check before a call: true when `units` more still fit under `limit` as of this read. */
export async function hasQuotaLeft(
  db: BaselineDb,
  options: { key: string; limit: number; units: number },
): Promise<boolean> {
  return (await readQuotaUsed(db, options.key)) + options.units <= options.limit;
}

/** The increment after a call: atomic on its own, but not tied to the check that let the call through. */
export async function incrementQuota(db: BaselineDb, options: { key: string; units: number }): Promise<void> {
  await db.query(
    `INSERT INTO baseline.quota_counters (key, used, expires_at)
     VALUES ($1, $2, date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day')
     ON CONFLICT (key) DO UPDATE
        SET used = CASE WHEN baseline.quota_counters.expires_at > now() THEN baseline.quota_counters.used + EXCLUDED.used ELSE EXCLUDED.used END,
            expires_at = CASE WHEN baseline.quota_counters.expires_at > now() THEN baseline.quota_counters.expires_at ELSE EXCLUDED.expires_at END`,
    [options.key, options.units],
  );
}
