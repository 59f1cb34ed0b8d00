/**
 * Everything the dashboard shows that no other procedure already answers, in four small indexed queries
 * run side by side: the user's name and time zone, their project count, their followed channels summed up
 * by sync state, and their import runs still in progress. Recent projects, the connection, the quota and
 * the unread count come from their own procedures, whose cached answers other pages share.
 */
import type { ImportRunStatus } from "~/generated/prisma/client";
import { toImportRunDto } from "~/lib/imports/import-run-dto";
import { importRunSelect } from "~/lib/imports/selects";
import { db } from "~/server/db";

/** Runs shown with live progress; more than this links to the Import page instead. */
const DASHBOARD_ACTIVE_RUNS_SHOWN = 5;

const ACTIVE_RUN_STATUSES: ImportRunStatus[] = ["queued", "running", "waiting"];

type SourceCountsRow = { total: number; paused: number; waiting: number; failing: number; lastCheckedAt: Date | null };

/**
 * One pass over the user's follows (the (userId, channelId) unique index) joined to their channels. The
 * states mirror syncStatusOf in ~/lib/sources/selects.ts: paused first, then gone or failing, then waiting.
 */
function countSources(userId: string) {
  return db.$queryRaw<SourceCountsRow[]>`
    SELECT count(*)::int AS "total",
           count(*) FILTER (WHERE NOT cs."syncEnabled")::int AS "paused",
           count(*) FILTER (WHERE cs."syncEnabled" AND ch."status" = 'active' AND sc."lastOutcome" = 'quota_wait')::int AS "waiting",
           count(*) FILTER (WHERE cs."syncEnabled" AND (ch."status" <> 'active'
                              OR (sc."failures" > 0 AND sc."lastOutcome" IS DISTINCT FROM 'quota_wait')))::int AS "failing",
           max(sc."lastCheckedAt") FILTER (WHERE cs."syncEnabled") AS "lastCheckedAt"
      FROM "ContentSource" cs
      JOIN "Channel" ch ON ch."id" = cs."channelId"
      JOIN "ChannelSchedule" sc ON sc."channelId" = cs."channelId"
     WHERE cs."userId" = ${userId}`;
}

export async function getDashboardSummary({ userId }: { userId: string }) {
  const [user, projectCount, [sources], runs] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { name: true, timezone: true } }),
    db.project.count({ where: { userId } }),
    countSources(userId),
    // Few runs are active at once, across all users: the status index finds them, userId narrows.
    db.importRun.findMany({
      where: { userId, status: { in: ACTIVE_RUN_STATUSES } },
      select: importRunSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: DASHBOARD_ACTIVE_RUNS_SHOWN + 1,
    }),
  ]);
  return {
    user: { name: user?.name ?? "", timeZone: user?.timezone ?? null },
    projectCount,
    sources: sources ?? { total: 0, paused: 0, waiting: 0, failing: 0, lastCheckedAt: null },
    activeRuns: runs.slice(0, DASHBOARD_ACTIVE_RUNS_SHOWN).map(toImportRunDto),
    hasMoreActiveRuns: runs.length > DASHBOARD_ACTIVE_RUNS_SHOWN,
  };
}

export type DashboardSummary = Awaited<ReturnType<typeof getDashboardSummary>>;
