/**
 * Reserves YouTube Data API units before a call is sent (DESIGN.md §5). One conditional upsert per scope
 * inside one short transaction: the project row (shared by every process and user) and, for a user's own
 * work, that user's row. Either both take the units or neither does — there is no read-then-write, so any
 * number of processes racing on one budget never overspend it by a single unit. Units stay spent when the
 * call later fails: Google charges failed calls too.
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

async function reserveScope(
  tx: Pick<typeof db, "$queryRaw">,
  reservation: ScopeReservation,
  units: number,
  day: Date,
  now: Date,
): Promise<boolean> {
  const rows = await tx.$queryRaw<{ used: number }[]>`
    INSERT INTO "QuotaDay" ("day", "scope", "used", "limit", "updatedAt")
    SELECT ${day}::date, ${reservation.scope}, ${units}::int, ${reservation.limit}::int, ${now}::timestamptz
     WHERE ${units}::int <= ${reservation.cap}::int
    ON CONFLICT ("day", "scope") DO UPDATE
       SET "used" = "QuotaDay"."used" + EXCLUDED."used", "limit" = EXCLUDED."limit", "updatedAt" = EXCLUDED."updatedAt"
     WHERE "QuotaDay"."used" + EXCLUDED."used" <= ${reservation.cap}::int
       AND ("QuotaDay"."exhaustedUntil" IS NULL OR "QuotaDay"."exhaustedUntil" <= ${now}::timestamptz)
    RETURNING "used"`;
  return rows.length === 1;
}

/**
 * Every process reserving at once queues on the project row's lock: under heavy contention on a busy
 * machine a reservation may wait seconds for a pooled connection and the lock, which Prisma's defaults
 * (2 s / 5 s) would turn into an error instead of a slow success.
 */
const RESERVE_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

class QuotaRefused extends Error {
  constructor(readonly scope: string) {
    super(`quota refused for ${scope}`);
  }
}

/**
 * Takes `units` from today's budget or throws QUOTA_EXHAUSTED with retryAt = the next Pacific midnight.
 * `userId` adds the user's own daily cap for work done on their behalf; background work passes none.
 */
export async function reserveQuota(options: {
  units: number;
  purpose: QuotaPurpose;
  userId?: string | undefined;
  now?: Date;
  limits?: QuotaLimits;
}): Promise<void> {
  const now = options.now ?? new Date();
  const limits = options.limits ?? configuredQuotaLimits();
  if (!Number.isInteger(options.units) || options.units < 1) throw new Error(`invalid quota units: ${options.units}`);
  const day = quotaDayDate(now);
  const scopes: ScopeReservation[] = [
    {
      scope: PROJECT_QUOTA_SCOPE,
      limit: limits.projectDaily,
      cap:
        options.purpose === "background" ? Math.floor(limits.projectDaily * limits.backgroundShare) : limits.projectDaily,
    },
  ];
  if (options.userId) {
    scopes.push({ scope: userQuotaScope(options.userId), limit: limits.userDaily, cap: limits.userDaily });
  }

  try {
    await db.$transaction(async (tx) => {
      for (const scope of scopes) {
        if (!(await reserveScope(tx, scope, options.units, day, now))) throw new QuotaRefused(scope.scope);
      }
    }, RESERVE_TRANSACTION_OPTIONS);
    metrics.youtubeQuotaUnitsReservedTotal.inc({ purpose: options.purpose }, options.units);
  } catch (error) {
    if (!(error instanceof QuotaRefused)) throw error;
    const retryAt = nextQuotaReset(now);
    const message =
      error.scope === PROJECT_QUOTA_SCOPE
        ? options.purpose === "background"
          ? "Background sync has used its share of today's YouTube quota; it resumes after the daily reset."
          : "Today's YouTube quota is used up. Work resumes automatically after the daily reset."
        : "You've used your share of today's YouTube quota. Your imports resume after the daily reset.";
    throw new AppError("QUOTA_EXHAUSTED", message, { retryAt, cause: error });
  }
}
