/**
 * How long Showreel keeps each table's rows: the one place retention is named. Every model in
 * prisma/schema.prisma has an entry (the type below makes a missing one a compile error, and
 * prune-expired-rows.int.test.ts checks the migrated database has no other table), saying either
 * - `rules`: what retention.prune deletes, as chunked statements (src/lib/retention/prune-expired-rows.ts
 *   runs them, at most MAX_CHUNK_ROWS rows a statement, each finding its rows through an index), or
 * - `prunedWith`: another table's rule deletes its rows first (a child that would otherwise be cascaded), or
 * - `boundedBy`: why the table cannot grow without limit, so it needs no rule.
 * A new table is one entry here. Pure data: no database access, so docs and pages may read it.
 *
 * Every statement gets `$1` = the chunk size; a rule's `values` fill `$2…`. A delete statement answers one
 * row, `affected`; a sweep also answers `cursor`, where the next statement starts (NULL: the sweep is done).
 */
import type { Prisma } from "~/generated/prisma/client";
import { quotaDayDate } from "~/lib/quota/next-reset";
import { DATA_EXPORT_ROW_RETENTION_DAYS, DATA_EXPORT_TTL_HOURS } from "~/lib/data-export/limits";

export type TableName = Prisma.ModelName;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Read notifications are kept this long after they were read. */
export const NOTIFICATION_READ_RETENTION_DAYS = 90;
/** A user's newest unread notifications kept; older unread ones beyond these go. */
export const UNREAD_NOTIFICATIONS_KEPT = 200;
/** The unread cap walks every user (about 100 statements at 100K users); a finished walk starts again after this. */
export const UNREAD_CAP_SWEEP_EVERY_MS = 6 * HOUR_MS;
/** A user's QuotaDay rows (scope `user:<id>`): today's and this many earlier Pacific days. */
export const QUOTA_USER_ROW_RETENTION_DAYS = 35;
/** The Cloud project's own rows (one a day): over a year, for the quota-extension audit's units per day. */
export const QUOTA_PROJECT_ROW_RETENTION_DAYS = 400;
/** Finished import runs (done, failed, partial), from when they finished. */
export const IMPORT_RUN_RETENTION_DAYS = 365;
/** Sync history for the sources page and /ops. */
export const SYNC_RUN_RETENTION_DAYS = 30;
/** Digests of verified WebSub pushes: a replay of one this young is dropped (src/lib/sync/websub-push.ts). */
export const WEBSUB_DELIVERY_RETENTION_DAYS = 30;
/** Video ids sync.enrich has handled: one a feed still lists is not looked up twice in this window. */
export const SYNC_VIDEO_DONE_RETENTION_DAYS = 2;
/** A stored My Videos page nobody viewed or revalidated for this long. */
export const MY_VIDEOS_PAGE_RETENTION_DAYS = 7;
/** A channel nobody follows is deleted this long after its row last changed (a follow or an import bumps it). */
export const UNFOLLOWED_CHANNEL_RETENTION_DAYS = 30;
/**
 * The unfollowed-channel sweep walks every channel, as many a statement as the user sweep walks users (1,000
 * statements of a few milliseconds at 1M channels); a finished walk starts again after this.
 */
export const UNFOLLOWED_CHANNEL_SWEEP_EVERY_MS = 24 * HOUR_MS;
/** Revoked personal access tokens stay listed (as revoked) this long after revocation. */
export const REVOKED_TOKEN_RETENTION_DAYS = 30;
/** /ops history (one sample a minute) and the breaker states processes reported. */
export const OPS_SAMPLE_RETENTION_HOURS = 48;
/** Heartbeats and admins' round-trip pings. */
export const SYSTEM_PING_RETENTION_HOURS = 24;

export type PruneContext = {
  /** The run's clock: every cutoff is computed from it. */
  readonly now: Date;
  /** Where a sweep stopped ('' at its start). */
  readonly cursor: string;
  /** Rows of the walked table a sweep statement covers: users for the unread cap, channels for unfollowed channels. */
  readonly sweepRows: number;
};

export type PruneStep = {
  /** The table whose rows the statement deletes (counted per table), or null for one that prepares a delete. */
  readonly deletes: TableName | null;
  readonly sql: string;
  readonly values: (context: PruneContext) => readonly unknown[];
};

/**
 * One retention rule. Its steps run in order, each repeated while it fills a chunk (more remain); after
 * the last one fills a chunk the steps start over, so a prepare step always runs for the batch the delete
 * then takes. A sweep is one step that walks every user and returns where it stopped.
 */
export type PruneRule = {
  readonly id: string;
  readonly steps: readonly PruneStep[];
  readonly sweep?: { readonly everyMs: number };
};

export type TablePolicy =
  | { readonly retention: string; readonly rules: readonly PruneRule[] }
  | { readonly retention: string; readonly prunedWith: TableName }
  | { readonly retention: string; readonly boundedBy: string };

const before = (now: Date, ms: number) => new Date(now.getTime() - ms);

/** The Pacific quota day `days` before the one `now` is in, as `YYYY-MM-DD`. */
function quotaDayBefore(now: Date, days: number): string {
  return new Date(quotaDayDate(now).getTime() - days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Deletes up to $1 rows matching `where`, oldest first by `orderBy` (an index's leading columns, so the rows
 * are read off that index and the scan stops at the chunk). The condition is checked again on the rows
 * themselves: a row a concurrent statement changed (a session refreshed, a notification read) is left.
 */
function deleteOldest(table: TableName, where: string, orderBy: string): string {
  return `WITH "removed" AS (
  DELETE FROM "${table}" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "${table}" WHERE ${where} ORDER BY ${orderBy} LIMIT $1))
     AND ${where}
  RETURNING 1)
SELECT count(*)::int AS "affected" FROM "removed"`;
}

/**
 * A single-statement rule: rows whose `column` is before the cutoff (and match `where`) go, oldest first.
 * `cast` types the cutoff where a JavaScript Date is not the column's type.
 */
function olderThan(
  table: TableName,
  column: string,
  cutoff: (now: Date) => Date | string,
  options: { id?: string; where?: string; cast?: string } = {},
): PruneRule {
  const where = `"${column}" < $2${options.cast ?? ""}${options.where ? ` AND ${options.where}` : ""}`;
  return {
    id: options.id ? `${table}.${options.id}` : table,
    steps: [{ deletes: table, sql: deleteOldest(table, where, `"${column}"`), values: ({ now }) => [cutoff(now)] }],
  };
}

const FINISHED_RUN = `"status" IN ('done', 'failed', 'partial') AND "finishedAt" < $2`;
const FINISHED_RUN_ORDER = `"finishedAt", "id"`;

/**
 * Projects point at the import run that created them (ON DELETE SET NULL): a run's delete would update all of
 * a channel import's projects in one statement. So the oldest chunk of finished runs first has its projects
 * detached, at most $1 a statement, and only then is the same chunk deleted.
 */
const importRunRule: PruneRule = {
  id: "ImportRun",
  steps: [
    {
      deletes: null,
      sql: `WITH "batch" AS (
  SELECT "id" FROM "ImportRun" WHERE ${FINISHED_RUN} ORDER BY ${FINISHED_RUN_ORDER} LIMIT $1
), "detached" AS (
  UPDATE "Project" SET "importRunId" = NULL
   WHERE ctid = ANY(ARRAY(SELECT p.ctid FROM "batch" JOIN "Project" AS p ON p."importRunId" = "batch"."id" LIMIT $1))
  RETURNING 1)
SELECT count(*)::int AS "affected" FROM "detached"`,
      values: ({ now }) => [before(now, IMPORT_RUN_RETENTION_DAYS * DAY_MS)],
    },
    {
      deletes: "ImportRun",
      sql: deleteOldest("ImportRun", FINISHED_RUN, FINISHED_RUN_ORDER),
      values: ({ now }) => [before(now, IMPORT_RUN_RETENTION_DAYS * DAY_MS)],
    },
  ],
};

/**
 * Unread notifications beyond a user's newest UNREAD_NOTIFICATIONS_KEPT, walking users in id order from the
 * cursor, $3 users a statement: each user's newest-kept edge is one probe of the unread index (OFFSET into
 * it), and what is older than the edge goes, at most $1 rows a statement. The cursor moves past the users
 * only when the statement did not fill its chunk (otherwise the same users again); NULL when the walk is done.
 */
const unreadCapRule: PruneRule = {
  id: "Notification.unread-cap",
  sweep: { everyMs: UNREAD_CAP_SWEEP_EVERY_MS },
  steps: [
    {
      deletes: "Notification",
      sql: `WITH "users" AS (
  SELECT "id" FROM "User" WHERE "id" > $2 ORDER BY "id" LIMIT $3
), "edge" AS (
  SELECT "users"."id" AS "userId", e."createdAt", e."id"
    FROM "users" CROSS JOIN LATERAL (
      SELECT n."createdAt", n."id" FROM "Notification" AS n
       WHERE n."userId" = "users"."id" AND n."readAt" IS NULL
       ORDER BY n."createdAt" DESC, n."id" DESC OFFSET $4 - 1 LIMIT 1) AS e
), "doomed" AS (
  SELECT d.ctid FROM "edge" CROSS JOIN LATERAL (
    SELECT n.ctid FROM "Notification" AS n
     WHERE n."userId" = "edge"."userId" AND n."readAt" IS NULL AND (n."createdAt", n."id") < ("edge"."createdAt", "edge"."id")
     LIMIT $1) AS d
   LIMIT $1
), "removed" AS (
  DELETE FROM "Notification" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "doomed")) AND "readAt" IS NULL
  RETURNING 1)
SELECT (SELECT count(*)::int FROM "removed") AS "affected",
       CASE WHEN (SELECT count(*) FROM "removed") >= $1 THEN $2
            WHEN (SELECT count(*) FROM "users") < $3 THEN NULL
            ELSE (SELECT max("id") FROM "users") END AS "cursor"`,
      values: ({ cursor, sweepRows }) => [cursor, sweepRows, UNREAD_NOTIFICATIONS_KEPT],
    },
  ],
};

/**
 * Channels nobody follows any more: shared rows, so a channel goes only when no ContentSource points at it,
 * its row has not changed for UNFOLLOWED_CHANNEL_RETENTION_DAYS (a follow's or a channel import's upsert
 * bumps updatedAt, and so does every check while it was followed), and no WebSub lease is still running (the
 * hub could push for it). Walks channels in id order from the cursor, `sweepRows` of them a statement;
 * a follow's anti-join probe is the ContentSource(channelId, syncEnabled) index. The DELETE re-checks
 * updatedAt on the row itself, so an upsert that committed after the statement's snapshot keeps its channel
 * (PostgreSQL re-evaluates the condition on the newer row version). Its schedule row, sync runs and detected
 * video ids cascade: a few rows each, as an unfollowed channel is no longer checked.
 */
const unfollowedChannelRule: PruneRule = {
  id: "Channel.unfollowed",
  sweep: { everyMs: UNFOLLOWED_CHANNEL_SWEEP_EVERY_MS },
  steps: [
    {
      deletes: "Channel",
      sql: `WITH "channels" AS (
  SELECT "id", "updatedAt", "leaseExpiresAt" FROM "Channel"
   WHERE ($2 = '' OR "id" > $2::uuid) ORDER BY "id" LIMIT $3
), "doomed" AS (
  SELECT c."id" FROM "channels" AS c
   WHERE c."updatedAt" < $4 AND (c."leaseExpiresAt" IS NULL OR c."leaseExpiresAt" < $5)
     AND NOT EXISTS (SELECT 1 FROM "ContentSource" AS s WHERE s."channelId" = c."id")
   LIMIT $1
), "removed" AS (
  DELETE FROM "Channel" WHERE "id" IN (SELECT "id" FROM "doomed")
     AND "updatedAt" < $4 AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $5)
  RETURNING 1)
SELECT (SELECT count(*)::int FROM "removed") AS "affected",
       CASE WHEN (SELECT count(*) FROM "removed") >= $1 THEN $2
            WHEN (SELECT count(*) FROM "channels") < $3 THEN NULL
            ELSE (SELECT "id"::text FROM "channels" ORDER BY "id" DESC LIMIT 1) END AS "cursor"`,
      values: ({ now, cursor, sweepRows }) => [
        cursor,
        sweepRows,
        before(now, UNFOLLOWED_CHANNEL_RETENTION_DAYS * DAY_MS),
        now,
      ],
    },
  ],
};

const OPS_SAMPLE_CUTOFF = (now: Date) => before(now, OPS_SAMPLE_RETENTION_HOURS * HOUR_MS);

/** Each sample's queue rows go first (ON DELETE CASCADE would take ~20 per sample in the sample's statement). */
const opsSampleRule: PruneRule = {
  id: "OpsSample",
  steps: [
    ...olderThan("OpsQueueSample", "sampledAt", OPS_SAMPLE_CUTOFF).steps,
    ...olderThan("OpsSample", "sampledAt", OPS_SAMPLE_CUTOFF).steps,
  ],
};

export const RETENTION_POLICIES: Readonly<Record<TableName, TablePolicy>> = {
  User: { retention: "While the account exists", boundedBy: "One row per person who signed up." },
  Account: {
    retention: "While the account exists",
    boundedBy: "One row per sign-in method of a user (password, Google).",
  },
  Session: {
    retention: "Until it expires (30 days after it was last refreshed); expired sessions are deleted by the next pass",
    rules: [olderThan("Session", "expiresAt", (now) => now)],
  },
  Verification: {
    retention: "Until it expires (sign-in and e-mail links, OAuth state); expired rows are deleted by the next pass",
    rules: [olderThan("Verification", "expiresAt", (now) => now)],
  },
  YouTubeConnection: { retention: "While the user stays connected", boundedBy: "At most one row per user." },
  // Pruned by their own job, data-export.prune (src/lib/data-export/prune-data-exports.ts), in chunks.
  DataExport: {
    retention: `The file ${DATA_EXPORT_TTL_HOURS} hours after it is ready (or once downloaded); the row ${DATA_EXPORT_ROW_RETENTION_DAYS} days`,
    boundedBy:
      "data-export.prune deletes expired files and old rows every hour, in chunks; at most 5 requests per user a day.",
  },
  DataExportChunk: {
    retention: `With its export's file (${DATA_EXPORT_TTL_HOURS} hours after it is ready, or once downloaded)`,
    boundedBy: "Deleted with its file by data-export.prune; a file is at most its account's data in 256 KiB rows.",
  },
  MyVideosPage: {
    retention: `${MY_VIDEOS_PAGE_RETENTION_DAYS} days after the page was last fetched or revalidated`,
    rules: [olderThan("MyVideosPage", "fetchedAt", (now) => before(now, MY_VIDEOS_PAGE_RETENTION_DAYS * DAY_MS))],
  },
  Channel: {
    retention: `While anyone follows it; ${UNFOLLOWED_CHANNEL_RETENTION_DAYS} days after its row last changed once nobody does (and its WebSub lease has run out)`,
    rules: [unfollowedChannelRule],
  },
  ChannelSchedule: { retention: "With its channel", boundedBy: "Exactly one row per Channel (deleted with it)." },
  SyncVideo: {
    retention: `Until sync.enrich has handled the id, then ${SYNC_VIDEO_DONE_RETENTION_DAYS} days`,
    rules: [olderThan("SyncVideo", "doneAt", (now) => before(now, SYNC_VIDEO_DONE_RETENTION_DAYS * DAY_MS))],
  },
  SyncRun: {
    retention: `${SYNC_RUN_RETENTION_DAYS} days after the check started`,
    rules: [olderThan("SyncRun", "startedAt", (now) => before(now, SYNC_RUN_RETENTION_DAYS * DAY_MS))],
  },
  ContentSource: {
    retention: "While the user follows the channel",
    boundedBy: "One row per (user, followed channel).",
  },
  Project: {
    retention: "While the creator keeps it",
    boundedBy: "The creator's own portfolio: one row per imported video.",
  },
  Tool: { retention: "Catalog", boundedBy: "The curated catalog of tools (seeded; not written by users)." },
  Category: { retention: "Catalog", boundedBy: "The curated catalog of categories (seeded; not written by users)." },
  ProjectTool: {
    retention: "With its project",
    boundedBy: "A few rows per project (the analysis's matches), deleted with it.",
  },
  ProjectCategory: {
    retention: "With its project",
    boundedBy: "A few rows per project (the analysis's matches), deleted with it.",
  },
  ImportRun: {
    retention: `Queued, running and waiting runs always; finished runs ${IMPORT_RUN_RETENTION_DAYS} days after they finished (their projects stay, unlinked)`,
    rules: [importRunRule],
  },
  QuotaDay: {
    retention: `A user's rows ${QUOTA_USER_ROW_RETENTION_DAYS} days after their Pacific day; the Cloud project's row ${QUOTA_PROJECT_ROW_RETENTION_DAYS} days`,
    rules: [
      olderThan("QuotaDay", "day", (now) => quotaDayBefore(now, QUOTA_USER_ROW_RETENTION_DAYS), {
        id: "user",
        cast: "::date",
        where: `"scope" LIKE 'user:%'`,
      }),
      olderThan("QuotaDay", "day", (now) => quotaDayBefore(now, QUOTA_PROJECT_ROW_RETENTION_DAYS), {
        id: "project",
        cast: "::date",
        where: `"scope" NOT LIKE 'user:%'`,
      }),
    ],
  },
  Notification: {
    retention: `Read: ${NOTIFICATION_READ_RETENTION_DAYS} days after they were read. Unread: a user's newest ${UNREAD_NOTIFICATIONS_KEPT}`,
    rules: [
      olderThan("Notification", "readAt", (now) => before(now, NOTIFICATION_READ_RETENTION_DAYS * DAY_MS), {
        id: "read",
      }),
      unreadCapRule,
    ],
  },
  ApiToken: {
    retention: `Until revoked, then ${REVOKED_TOKEN_RETENTION_DAYS} days (tokens do not expire; at most 20 unrevoked per user)`,
    rules: [olderThan("ApiToken", "revokedAt", (now) => before(now, REVOKED_TOKEN_RETENTION_DAYS * DAY_MS))],
  },
  RateLimit: {
    retention: "Until its window (an hour at most) has passed",
    // rate-limiter-flexible stores the window's end as epoch milliseconds.
    rules: [olderThan("RateLimit", "expire", (now) => String(now.getTime()), { cast: "::bigint" })],
  },
  SystemPing: {
    retention: `${SYSTEM_PING_RETENTION_HOURS} hours`,
    rules: [olderThan("SystemPing", "requestedAt", (now) => before(now, SYSTEM_PING_RETENTION_HOURS * HOUR_MS))],
  },
  OpsSample: { retention: `${OPS_SAMPLE_RETENTION_HOURS} hours`, rules: [opsSampleRule] },
  OpsQueueSample: {
    retention: `${OPS_SAMPLE_RETENTION_HOURS} hours, deleted before its sample`,
    prunedWith: "OpsSample",
  },
  BreakerState: {
    retention: `${OPS_SAMPLE_RETENTION_HOURS} hours after the process last reported a change`,
    rules: [olderThan("BreakerState", "changedAt", (now) => before(now, OPS_SAMPLE_RETENTION_HOURS * HOUR_MS))],
  },
  YouTubeConfigError: {
    retention: "Kept; one row per reason",
    boundedBy: "One row per reason Google gives for refusing Showreel's own key or project (a few dozen exist).",
  },
  WebSubDelivery: {
    retention: `${WEBSUB_DELIVERY_RETENTION_DAYS} days after the push arrived`,
    rules: [olderThan("WebSubDelivery", "receivedAt", (now) => before(now, WEBSUB_DELIVERY_RETENTION_DAYS * DAY_MS))],
  },
  RetentionCursor: { retention: "Kept", boundedBy: "One row per sweeping rule (the unread-notification cap)." },
};

/** Tables in the database that are not Prisma models, and why they stay bounded. */
export const OTHER_TABLES: Readonly<Record<string, string>> = {
  _prisma_migrations: "One row per applied migration (scripts/db/apply-migrations.ts).",
  "pgboss.*":
    "pg-boss: a completed job is deleted deleteAfterSeconds after it finished (15–60 minutes per queue, worker/queues.ts) by maintenance every MAINTENANCE_INTERVAL_SECONDS (5 minutes, src/server/boss.ts); a job never started expires after 14 days (retentionSeconds); dead letters are kept 14 days. Schedules, queues and the version are one row each.",
};

/** Every rule, in the order a run visits them. */
export const PRUNE_RULES: readonly PruneRule[] = Object.values(RETENTION_POLICIES).flatMap((policy) =>
  "rules" in policy ? policy.rules : [],
);
