/**
 * Our own per-user rate limits (not YouTube's), counted in Postgres with rate-limiter-flexible so every
 * web process shares one count. Each limit is a named constant; `consumeRateLimit` throws RATE_LIMITED
 * with retryAt, which tRPC turns into TOO_MANY_REQUESTS + Retry-After (never 403).
 */
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "~/lib/errors";
import { pool } from "~/server/db";
import { metrics } from "~/server/metrics";
import { processSingleton } from "~/server/process-singleton";

export type RateLimitPolicy = {
  readonly name: string;
  readonly points: number;
  readonly durationSeconds: number;
  readonly message: string;
};

/** imports.importVideos and imports.importChannel together: 10 per hour per user. */
export const IMPORT_RATE_LIMIT: RateLimitPolicy = {
  name: "imports",
  points: 10,
  durationSeconds: 60 * 60,
  message: "You've started 10 imports this hour. You can start another when the hour is up.",
};

/** sources.syncNow: 20 per hour per user. */
export const SYNC_NOW_RATE_LIMIT: RateLimitPolicy = {
  name: "sync-now",
  points: 20,
  durationSeconds: 60 * 60,
  message: "You've asked for 20 syncs this hour; auto-sync keeps running meanwhile.",
};

/** projects.reanalyze: 30 per hour per user (each is an AI call; bulk imports have their own global cap). */
export const REANALYZE_RATE_LIMIT: RateLimitPolicy = {
  name: "reanalyze",
  points: 30,
  durationSeconds: 60 * 60,
  message: "You've asked for 30 re-analyses this hour. You can ask again when the hour is up.",
};

/** sources.add: 60 follows per hour per user (a follow may cost a unit to look the channel up). */
export const FOLLOW_RATE_LIMIT: RateLimitPolicy = {
  name: "follows",
  points: 60,
  durationSeconds: 60 * 60,
  message: "You've followed 60 channels this hour. You can follow more when the hour is up.",
};

/** account.requestExport: 5 "Export my data" files per day per user (each reads the whole account). */
export const DATA_EXPORT_RATE_LIMIT: RateLimitPolicy = {
  name: "data-exports",
  points: 5,
  durationSeconds: 24 * 60 * 60,
  message: "You've asked for 5 exports today. You can ask for another tomorrow.",
};

/**
 * Import batches started per second across every worker. Each batch is one or two short YouTube calls;
 * the cap keeps a burst of big imports from crowding out everything else that shares the workers and
 * the quota, whatever the number of worker processes.
 */
const IMPORT_BATCHES_PER_SECOND = 20;
export const IMPORT_BATCH_RATE_LIMIT: RateLimitPolicy = {
  name: "import-batches",
  points: IMPORT_BATCHES_PER_SECOND,
  durationSeconds: 1,
  message: "Imports are busy right now; this batch continues in a moment.",
};

/** AI provider calls across every worker, per minute (AI_RATE_PER_MINUTE). */
export const aiRateLimit = (perMinute: number): RateLimitPolicy => ({
  name: "ai-calls",
  points: perMinute,
  durationSeconds: 60,
  message: "AI analysis is at its rate limit; this continues shortly.",
});

const limiters = processSingleton("showreelLimiters", () => new Map<string, RateLimiterPostgres>());

/** The shared limiter of a policy (also used by tests to block a key outright). */
export function rateLimiterFor(policy: RateLimitPolicy): RateLimiterPostgres {
  let limiter = limiters.get(policy.name);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: pool,
      tableName: "RateLimit",
      // The table comes from our migrations, so the library never runs DDL.
      tableCreated: true,
      // Left on, every limiter in every process would send one unbounded DELETE of the table's expired rows
      // every 5 minutes; retention.prune deletes them in chunks instead (src/lib/retention/policies.ts).
      clearExpiredByTimeout: false,
      keyPrefix: policy.name,
      points: policy.points,
      duration: policy.durationSeconds,
    });
    limiters.set(policy.name, limiter);
  }
  return limiter;
}

export async function consumeRateLimit(policy: RateLimitPolicy, key: string): Promise<void> {
  try {
    await rateLimiterFor(policy).consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      metrics.rateLimitRejectionsTotal.inc({ limit: policy.name });
      throw new AppError("RATE_LIMITED", policy.message, { retryAt: new Date(Date.now() + rejection.msBeforeNext) });
    }
    throw rejection;
  }
}
