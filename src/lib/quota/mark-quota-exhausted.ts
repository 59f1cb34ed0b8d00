/**
 * Records that Google answered quotaExceeded: the project's day is closed for every process until the
 * reset, whatever our own ledger says (another app sharing the Cloud project, or a console change, can
 * spend units we never saw).
 */
import { db } from "~/server/db";
import { nextQuotaReset, quotaDayDate } from "./next-reset";
import { configuredQuotaLimits, PROJECT_QUOTA_SCOPE } from "./reserve-quota";

export async function markQuotaExhausted(options: { now?: Date } = {}): Promise<Date> {
  const now = options.now ?? new Date();
  const until = nextQuotaReset(now);
  const limit = configuredQuotaLimits().projectDaily;
  await db.$executeRaw`
    INSERT INTO "QuotaDay" ("day", "scope", "used", "limit", "exhaustedUntil", "updatedAt")
    VALUES (${quotaDayDate(now)}::date, ${PROJECT_QUOTA_SCOPE}, ${limit}::int, ${limit}::int, ${until}::timestamptz, ${now}::timestamptz)
    ON CONFLICT ("day", "scope") DO UPDATE
       SET "exhaustedUntil" = EXCLUDED."exhaustedUntil", "updatedAt" = EXCLUDED."updatedAt"`;
  return until;
}
