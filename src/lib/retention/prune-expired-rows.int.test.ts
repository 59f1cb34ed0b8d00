/**
 * Retention enforced (issue 23, "Every table bounded"): on a database of its own (the clock is moved, so
 * the shared lane database would lose other files' rows), every rule of src/lib/retention/policies.ts
 * deletes exactly what is past its retention and keeps what is inside it — each table with a row just past
 * and one just inside its limit — including the unread-notification cap to the row, and never a queued,
 * running or waiting import run. Statements never delete more than their chunk, runs stop at their budget
 * and the next run continues (the user sweep from its saved cursor), and every statement reads its rows
 * through the index the rule was written for.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quotaDayDate } from "~/lib/quota/next-reset";
import { createTestDatabase, type TestDatabase } from "../../../scripts/db/test-database";
import {
  IMPORT_RUN_RETENTION_DAYS,
  NOTIFICATION_READ_RETENTION_DAYS,
  OTHER_TABLES,
  PRUNE_RULES,
  QUOTA_PROJECT_ROW_RETENTION_DAYS,
  QUOTA_USER_ROW_RETENTION_DAYS,
  RETENTION_POLICIES,
  UNFOLLOWED_CHANNEL_RETENTION_DAYS,
  UNREAD_NOTIFICATIONS_KEPT,
} from "./policies";
import { MAX_CHUNK_ROWS, pruneExpiredRows, type Queryable } from "./prune-expired-rows";

const logger = pino({ level: "silent" });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The moved clock: every row below is placed relative to it. */
const NOW = new Date("2027-03-15T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "showreel_retention" });
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

/** A pool that records every statement's `affected` figure, as the rows the database itself reported. */
function recordingPool(): { pool: Queryable; affected: number[] } {
  const affected: number[] = [];
  const recording: Queryable = {
    query: async (text, values) => {
      const result = await pool.query(text, values);
      const row = result.rows[0] as { affected?: number } | undefined;
      if (row && typeof row.affected === "number") affected.push(row.affected);
      return result;
    },
  };
  return { pool: recording, affected };
}

async function count(sql: string, values: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, values);
  return rows[0]!.n;
}

async function createUser(): Promise<string> {
  const id = `retention-${randomUUID()}`;
  await pool.query(
    `INSERT INTO "User" ("id", "name", "email", "updatedAt") VALUES ($1, 'Retention', $1 || '@test.showreel.local', now())`,
    [id],
  );
  return id;
}

/** A channel whose row last changed at `updatedAt` (the moved clock's now by default: inside every retention). */
async function createChannel(options: { updatedAt?: Date; leaseExpiresAt?: Date } = {}): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO "Channel" ("youtubeChannelId", "title", "updatedAt", "leaseExpiresAt")
     VALUES ($1, 'Retention channel', $2, $3) RETURNING "id"`,
    [`UC${randomUUID().replaceAll("-", "").slice(0, 22)}`, options.updatedAt ?? NOW, options.leaseExpiresAt ?? null],
  );
  return rows[0]!.id;
}

/**
 * `n` unread notifications of a user, one a minute back from `newest`, except that the 201st newest shares
 * the 200th's time: which of the two is kept is decided by id, as the list orders them.
 */
async function unreadNotifications(userId: string, n: number, newest: Date): Promise<void> {
  await pool.query(
    `INSERT INTO "Notification" ("id", "userId", "kind", "createdAt")
     SELECT uuid7(), $1, 'test', $2::timestamptz - (CASE WHEN g = $4 + 1 THEN $4 ELSE g END) * interval '1 minute'
       FROM generate_series(1, $3::int) AS g`,
    [userId, newest, n, UNREAD_NOTIFICATIONS_KEPT],
  );
}

describe("pruneExpiredRows", () => {
  it("deletes every table's rows past retention and keeps those inside it, in chunks", async () => {
    const [alice, bob, carol] = [await createUser(), await createUser(), await createUser()];
    const channelId = await createChannel();

    // Sessions and verifications: expired a millisecond ago (gone) against expiring in a second (kept).
    for (const [id, expiresAt] of [
      ["session-expired", ago(1)],
      ["session-live", ago(-1_000)],
    ] as const) {
      await pool.query(
        `INSERT INTO "Session" ("id", "token", "expiresAt", "userId", "updatedAt") VALUES ($1, $1, $2, $3, now())`,
        [id, expiresAt, alice],
      );
      await pool.query(
        `INSERT INTO "Verification" ("id", "identifier", "value", "expiresAt", "updatedAt") VALUES ($1, $1, 'v', $2, now())`,
        [id, expiresAt],
      );
    }

    // Notifications: read ones either side of 90 days after reading; an unread one of a year ago stays (only
    // the cap ages unread ones); alice has 205 unread (5 over the cap, with a tie at the 200th), bob exactly 200.
    const readLimit = NOTIFICATION_READ_RETENTION_DAYS * DAY;
    await pool.query(
      `INSERT INTO "Notification" ("id", "userId", "kind", "readAt", "createdAt") VALUES
         ('00000000-0000-7000-8000-000000000001', $1, 'read-old', $2, $2), ('00000000-0000-7000-8000-000000000002', $1, 'read-recent', $3, $4),
         ('00000000-0000-7000-8000-000000000003', $5, 'unread-ancient', NULL, $6)`,
      [carol, ago(readLimit + MINUTE), ago(readLimit - MINUTE), ago(2 * readLimit), carol, ago(365 * DAY)],
    );
    await unreadNotifications(alice, UNREAD_NOTIFICATIONS_KEPT + 5, ago(HOUR));
    await unreadNotifications(bob, UNREAD_NOTIFICATIONS_KEPT, ago(HOUR));
    const { rows: aliceNewest } = await pool.query<{ id: string }>(
      `SELECT "id" FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL ORDER BY "createdAt" DESC, "id" DESC LIMIT $2`,
      [alice, UNREAD_NOTIFICATIONS_KEPT],
    );

    // Quota ledger: a user's row of 35 days back stays and of 36 goes; the project's of 400 stays, 401 goes.
    const quotaDay = (days: number) => new Date(quotaDayDate(NOW).getTime() - days * DAY).toISOString().slice(0, 10);
    await pool.query(
      `INSERT INTO "QuotaDay" ("day", "scope", "used", "limit") VALUES
         ($1::date, $5, 1, 10), ($2::date, $5, 1, 10), ($3::date, 'project', 1, 10), ($4::date, 'project', 1, 10)`,
      [
        quotaDay(QUOTA_USER_ROW_RETENTION_DAYS),
        quotaDay(QUOTA_USER_ROW_RETENTION_DAYS + 1),
        quotaDay(QUOTA_PROJECT_ROW_RETENTION_DAYS),
        quotaDay(QUOTA_PROJECT_ROW_RETENTION_DAYS + 1),
        `user:${alice}`,
      ],
    );

    // Import runs: finished ones either side of a year (each status), and unfinished ones from two years ago —
    // one even carrying an old finishedAt — which must all stay. The old done run has projects, which stay unlinked.
    const yearAgo = IMPORT_RUN_RETENTION_DAYS * DAY;
    const runs: Record<string, { status: string; finishedAt: Date | null }> = {
      "done-old": { status: "done", finishedAt: ago(yearAgo + HOUR) },
      "failed-old": { status: "failed", finishedAt: ago(yearAgo + HOUR) },
      "partial-old": { status: "partial", finishedAt: ago(yearAgo + HOUR) },
      "done-recent": { status: "done", finishedAt: ago(yearAgo - HOUR) },
      "queued-ancient": { status: "queued", finishedAt: null },
      "running-ancient": { status: "running", finishedAt: ago(2 * yearAgo) },
      "waiting-ancient": { status: "waiting", finishedAt: null },
    };
    const runIds: Record<string, string> = {};
    for (const [label, run] of Object.entries(runs)) {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO "ImportRun" ("userId", "kind", "status", "label", "createdAt", "finishedAt", "updatedAt")
         VALUES ($1, 'videos', $2::"ImportRunStatus", $3, $4, $5, now()) RETURNING "id"`,
        [alice, run.status, label, ago(2 * yearAgo), run.finishedAt],
      );
      runIds[label] = rows[0]!.id;
    }
    await pool.query(
      `INSERT INTO "Project" ("userId", "slug", "title", "youtubeVideoId", "externalUrl", "importRunId", "updatedAt")
       SELECT $1, 'retention-' || g, 'Kept project ' || g, lpad(g::text, 11, '0'), 'https://youtu.be/' || g, $2, now() FROM generate_series(1, 7) AS g`,
      [alice, runIds["done-old"]],
    );

    // Sync history, push digests, handled video ids, stored My Videos pages, revoked tokens.
    await pool.query(
      `INSERT INTO "SyncRun" ("channelId", "trigger", "method", "outcome", "startedAt") VALUES
         ($1, 'schedule', 'feed', 'new_videos', $2), ($1, 'schedule', 'feed', 'new_videos', $3)`,
      [channelId, ago(30 * DAY + MINUTE), ago(30 * DAY - MINUTE)],
    );
    await pool.query(
      `INSERT INTO "WebSubDelivery" ("digest", "receivedAt") VALUES ('digest-old', $1), ('digest-recent', $2)`,
      [ago(30 * DAY + MINUTE), ago(30 * DAY - MINUTE)],
    );
    await pool.query(
      `INSERT INTO "SyncVideo" ("videoId", "channelId", "reason", "detectedAt", "doneAt") VALUES
         ('vid-done-old', $1, 'new', $2, $2), ('vid-done-new', $1, 'new', $3, $3), ('vid-waiting', $1, 'new', $4, NULL)`,
      [channelId, ago(2 * DAY + MINUTE), ago(2 * DAY - MINUTE), ago(30 * DAY)],
    );
    await pool.query(
      `INSERT INTO "MyVideosPage" ("userId", "pageKey", "youtubeChannelId", "body", "videoIds", "fetchedAt") VALUES
         ($1, 'old', 'UCx', '{}', '{}', $2), ($1, 'recent', 'UCx', '{}', '{}', $3)`,
      [alice, ago(7 * DAY + MINUTE), ago(7 * DAY - MINUTE)],
    );
    await pool.query(
      `INSERT INTO "ApiToken" ("userId", "name", "prefix", "tokenHash", "revokedAt", "createdAt") VALUES
         ($1, 'revoked-old', 'shr_a', 'hash-a', $2, $4), ($1, 'revoked-recent', 'shr_b', 'hash-b', $3, $4), ($1, 'active-ancient', 'shr_c', 'hash-c', NULL, $4)`,
      [alice, ago(30 * DAY + MINUTE), ago(30 * DAY - MINUTE), ago(5 * 365 * DAY)],
    );
    // Rate-limit windows (epoch ms): passed a millisecond ago, running a second more, and one with no end.
    await pool.query(
      `INSERT INTO "RateLimit" ("key", "points", "expire") VALUES ('imports:old', 1, $1), ('imports:live', 1, $2), ('imports:forever', 1, NULL)`,
      [NOW.getTime() - 1, NOW.getTime() + 1_000],
    );

    // Operations: heartbeats a day old, /ops samples (with their queue rows) and breaker states two days old.
    await pool.query(`INSERT INTO "SystemPing" ("requestedBy", "requestedAt") VALUES ('old', $1), ('recent', $2)`, [
      ago(DAY + MINUTE),
      ago(DAY - MINUTE),
    ]);
    for (const sampledAt of [ago(48 * HOUR + MINUTE), ago(48 * HOUR - MINUTE)]) {
      await pool.query(
        `INSERT INTO "OpsSample" ("sampledAt", "quotaUsed", "quotaLimit", "syncLagSeconds", "dueChannels") VALUES ($1, 0, 0, 0, 0)`,
        [sampledAt],
      );
      await pool.query(
        `INSERT INTO "OpsQueueSample" ("sampledAt", "queue", "ready", "deferred", "active", "failed", "completed")
         SELECT $1, 'queue-' || g, 0, 0, 0, 0, 0 FROM generate_series(1, 4) AS g`,
        [sampledAt],
      );
    }
    await pool.query(
      `INSERT INTO "BreakerState" ("upstream", "instance", "state", "changedAt") VALUES ('youtube_feeds', 'gone:1', 'open', $1), ('youtube_feeds', 'alive:2', 'closed', $2)`,
      [ago(48 * HOUR + MINUTE), ago(48 * HOUR - MINUTE)],
    );
    await pool.query(
      `INSERT INTO "YouTubeConfigError" ("reason", "method", "firstSeenAt", "lastSeenAt") VALUES ('API_KEY_INVALID', 'videos.list', $1, $1)`,
      [ago(3 * 365 * DAY)],
    );

    const recorded = recordingPool();
    const result = await pruneExpiredRows({
      pool: recorded.pool,
      logger,
      now: NOW,
      chunkRows: 3,
      pauseMs: 0,
      sweepRows: 2,
    });

    expect(result.outcome).toBe("caught_up");
    expect(result.pending).toEqual([]);
    // No statement touched more rows than its chunk, and the statements did all the deleting there was.
    expect(Math.max(...recorded.affected)).toBe(3);
    expect(Object.values(result.rules).every((rule) => rule.largest <= 3)).toBe(true);
    expect(result.pruned).toEqual({
      Session: 1,
      Verification: 1,
      Notification: 1 + 5,
      QuotaDay: 2,
      ImportRun: 3,
      SyncRun: 1,
      WebSubDelivery: 1,
      SyncVideo: 1,
      MyVideosPage: 1,
      ApiToken: 1,
      RateLimit: 1,
      SystemPing: 1,
      OpsQueueSample: 4,
      OpsSample: 1,
      BreakerState: 1,
    });
    // Seven projects were detached at most three a statement before their run went.
    expect(result.rules.ImportRun!.affected).toBe(7 + 3);

    expect((await pool.query(`SELECT "id" FROM "Session" ORDER BY "id"`)).rows).toEqual([{ id: "session-live" }]);
    expect((await pool.query(`SELECT "id" FROM "Verification" WHERE "id" LIKE 'session-%'`)).rows).toEqual([
      { id: "session-live" },
    ]);

    expect(
      (await pool.query(`SELECT "kind" FROM "Notification" WHERE "userId" = $1 ORDER BY "kind"`, [carol])).rows,
    ).toEqual([{ kind: "read-recent" }, { kind: "unread-ancient" }]);
    const { rows: aliceLeft } = await pool.query<{ id: string }>(
      `SELECT "id" FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL`,
      [alice],
    );
    expect(aliceLeft.map((row) => row.id).sort()).toEqual(aliceNewest.map((row) => row.id).sort());
    expect(await count(`"Notification" WHERE "userId" = $1`, [bob])).toBe(UNREAD_NOTIFICATIONS_KEPT);

    expect(
      (await pool.query(`SELECT "day"::text AS "day", "scope" FROM "QuotaDay" ORDER BY "scope", "day"`)).rows,
    ).toEqual([
      { day: quotaDay(QUOTA_PROJECT_ROW_RETENTION_DAYS), scope: "project" },
      { day: quotaDay(QUOTA_USER_ROW_RETENTION_DAYS), scope: `user:${alice}` },
    ]);

    const { rows: runsLeft } = await pool.query<{ label: string }>(`SELECT "label" FROM "ImportRun" ORDER BY "label"`);
    expect(runsLeft.map((row) => row.label)).toEqual([
      "done-recent",
      "queued-ancient",
      "running-ancient",
      "waiting-ancient",
    ]);
    expect(await count(`"Project" WHERE "slug" LIKE 'retention-%' AND "importRunId" IS NULL`)).toBe(7);

    expect((await pool.query(`SELECT "startedAt" FROM "SyncRun"`)).rows).toEqual([
      { startedAt: ago(30 * DAY - MINUTE) },
    ]);
    expect((await pool.query(`SELECT "digest" FROM "WebSubDelivery"`)).rows).toEqual([{ digest: "digest-recent" }]);
    expect((await pool.query(`SELECT "videoId" FROM "SyncVideo" ORDER BY "videoId"`)).rows).toEqual([
      { videoId: "vid-done-new" },
      { videoId: "vid-waiting" },
    ]);
    expect((await pool.query(`SELECT "pageKey" FROM "MyVideosPage"`)).rows).toEqual([{ pageKey: "recent" }]);
    expect((await pool.query(`SELECT "name" FROM "ApiToken" ORDER BY "name"`)).rows).toEqual([
      { name: "active-ancient" },
      { name: "revoked-recent" },
    ]);
    expect((await pool.query(`SELECT "key" FROM "RateLimit" ORDER BY "key"`)).rows).toEqual([
      { key: "imports:forever" },
      { key: "imports:live" },
    ]);
    expect((await pool.query(`SELECT "requestedBy" FROM "SystemPing"`)).rows).toEqual([{ requestedBy: "recent" }]);
    expect(await count(`"OpsSample"`)).toBe(1);
    expect(await count(`"OpsQueueSample"`)).toBe(4);
    expect((await pool.query(`SELECT "instance" FROM "BreakerState"`)).rows).toEqual([{ instance: "alive:2" }]);
    expect(await count(`"YouTubeConfigError"`)).toBe(1);

    // A second pass at the same time finds nothing more.
    const again = await pruneExpiredRows({ pool, logger, now: NOW, chunkRows: 3, pauseMs: 0 });
    expect(again.pruned).toEqual({});
    expect(again.outcome).toBe("caught_up");
  });

  it("stops at its budget and the next run continues, the user sweep from its saved cursor", async () => {
    const later = new Date(NOW.getTime() + DAY);
    const userIds = [await createUser(), await createUser(), await createUser()];
    for (const userId of userIds) await unreadNotifications(userId, UNREAD_NOTIFICATIONS_KEPT + 2, ago(-HOUR));
    await pool.query(
      `INSERT INTO "Session" ("id", "token", "expiresAt", "userId", "updatedAt")
       SELECT 'budget-' || g, 'budget-' || g, $1, $2, now() FROM generate_series(1, 7) AS g`,
      [ago(-HOUR), userIds[0]],
    );
    const users = await count(`"User"`);
    // These 7, and the first test's session that expired a second after its clock.
    expect(await count(`"Session" WHERE "expiresAt" < $1`, [later])).toBe(8);

    // A zero budget allows one statement per rule and run: 3 sessions a run, and one user a sweep statement.
    const outcomes: string[] = [];
    const sessionsPerRun: number[] = [];
    let runs = 0;
    let cursorsSeen = 0;
    while (runs < users + 10) {
      runs += 1;
      const result = await pruneExpiredRows({
        pool,
        logger,
        now: later,
        chunkRows: 3,
        budgetMs: 0,
        pauseMs: 0,
        sweepRows: 1,
      });
      outcomes.push(result.outcome);
      sessionsPerRun.push(result.pruned.Session ?? 0);
      const { rows } = await pool.query<{ position: string | null }>(
        `SELECT "position" FROM "RetentionCursor" WHERE "rule" = 'Notification.unread-cap'`,
      );
      if (rows[0]?.position) cursorsSeen += 1;
      if (result.outcome === "caught_up") break;
      expect(result.pending.length).toBeGreaterThan(0);
    }
    // The sweep took one run per user, each continuing where the last stopped, and one more to find the
    // walk done; the 8 sessions went 3, 3 and 2 in the first three runs.
    expect(runs).toBe(users + 1);
    expect(cursorsSeen).toBe(users);
    expect(outcomes.at(-1)).toBe("caught_up");
    expect(sessionsPerRun.slice(0, 4)).toEqual([3, 3, 2, 0]);
    expect(await count(`"Session" WHERE "id" LIKE 'budget-%'`)).toBe(0);
    for (const userId of userIds)
      expect(await count(`"Notification" WHERE "userId" = $1 AND "readAt" IS NULL`, [userId])).toBe(
        UNREAD_NOTIFICATIONS_KEPT,
      );

    // The finished sweep rests until UNREAD_CAP_SWEEP_EVERY_MS has passed: a run right after sends none.
    const resting = await pruneExpiredRows({ pool, logger, now: later, pauseMs: 0 });
    expect(resting.rules["Notification.unread-cap"]!.statements).toBe(0);
  });

  it("deletes a channel nobody follows once its row is 30 days unchanged and its WebSub lease has run out", async () => {
    // Later than the other tests' runs: the channel sweep they finished rests for a day.
    const at = new Date(NOW.getTime() + 3 * DAY);
    const before = (ms: number) => new Date(at.getTime() - ms);
    const limit = UNFOLLOWED_CHANNEL_RETENTION_DAYS * DAY;
    const unfollowedOld = await createChannel({ updatedAt: before(limit + MINUTE) });
    const unfollowedRecent = await createChannel({ updatedAt: before(limit - MINUTE) });
    const leased = await createChannel({ updatedAt: before(limit + MINUTE), leaseExpiresAt: before(-DAY) });
    const leaseLapsed = await createChannel({ updatedAt: before(limit + MINUTE), leaseExpiresAt: before(MINUTE) });
    const followed = await createChannel({ updatedAt: before(10 * limit) });
    await pool.query(`INSERT INTO "ContentSource" ("userId", "channelId", "updatedAt") VALUES ($1, $2, now())`, [
      await createUser(),
      followed,
    ]);
    await pool.query(
      `INSERT INTO "SyncRun" ("channelId", "trigger", "method", "outcome", "startedAt") VALUES ($1, 'schedule', 'feed', 'new_videos', $2)`,
      [unfollowedOld, before(limit + MINUTE)],
    );

    // Two channels a statement: the sweep walks every channel over several statements, resuming from its cursor.
    const { pool: recording } = recordingPool();
    const result = await pruneExpiredRows({ pool: recording, logger, now: at, pauseMs: 0, sweepRows: 2 });
    expect(result.outcome).toBe("caught_up");
    const { rows } = await pool.query<{ id: string }>(`SELECT "id" FROM "Channel" WHERE "id" = ANY($1::uuid[])`, [
      [unfollowedOld, unfollowedRecent, leased, leaseLapsed, followed],
    ]);
    expect(rows.map((row) => row.id).sort()).toEqual([unfollowedRecent, leased, followed].sort());
    // Its schedule row and sync history went with it.
    expect(await count(`"ChannelSchedule" WHERE "channelId" = $1`, [unfollowedOld])).toBe(0);
    expect(await count(`"SyncRun" WHERE "channelId" = $1`, [unfollowedOld])).toBe(0);
  });

  it("deletes at most 10,000 rows a statement by default and refuses a bigger chunk", async () => {
    await pool.query(
      `INSERT INTO "WebSubDelivery" ("digest", "receivedAt") SELECT 'bulk-' || g, $1 FROM generate_series(1, 25000) AS g`,
      [ago(60 * DAY)],
    );
    const result = await pruneExpiredRows({ pool, logger, now: NOW, pauseMs: 0 });
    expect(result.pruned.WebSubDelivery).toBe(25_000);
    expect(result.rules.WebSubDelivery).toMatchObject({ statements: 3, affected: 25_000, largest: MAX_CHUNK_ROWS });
    await expect(pruneExpiredRows({ pool, logger, now: NOW, chunkRows: MAX_CHUNK_ROWS + 1 })).rejects.toThrow(
      RangeError,
    );
  });

  it("has a policy for every table in the database", async () => {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.*' END AS "name"
         FROM information_schema.tables WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'`,
    );
    const known = new Set([...Object.keys(RETENTION_POLICIES), ...Object.keys(OTHER_TABLES)]);
    expect([...new Set(rows.map((row) => row.name))].filter((name) => !known.has(name))).toEqual([]);
    expect(rows.map((row) => row.name)).toEqual(
      expect.arrayContaining([...Object.keys(RETENTION_POLICIES), "pgboss.*"]),
    );
  });

  it("finds every statement's rows through the index its rule was written for", async () => {
    const expected: Record<string, string[]> = {
      Session: ["Session_expiresAt_idx"],
      Verification: ["Verification_expiresAt_idx"],
      MyVideosPage: ["MyVideosPage_fetchedAt_idx"],
      SyncVideo: ["SyncVideo_doneAt_idx"],
      SyncRun: ["SyncRun_startedAt_idx"],
      ImportRun: ["ImportRun_finishedAt_id_idx", "Project_importRunId_idx"],
      "QuotaDay.user": ["QuotaDay_pkey"],
      "QuotaDay.project": ["QuotaDay_pkey"],
      "Notification.read": ["Notification_readAt_idx"],
      "Notification.unread-cap": ["User_pkey", "Notification_userId_createdAt_id_idx"],
      ApiToken: ["ApiToken_revokedAt_idx"],
      "Channel.unfollowed": ["Channel_pkey", "ContentSource_channelId_syncEnabled_idx"],
      RateLimit: ["RateLimit_expire_idx"],
      SystemPing: ["SystemPing_requestedAt_idx"],
      OpsSample: ["OpsQueueSample_pkey", "OpsSample_pkey"],
      BreakerState: ["BreakerState_changedAt_idx"],
      WebSubDelivery: ["WebSubDelivery_receivedAt_idx"],
    };
    expect(PRUNE_RULES.map((rule) => rule.id).sort()).toEqual(Object.keys(expected).sort());
    const client = await pool.connect();
    try {
      // With sequential scans priced out, a plan still scanning a table would mean no index can serve it.
      await client.query("SET enable_seqscan = off");
      for (const rule of PRUNE_RULES) {
        const plans: string[] = [];
        for (const step of rule.steps) {
          const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${step.sql}`, [
            MAX_CHUNK_ROWS,
            ...step.values({ now: NOW, cursor: "", sweepRows: 1_000 }),
          ]);
          plans.push(rows.map((row) => row["QUERY PLAN"]).join("\n"));
        }
        const plan = plans.join("\n");
        expect(plan, rule.id).not.toMatch(/Seq Scan/);
        for (const index of expected[rule.id]!) expect(plan, rule.id).toContain(index);
      }
    } finally {
      client.release();
    }
  });
});
