/**
 * Today's YouTube quota as the dashboard shows it: what the whole app (the Google Cloud project) has spent,
 * what this user has spent of their own share, when the Pacific-midnight reset comes, and whether work is
 * paused until then. Read-only: one primary-key lookup of at most two QuotaDay rows, on the pool (queryRows:
 * open tabs poll it).
 */
import { queryRows } from "~/server/db";
import { nextQuotaReset, quotaDayOf } from "./next-reset";
import { configuredQuotaLimits, PROJECT_QUOTA_SCOPE, userQuotaScope, type QuotaLimits } from "./reserve-quota";

export type QuotaExhaustedScope = "project" | "user";

export type QuotaToday = {
  /** `syncLimit` is where background sync stops, so interactive imports keep headroom (SYNC_QUOTA_SHARE). */
  project: { used: number; limit: number; syncLimit: number };
  user: { used: number; limit: number };
  resetsAt: Date;
  /** Set while new YouTube calls are refused: Google said quotaExceeded, or a budget is spent. */
  exhaustedUntil: Date | null;
  exhaustedScope: QuotaExhaustedScope | null;
};

export async function getQuotaToday({
  userId,
  now = new Date(),
  limits = configuredQuotaLimits(),
}: {
  userId: string;
  now?: Date;
  limits?: QuotaLimits;
}): Promise<QuotaToday> {
  const userScope = userQuotaScope(userId);
  const rows = await queryRows<{ scope: string; used: number; exhaustedUntil: Date | null }>`
    SELECT "scope", "used", "exhaustedUntil" FROM "QuotaDay"
     WHERE "day" = ${quotaDayOf(now)}::date AND "scope" IN (${PROJECT_QUOTA_SCOPE}, ${userScope})`;
  const projectRow = rows.find((row) => row.scope === PROJECT_QUOTA_SCOPE);
  const userRow = rows.find((row) => row.scope === userScope);
  const resetsAt = nextQuotaReset(now);
  const project = {
    used: projectRow?.used ?? 0,
    limit: limits.projectDaily,
    syncLimit: Math.floor(limits.projectDaily * limits.backgroundShare),
  };
  const user = { used: userRow?.used ?? 0, limit: limits.userDaily };

  // The same refusals reserveQuota makes: a marked day (Google's word beats our ledger), then a spent budget.
  const exhausted: { scope: QuotaExhaustedScope; until: Date } | null = isMarked(projectRow, now)
    ? { scope: "project", until: projectRow.exhaustedUntil }
    : isMarked(userRow, now)
      ? { scope: "user", until: userRow.exhaustedUntil }
      : project.used >= project.limit
        ? { scope: "project", until: resetsAt }
        : user.used >= user.limit
          ? { scope: "user", until: resetsAt }
          : null;

  return {
    project,
    user,
    resetsAt,
    exhaustedUntil: exhausted?.until ?? null,
    exhaustedScope: exhausted?.scope ?? null,
  };
}

function isMarked<Row extends { exhaustedUntil: Date | null }>(
  row: Row | undefined,
  now: Date,
): row is Row & { exhaustedUntil: Date } {
  return !!row?.exhaustedUntil && row.exhaustedUntil > now;
}
