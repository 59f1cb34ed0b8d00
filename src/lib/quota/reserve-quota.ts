/**
 * Reserves YouTube Data API units before a call is sent. ONE statement, the `reserve_quota` SQL function
 * (migration 20261206110100_quota_reserve_function): a conditional upsert per scope, the project row
 * (shared by every process and user) and, for a user's own work, that user's row. Either every scope takes
 * the units or none does (a refusing scope rolls back what the earlier ones took inside the function), and
 * there is no read-then-write, so any number of processes racing on one budget never overspend it by a
 * single unit. Units stay spent when the call later fails: Google charges failed calls too.
 * Background work goes through the process's lease (quota-lease.ts), which reserves here in blocks.
 */
import { env } from "~/env";
import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import { metrics } from "~/server/metrics";
import { nextQuotaReset, quotaDayDate } from "./next-reset";

export const PROJECT_QUOTA_SCOPE = "project";
export const userQuotaScope = (userId: string) => `user:${userId}`;

/** Interactive work (a user's imports) may use the whole budget; background sync only its share. */
export type QuotaPurpose = "interactive" | "background";

export type QuotaLimits = { projectDaily: number; userDaily: number; backgroundShare: number };

export function configuredQuotaLimits(): QuotaLimits {
  return {
    projectDaily: env.YOUTUBE_DAILY_QUOTA,
    userDaily: env.YOUTUBE_USER_DAILY_QUOTA,
    backgroundShare: env.SYNC_QUOTA_SHARE,
  };
}

type ScopeReservation = { scope: string; limit: number; cap: number };

/** The scopes a reservation charges, project first: every caller locks the rows in this order. */
function scopesFor(purpose: QuotaPurpose, userId: string | undefined, limits: QuotaLimits): ScopeReservation[] {
  const scopes: ScopeReservation[] = [
    {
      scope: PROJECT_QUOTA_SCOPE,
      limit: limits.projectDaily,
      cap: purpose === "background" ? Math.floor(limits.projectDaily * limits.backgroundShare) : limits.projectDaily,
    },
  ];
  if (userId) scopes.push({ scope: userQuotaScope(userId), limit: limits.userDaily, cap: limits.userDaily });
  return scopes;
}

function refusalMessage(scope: string, purpose: QuotaPurpose): string {
  if (scope !== PROJECT_QUOTA_SCOPE)
    return "You've used your share of today's YouTube quota. Your imports resume after the daily reset.";
  return purpose === "background"
    ? "Background sync has used its share of today's YouTube quota; it resumes after the daily reset."
    : "Today's YouTube quota is used up. Work resumes automatically after the daily reset.";
}

/**
 * Takes `units` from today's budget or throws QUOTA_EXHAUSTED with retryAt = the next Pacific midnight.
 * `userId` adds the user's own daily cap for work done on their behalf; background work passes none.
 */
export async function reserveQuota(options: ReserveOptions): Promise<void> {
  await reserveQuotaBlock(options);
  metrics.youtubeQuotaUnitsReservedTotal.inc({ purpose: options.purpose }, options.units);
}

type ReserveOptions = {
  units: number;
  purpose: QuotaPurpose;
  userId?: string | undefined;
  now?: Date;
  limits?: QuotaLimits;
};

/**
 * reserveQuota without the metric, for units that are not spent yet: a background lease's block, whose
 * units are counted as they are handed out.
 */
export async function reserveQuotaBlock(options: ReserveOptions): Promise<void> {
  const now = options.now ?? new Date();
  const limits = options.limits ?? configuredQuotaLimits();
  if (!Number.isInteger(options.units) || options.units < 1) throw new Error(`invalid quota units: ${options.units}`);
  const scopes = scopesFor(options.purpose, options.userId, limits);
  const [result] = await db.$queryRaw<{ refused: string | null }[]>`
    SELECT "reserve_quota"(${quotaDayDate(now)}::date, ${scopes.map((scope) => scope.scope)}::text[],
      ${scopes.map((scope) => scope.limit)}::int[], ${scopes.map((scope) => scope.cap)}::int[], ${options.units}::int,
      ${now}::timestamptz) AS "refused"`;
  const refused = result?.refused ?? null;
  if (refused === null) return;
  throw new AppError("QUOTA_EXHAUSTED", refusalMessage(refused, options.purpose), {
    retryAt: nextQuotaReset(now),
    cause: new Error(`quota refused for ${refused}`),
  });
}

/**
 * Gives back units reserved but never spent (a background lease's leftover) to the project row of the day
 * they were taken on. One statement; never below 0, so a day the ledger was reset or marked cannot go
 * negative.
 */
export async function releaseQuota(options: { units: number; day: Date; now?: Date }): Promise<void> {
  if (!Number.isInteger(options.units) || options.units < 1) return;
  await db.$executeRaw`
    UPDATE "QuotaDay" SET "used" = GREATEST("used" - ${options.units}::int, 0), "updatedAt" = ${options.now ?? new Date()}::timestamptz
     WHERE "day" = ${options.day}::date AND "scope" = ${PROJECT_QUOTA_SCOPE}`;
}
