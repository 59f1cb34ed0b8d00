/**
 * account.purge: deletes everything a closed account left (delete-account.ts closed it), in short
 * statements, then the user row itself. Resumable: each step deletes whatever is left, so a retry after a
 * crash, or a second run, simply carries on. An account that is not closed is never touched.
 *
 * 1. Revokes Showreel's Google grant and deletes the YouTube tokens (disconnect-youtube.ts).
 * 2. Cancels the user's queued jobs: imports (by their run), analyses (by their project), exports.
 * 3. Deletes the rows of every table with a "userId" column — found in the catalog, so a table added later
 *    is covered without a change here — PURGE_CHUNK_ROWS at a time with a pause between chunks: projects
 *    first (their tags go with them), then the runs and followed channels they pointed at, then the rest.
 *    Then what is keyed by the user without such a column: the quota ledger's `user:<id>` rows, rate-limit
 *    counters, ping requests, Better Auth verification rows.
 * 4. Deletes the user row — only once SESSION_COOKIE_CACHE_SECONDS have passed since the account was
 *    closed: until then it is how a web process that (re)starts learns the account is closed. Before that
 *    the job queues itself again for that time. Anything an in-flight job wrote meanwhile goes with the
 *    row (every "userId" foreign key cascades).
 * Shared rows stay: a Channel, its schedule, sync runs and detected videos belong to every follower.
 */
import { env } from "~/env";
import { accountPurgeJob } from "~/lib/jobs/account-purge.job";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { googleRevokeGrantJob } from "~/lib/jobs/google-revoke-grant.job";
import { userQuotaScope } from "~/lib/quota/reserve-quota";
import { disconnectYouTube } from "~/lib/youtube-connection/disconnect-youtube";
import { BOSS_SCHEMA } from "~/server/boss";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";

/** Rows one statement deletes (a project takes its tags with it: a few rows more each). */
export const PURGE_CHUNK_ROWS = 1_000;
/** Between chunks, so other work on the same tables and the WAL keep pace. */
const PURGE_CHUNK_PAUSE_MS = 50;
/** Margin after the cookie cache age before the user row goes (clocks of web and database differ a little). */
const USER_ROW_MARGIN_MS = 5_000;

/** Deleted in this order, before any other table with a "userId": a project points at its run and source. */
const FIRST_TABLES = ["Project", "ImportRun", "ContentSource"];

/** Queued (not yet running) jobs whose payload names something of the user's. */
const CANCEL_QUEUED_JOBS_SQL = `
  UPDATE ${BOSS_SCHEMA}.job SET state = 'cancelled', completed_on = now()
   WHERE state < 'active' AND name <> ALL($2::text[]) AND (
         data->>'runId' IN (SELECT "id"::text FROM "ImportRun" WHERE "userId" = $1)
      OR data->>'projectId' IN (SELECT "id"::text FROM "Project" WHERE "userId" = $1)
      OR data->>'exportId' IN (SELECT "id"::text FROM "DataExport" WHERE "userId" = $1)
      OR data->>'userId' = $1)`;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every table in the app's schema with a "userId" column, in deletion order. */
async function listUserTables(): Promise<string[]> {
  const rows = await db.$queryRaw<{ table: string }[]>`
    SELECT c.table_name AS "table" FROM information_schema.columns AS c
      JOIN information_schema.tables AS t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND c.column_name = 'userId' AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name`;
  const names = rows.map((row) => row.table);
  return [
    ...FIRST_TABLES.filter((name) => names.includes(name)),
    ...names.filter((name) => !FIRST_TABLES.includes(name)),
  ];
}

async function deleteInChunks(table: string, userId: string, signal: AbortSignal | undefined): Promise<number> {
  const name = quoteIdent(table);
  // The rows are locked as they are picked, so a row updated meanwhile is deleted in its new version.
  const sql = `DELETE FROM ${name} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${name} WHERE "userId" = $1 LIMIT $2 FOR UPDATE))`;
  let total = 0;
  for (;;) {
    signal?.throwIfAborted();
    const deleted = await db.$executeRawUnsafe(sql, userId, PURGE_CHUNK_ROWS);
    total += deleted;
    if (deleted < PURGE_CHUNK_ROWS) return total;
    await pause(PURGE_CHUNK_PAUSE_MS);
  }
}

/** Rows keyed by the user without a "userId" column. Each is one statement over a small or indexed range. */
async function deleteKeyedRows(userId: string, createdAt: Date): Promise<Record<string, number>> {
  // The ledger's key is (day, scope): one index probe per day the account existed.
  const quotaDays = await db.$executeRaw`
    DELETE FROM "QuotaDay" WHERE "scope" = ${userQuotaScope(userId)}
       AND "day" = ANY(ARRAY(SELECT generate_series(${createdAt}::date - 1, current_date + 1, interval '1 day')::date))`;
  // rate-limiter-flexible keys are "<policy>:<key>"; every per-user policy is keyed by the user id.
  const rateLimits = await db.$executeRaw`
    DELETE FROM "RateLimit" WHERE right("key", ${userId.length + 1}::int) = ${`:${userId}`}`;
  const pings = await db.$executeRaw`DELETE FROM "SystemPing" WHERE "requestedBy" = ${userId}`;
  // Better Auth keeps a password-reset request as (identifier "reset-password:<token>", value userId).
  const verifications = await db.$executeRaw`DELETE FROM "Verification" WHERE "value" = ${userId}`;
  return { QuotaDay: quotaDays, RateLimit: rateLimits, SystemPing: pings, Verification: verifications };
}

async function cancelQueuedJobsOfUser(userId: string): Promise<number> {
  // Not its own purge, nor a retried Google revocation (which must go on until Google confirms).
  return db.$executeRawUnsafe(CANCEL_QUEUED_JOBS_SQL, userId, [accountPurgeJob.name, googleRevokeGrantJob.name]);
}

export async function purgeAccount({
  userId,
  boss,
  logger,
  signal,
}: {
  userId: string;
  boss: JobSender;
  logger: Logger;
  signal?: AbortSignal;
}) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { deletedAt: true, createdAt: true } });
  const nothing = { jobsCancelled: 0, deleted: {} as Record<string, number>, userRowDue: null };
  if (!user) return { outcome: "gone" as const, ...nothing };
  if (!user.deletedAt) {
    logger.error({ userId }, "account.purge_refused_open_account");
    return { outcome: "not_closed" as const, ...nothing };
  }
  const youtube = await disconnectYouTube({ userId, jobs: boss, logger });
  const jobsCancelled = await cancelQueuedJobsOfUser(userId);
  const deleted: Record<string, number> = {};
  for (const table of await listUserTables()) deleted[table] = await deleteInChunks(table, userId, signal);
  Object.assign(deleted, await deleteKeyedRows(userId, user.createdAt));

  const userRowDue = new Date(user.deletedAt.getTime() + env.SESSION_COOKIE_CACHE_SECONDS * 1000 + USER_ROW_MARGIN_MS);
  const userRows =
    await db.$executeRaw`DELETE FROM "User" WHERE "id" = ${userId} AND "deletedAt" IS NOT NULL AND ${userRowDue} <= now()`;
  if (userRows === 0) await enqueue(boss, accountPurgeJob, { userId }, { startAfter: userRowDue });
  const outcome = userRows === 0 ? ("rows_deleted_user_row_due" as const) : ("purged" as const);
  logger.info(
    { userId, outcome, revokedAtGoogle: youtube.revokedAtGoogle, jobsCancelled, deleted, userRowDue },
    "account.purge",
  );
  return { outcome, jobsCancelled, deleted, userRowDue };
}
