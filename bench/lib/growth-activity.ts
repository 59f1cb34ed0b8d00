/**
 * What the growth benchmark (bench/growth.ts) writes: the world (users with their sign-in account and
 * YouTube connection, channels with their schedule rows, follows) and one day of activity per table, each
 * an INSERT … SELECT generate_series inside Postgres with timestamps spread over the day, so nothing goes
 * over the wire but the parameters. Rows look like the app's (the same columns filled, real-sized tokens,
 * digests, ids and page bodies) so their sizes are the sizes production would see.
 *
 * The activity model, per day, at U users and C followed channels — a guess at a busy service, stated here
 * so the figures can be rescaled:
 * - sign-ins: 0.1·U new sessions (30-day lifetime) and 0.05·U abandoned sign-in/connect states (10 minutes);
 * - notifications: 0.2·U, 90 % read within 12 hours; plus 1 % of users (inactive, with busy channels) who
 *   get 10 a day and never read them, so the unread cap binds;
 * - quota: 0.1·U users spend units (one QuotaDay row each) and the project's own row;
 * - imports: 0.03·U finished runs (1 in 20 with 4 projects pointing at it);
 * - sync: 0.1·C checks that found something or failed (SyncRun), 0.1·C detected uploads (SyncVideo),
 *   0.15·C verified pushes (WebSubDelivery: uploads and edits);
 * - My Videos: 0.1·U users view 2 pages (a page body of 24 videos);
 * - rate limits: 0.1·U users consume 2 limits (1-hour windows);
 * - access tokens: 0.002·U created and revoked (rotations);
 * - operations: /ops samples every minute (20 queues), a heartbeat every 5 minutes, 4 worker restarts
 *   (2 breaker rows each).
 */
import type pg from "pg";
import type { TableName } from "~/lib/retention/policies";

export type GrowthScale = { users: number; channels: number };

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The activity every table gets before pruning starts: "30 days of activity" (issue 23). */
export const HISTORY_DAYS = 30;
/**
 * Except the operations tables (a row a minute or a few a day, whatever the scale), whose writers pruned
 * them to a day or two before retention.prune existed: they start with what that left.
 */
const OPS_HISTORY_DAYS = 3;
/** Import runs that never finish (queued, running, waiting) per user: retention must never touch them. */
const UNFINISHED_RUNS_PER_USER = 0.001;
const QUEUES_PER_SAMPLE = 20;
export const PROJECTS_PER_USER = 50;
const PROJECT_CHUNK_ROWS = 250_000;

export type Activity = {
  /** Label of the generator (a table can have two: QuotaDay's user rows and the project's). */
  name: string;
  table: TableName;
  /** Days of history before the clock starts moving: 30, or what the table's rule keeps when that is longer. */
  historyDays: number;
  /** Rows one day adds (before upserts fold some together). */
  perDay: (scale: GrowthScale) => number;
  /** Rows the statement is asked for ({count}), when not perDay (the unread-heavy users are added in SQL). */
  count?: (scale: GrowthScale) => number;
  /** Named parameters: {day} (index, negative in the history), {start} (the day's first instant), {count}, {users}, {channels}. */
  sql: string;
  /** Extra tables the statement writes (counted with it). */
  alsoWrites?: TableName[];
};

const at = `({start} + ((g::bigint * 7919) % 86400) * interval '1 second')`;
/** A user index from any integer expression, never negative (day indexes are negative in the history). */
const userOf = (expression: string) => `'growth-' || ((((${expression}) % {users}) + {users}) % {users})`;
const channelOf = (expression: string) =>
  `('00000000-0000-7000-8000-' || lpad(to_hex((((${expression}) % {channels}) + {channels}) % {channels}), 12, '0'))::uuid`;
const rows = (share: number, of: "users" | "channels") => (scale: GrowthScale) =>
  Math.max(1, Math.round(share * scale[of]));
const series = `generate_series(0, {count} - 1) AS g`;
const USER_AGENT =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

export const HEAVY_USER_SHARE = 0.01;
export const HEAVY_NOTIFICATIONS_PER_DAY = 10;

export const ACTIVITIES: readonly Activity[] = [
  {
    name: "Session",
    table: "Session",
    historyDays: HISTORY_DAYS,
    perDay: rows(0.1, "users"),
    sql: `INSERT INTO "Session" ("id", "token", "expiresAt", "ipAddress", "userAgent", "userId", "createdAt", "updatedAt")
          SELECT 'gs-' || {day} || '-' || g, encode(sha256(('gs-' || {day} || '-' || g)::bytea), 'base64'), ${at} + interval '30 days',
                 '203.0.113.' || (g % 250), '${USER_AGENT}', ${userOf("g::bigint * 7919 + {day} * 104729")}, ${at}, ${at}
            FROM ${series}`,
  },
  {
    name: "Verification",
    table: "Verification",
    historyDays: HISTORY_DAYS,
    perDay: rows(0.05, "users"),
    sql: `INSERT INTO "Verification" ("id", "identifier", "value", "expiresAt", "createdAt", "updatedAt")
          SELECT 'gv-' || {day} || '-' || g, md5('state-' || {day} || '-' || g), encode(sha256(('gv-' || {day} || '-' || g)::bytea), 'hex'),
                 ${at} + interval '10 minutes', ${at}, ${at}
            FROM ${series}`,
  },
  {
    name: "Notification",
    table: "Notification",
    historyDays: 91,
    perDay: (scale) =>
      rows(0.2, "users")(scale) + Math.max(1, Math.round(HEAVY_USER_SHARE * scale.users)) * HEAVY_NOTIFICATIONS_PER_DAY,
    count: rows(0.2, "users"),
    sql: `INSERT INTO "Notification" ("id", "userId", "kind", "payload", "readAt", "createdAt")
          SELECT uuid7(), ${userOf("g::bigint * 7919 + {day} * 13")}, 'analysis.fallback',
                 jsonb_build_object('count', 1 + g % 3, 'projectId', gen_random_uuid(), 'title', 'Generated upload number ' || g, 'reason', 'unavailable'),
                 CASE WHEN g % 10 < 9 THEN ${at} + ((g::bigint * 31) % 43200) * interval '1 second' END, ${at}
            FROM generate_series(0, {count} - 1) AS g
          UNION ALL
          SELECT uuid7(), 'growth-' || ((k::bigint * 97) % {users}), 'youtube.reconnect_required',
                 jsonb_build_object('channelTitle', 'Channel of creator ' || k, 'reason', 'YouTube access was revoked or expired.'),
                 NULL, {start} + ((k::bigint * 7 + j * 8640) % 86400) * interval '1 second'
            FROM generate_series(0, greatest(1, round(${HEAVY_USER_SHARE} * {users}))::int - 1) AS k, generate_series(1, ${HEAVY_NOTIFICATIONS_PER_DAY}) AS j
`,
  },
  {
    name: "QuotaDay (users)",
    table: "QuotaDay",
    historyDays: 36,
    perDay: rows(0.1, "users"),
    sql: `INSERT INTO "QuotaDay" ("day", "scope", "used", "limit", "updatedAt")
          SELECT ({start} AT TIME ZONE 'UTC')::date, 'user:' || ${userOf("g + {day} * {count}")}, 1 + g % 200, 1000, ${at}
            FROM ${series}
          ON CONFLICT DO NOTHING`,
  },
  {
    name: "QuotaDay (project)",
    table: "QuotaDay",
    historyDays: 401,
    perDay: () => 1,
    sql: `INSERT INTO "QuotaDay" ("day", "scope", "used", "limit", "updatedAt")
          SELECT ({start} AT TIME ZONE 'UTC')::date, 'project', 9000 + g, 10000, {start} + interval '23 hours'
            FROM ${series}
          ON CONFLICT DO NOTHING`,
  },
  {
    name: "ImportRun",
    table: "ImportRun",
    historyDays: 366,
    perDay: rows(0.03, "users"),
    alsoWrites: ["Project"],
    sql: `WITH "runs" AS (
            INSERT INTO "ImportRun" ("userId", "kind", "status", "total", "imported", "skipped", "failed", "unitsSpent", "skipReasons",
                                     "params", "label", "createdAt", "startedAt", "finishedAt", "updatedAt")
            SELECT ${userOf("g::bigint * 7919 + {day} * 31")}, (CASE WHEN g % 5 = 0 THEN 'channel' ELSE 'videos' END)::"ImportRunKind",
                   (CASE WHEN g % 20 = 0 THEN 'failed' WHEN g % 10 = 0 THEN 'partial' ELSE 'done' END)::"ImportRunStatus",
                   12, 10, 1, 1, 1, '{"already_imported": 1}',
                   jsonb_build_object('videoIds', jsonb_build_array(substr(md5('a' || {day} || g), 1, 11), substr(md5('b' || {day} || g), 1, 11), substr(md5('c' || {day} || g), 1, 11))),
                   '12 videos', ${at}, ${at}, ${at} + interval '2 minutes', ${at} + interval '2 minutes'
              FROM ${series}
            RETURNING "id", "userId", "createdAt")
          INSERT INTO "Project" ("userId", "slug", "title", "youtubeVideoId", "externalUrl", "importRunId", "visibility", "createdAt", "updatedAt")
          SELECT "runs"."userId", 'g-' || substr(md5("runs"."id"::text || k), 1, 16), 'Imported video ' || k, substr(md5("runs"."id"::text || '#' || k), 1, 11),
                 'https://www.youtube.com/watch?v=' || substr(md5("runs"."id"::text || '#' || k), 1, 11), "runs"."id", 'public', "runs"."createdAt", "runs"."createdAt"
            FROM "runs" CROSS JOIN generate_series(1, 4) AS k
           WHERE abs(hashtext("runs"."id"::text)) % 20 = 0
          ON CONFLICT DO NOTHING`,
  },
  {
    name: "SyncRun",
    table: "SyncRun",
    historyDays: HISTORY_DAYS,
    perDay: rows(0.1, "channels"),
    sql: `INSERT INTO "SyncRun" ("channelId", "trigger", "method", "outcome", "newVideos", "projectsCreated", "unitsSpent", "durationMs", "error", "startedAt", "finishedAt")
          SELECT ${channelOf("g::bigint * 7919 + {day} * 31")}, (CASE WHEN g % 3 = 0 THEN 'push' ELSE 'schedule' END)::"SyncTrigger",
                 (CASE WHEN g % 3 = 0 THEN 'push' ELSE 'feed' END)::"SyncMethod", (CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'new_videos' END)::"SyncOutcome",
                 CASE WHEN g % 10 = 0 THEN 0 ELSE 1 END, CASE WHEN g % 10 = 0 THEN 0 ELSE 1 END, 1, 150 + g % 500,
                 CASE WHEN g % 10 = 0 THEN 'The feed answered 503 Service Unavailable' END, ${at}, ${at} + interval '1 second'
            FROM ${series}`,
  },
  {
    name: "WebSubDelivery",
    table: "WebSubDelivery",
    historyDays: HISTORY_DAYS,
    perDay: rows(0.15, "channels"),
    sql: `INSERT INTO "WebSubDelivery" ("digest", "receivedAt")
          SELECT encode(sha256(('push-' || {day} || '-' || g)::bytea), 'hex'), ${at} FROM ${series}
          ON CONFLICT DO NOTHING`,
  },
  {
    name: "SyncVideo",
    table: "SyncVideo",
    historyDays: HISTORY_DAYS,
    perDay: rows(0.1, "channels"),
    sql: `INSERT INTO "SyncVideo" ("videoId", "channelId", "reason", "detectedAt", "notBefore", "attempts", "doneAt")
          SELECT substr(encode(sha256(('video-' || {day} || '-' || g)::bytea), 'base64'), 1, 11), ${channelOf("g::bigint * 7919 + {day} * 31")},
                 'new', ${at}, ${at}, 1, ${at} + interval '5 minutes'
            FROM ${series}
          ON CONFLICT DO NOTHING`,
  },
  {
    name: "MyVideosPage",
    table: "MyVideosPage",
    historyDays: HISTORY_DAYS,
    perDay: (scale) => 2 * rows(0.1, "users")(scale),
    count: rows(0.1, "users"),
    sql: `INSERT INTO "MyVideosPage" ("userId", "pageKey", "youtubeChannelId", "etag", "body", "videoIds", "fetchedAt")
          SELECT ${userOf("g + {day} * {count}")}, p.key, 'UC' || substr(md5('channel' || g), 1, 22), 'etag-' || {day} || '-' || g, body.b, body.ids, ${at}
            FROM ${series}
           CROSS JOIN (VALUES ('24:'), ('24:CBgQAA')) AS p(key)
           CROSS JOIN LATERAL (
             SELECT jsonb_build_object('items', jsonb_agg(jsonb_build_object(
                      'videoId', v.id, 'title', 'My upload ' || v.k || ' of ' || g, 'thumbnailUrl', 'https://i.ytimg.com/vi/' || v.id || '/mqdefault.jpg',
                      'durationSeconds', 60 + v.k * 37, 'viewCount', v.k * 1234, 'publishedAt', '2026-11-' || lpad((1 + v.k)::text, 2, '0') || 'T12:00:00.000Z',
                      'kind', 'video', 'privacyStatus', 'public')),
                      'nextPageToken', 'CDAQAA', 'prevPageToken', NULL, 'totalResults', 480) AS b,
                    array_agg(v.id) AS ids
               FROM (SELECT substr(md5(g || p.key || k), 1, 11) AS id, k FROM generate_series(1, 24) AS k) AS v) AS body
          ON CONFLICT ("userId", "pageKey") DO UPDATE
             SET "fetchedAt" = EXCLUDED."fetchedAt", "etag" = EXCLUDED."etag", "body" = EXCLUDED."body", "videoIds" = EXCLUDED."videoIds"`,
  },
  {
    name: "RateLimit",
    table: "RateLimit",
    historyDays: HISTORY_DAYS,
    perDay: (scale) => 2 * rows(0.1, "users")(scale),
    count: rows(0.1, "users"),
    sql: `INSERT INTO "RateLimit" ("key", "points", "expire")
          SELECT l.name || ':' || ${userOf("g + {day} * {count}")}, 1 + g % 5, (extract(epoch FROM ${at} + interval '1 hour') * 1000)::bigint
            FROM ${series} CROSS JOIN (VALUES ('imports'), ('sync-now')) AS l(name)
          ON CONFLICT ("key") DO UPDATE SET "points" = EXCLUDED."points", "expire" = EXCLUDED."expire"`,
  },
  {
    name: "ApiToken",
    table: "ApiToken",
    historyDays: HISTORY_DAYS,
    perDay: rows(0.002, "users"),
    sql: `INSERT INTO "ApiToken" ("userId", "name", "prefix", "tokenHash", "lastUsedAt", "revokedAt", "createdAt")
          SELECT ${userOf("g::bigint * 7919 + {day} * 31")}, 'CI token ' || g, 'shr_' || substr(md5('t' || {day} || g), 1, 6),
                 encode(sha256(('token-' || {day} || '-' || g)::bytea), 'hex'), ${at}, ${at} + interval '1 hour', ${at}
            FROM ${series}`,
  },
  {
    name: "OpsSample",
    table: "OpsSample",
    historyDays: OPS_HISTORY_DAYS,
    perDay: () => 1440,
    alsoWrites: ["OpsQueueSample"],
    sql: `WITH "samples" AS (
            INSERT INTO "OpsSample" ("sampledAt", "quotaUsed", "quotaLimit", "syncLagSeconds", "dueChannels")
            SELECT {start} + g * interval '1 minute', g * 6, 10000, g % 30, g % 100 FROM ${series}
            RETURNING "sampledAt")
          INSERT INTO "OpsQueueSample" ("sampledAt", "queue", "ready", "deferred", "active", "failed", "completed", "p50Ms", "p95Ms")
          SELECT "samples"."sampledAt", 'queue-' || q, q % 7, q % 3, q % 2, 0, q * 3, 40 + q, 400 + q FROM "samples", generate_series(1, ${QUEUES_PER_SAMPLE}) AS q`,
  },
  {
    name: "SystemPing",
    table: "SystemPing",
    historyDays: OPS_HISTORY_DAYS,
    perDay: () => 288,
    sql: `INSERT INTO "SystemPing" ("requestedBy", "requestedAt", "handledAt", "handledBy")
          SELECT 'schedule', {start} + g * interval '5 minutes', {start} + g * interval '5 minutes' + interval '1 second', 'worker-1:4242'
            FROM ${series}`,
  },
  {
    name: "BreakerState",
    table: "BreakerState",
    historyDays: OPS_HISTORY_DAYS,
    perDay: () => 8,
    sql: `INSERT INTO "BreakerState" ("upstream", "instance", "state", "changedAt")
          SELECT u.name, 'worker-' || {day} || '-' || (g / 2) || ':' || (1000 + g), 'closed', ${at}
            FROM ${series} CROSS JOIN LATERAL (SELECT CASE WHEN g % 2 = 0 THEN 'youtube_data_api' ELSE 'youtube_feeds' END AS name) AS u
          ON CONFLICT DO NOTHING`,
  },
];

/** Every table the activity writes, with what it writes alongside. */
export const ACTIVITY_TABLES: readonly TableName[] = [
  ...new Set(ACTIVITIES.flatMap((activity) => [activity.table, ...(activity.alsoWrites ?? [])])),
];

export function dayStart(start: Date, day: number): Date {
  return new Date(start.getTime() + day * DAY_MS);
}

const PARAMETER_TYPES = {
  day: "int",
  start: "timestamptz",
  count: "int",
  users: "bigint",
  channels: "bigint",
} as const;
type ParameterName = keyof typeof PARAMETER_TYPES;

/** Turns {name} placeholders into typed positional parameters, numbered in order of first use. */
export function bindParameters(
  sql: string,
  values: Record<ParameterName, unknown>,
): { text: string; values: unknown[] } {
  const order: ParameterName[] = [];
  const text = sql.replace(/\{(day|start|count|users|channels)\}/g, (_, name: ParameterName) => {
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}::${PARAMETER_TYPES[name]}`;
  });
  return { text, values: order.map((name) => values[name]) };
}

/** One day of one activity; answers the rows it inserted (upserts that updated count too). */
export async function insertDay(
  pool: pg.Pool,
  activity: Activity,
  scale: GrowthScale,
  start: Date,
  day: number,
): Promise<number> {
  const count = (activity.count ?? activity.perDay)(scale);
  const { text, values } = bindParameters(activity.sql, {
    day,
    start: dayStart(start, day),
    count,
    users: scale.users,
    channels: scale.channels,
  });
  const result = await pool.query(text, values);
  return result.rowCount ?? 0;
}

/**
 * The world the activity happens in, and the tables that are bounded by construction at this scale: users
 * (each with a password account and a YouTube connection), channels with their schedule rows, follows
 * (every channel followed by one user, C/U channels per user) and PROJECTS_PER_USER projects per user (5M
 * at 100K users), so the prune statements that touch projects are planned against a table of that size. Row triggers that only send live-update
 * notifications are switched off for the whole run (nobody listens, and millions of NOTIFY payloads would
 * be measured instead of the tables). Also a few import runs that never finish, dated before the history.
 */
export async function createWorld(pool: pg.Pool, scale: GrowthScale, start: Date): Promise<void> {
  for (const table of ["Notification", "ImportRun", "Project", "Channel", "ChannelSchedule"]) {
    await pool.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
  }
  const values = [scale.users, start];
  await pool.query(
    `INSERT INTO "User" ("id", "name", "email", "emailVerified", "handle", "createdAt", "updatedAt")
     SELECT 'growth-' || g, 'Creator ' || g, 'growth-' || g || '@bench.showreel.local', true, 'creator-' || g, $2, $2 FROM generate_series(0, $1::int - 1) AS g`,
    values,
  );
  await pool.query(
    `INSERT INTO "Account" ("id", "accountId", "providerId", "userId", "password", "createdAt", "updatedAt")
     SELECT 'growth-account-' || g, 'growth-' || g, 'credential', 'growth-' || g,
            encode(sha256(('salt' || g)::bytea), 'hex') || ':' || encode(sha512(('password' || g)::bytea), 'hex'), $2, $2
       FROM generate_series(0, $1::int - 1) AS g`,
    values,
  );
  await pool.query(
    `INSERT INTO "YouTubeConnection" ("userId", "googleAccountId", "youtubeChannelId", "channelTitle", "channelHandle", "scopes",
                                      "accessTokenEnc", "refreshTokenEnc", "accessTokenExpiresAt", "lastRefreshedAt", "updatedAt")
     SELECT 'growth-' || g, '1' || lpad(g::text, 20, '0'), 'UC' || substr(md5('own' || g), 1, 22), 'Creator channel ' || g, '@creator' || g,
            ARRAY['openid', 'email', 'https://www.googleapis.com/auth/youtube.readonly'],
            'v1.' || encode(sha512(('access' || g)::bytea), 'base64') || encode(sha512(('access2' || g)::bytea), 'base64'),
            'v1.' || encode(sha512(('refresh' || g)::bytea), 'base64'), $2, $2, $2
       FROM generate_series(0, $1::int - 1) AS g`,
    values,
  );
  await pool.query(
    `INSERT INTO "Channel" ("id", "youtubeChannelId", "uploadsPlaylistId", "title", "handle", "thumbnailUrl", "feedEtag", "feedLastModified",
                            "lastVideoPublishedAt", "recentVideoIds", "createdAt", "updatedAt")
     SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'UC' || substr(md5('channel' || g), 1, 22), 'UU' || substr(md5('channel' || g), 1, 22),
            'Followed channel ' || g, '@followed' || g, 'https://yt3.ggpht.com/' || md5('thumb' || g) || '=s88-c-k-c0x00ffffff-no-rj',
            '"' || md5('etag' || g) || '"', 'Sat, 05 Dec 2026 10:00:00 GMT', $2,
            ARRAY(SELECT substr(md5(g || '-' || k), 1, 11) FROM generate_series(1, 15) AS k), $2, $2
       FROM generate_series(0, $1::int - 1) AS g`,
    [scale.channels, start],
  );
  await pool.query(
    `INSERT INTO "ChannelSchedule" ("channelId", "nextCheckAt", "tier", "lastCheckedAt", "lastMethod", "lastOutcome")
     SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, $2::timestamptz + (g % 900) * interval '1 second', 'normal', $2, 'feed', 'unchanged'
       FROM generate_series(0, $1::int - 1) AS g`,
    [scale.channels, start],
  );
  await pool.query(
    `INSERT INTO "ContentSource" ("userId", "channelId", "lastSyncedAt", "lastSyncStatus", "importedCount", "createdAt", "updatedAt")
     SELECT 'growth-' || (g % $3), ('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, $2, 'ok', 12, $2, $2
       FROM generate_series(0, $1::int - 1) AS g`,
    [scale.channels, start, scale.users],
  );
  // Consecutive rows go to different users (7919 is prime to the user count), as interleaved imports leave them.
  const projects = scale.users * PROJECTS_PER_USER;
  for (let from = 0; from < projects; from += PROJECT_CHUNK_ROWS) {
    await pool.query(
      `INSERT INTO "Project" ("userId", "slug", "title", "description", "youtubeVideoId", "externalUrl", "thumbnailUrl", "kind", "visibility",
                              "analysisStatus", "publishedAt", "durationSeconds", "youtubeChannelId", "channelTitle", "viewCount", "likeCount",
                              "topics", "createdAt", "updatedAt")
       SELECT 'growth-' || ((g::bigint * 7919) % $3), 'video-' || g, 'Generated video ' || g, 'A generated description of video ' || g,
              lpad(to_hex(g), 11, '0'), 'https://www.youtube.com/watch?v=' || lpad(to_hex(g), 11, '0'), 'https://i.ytimg.com/vi/' || lpad(to_hex(g), 11, '0') || '/hqdefault.jpg',
              'video', 'public', 'fallback', $4::timestamptz - g * interval '5 seconds', 60 + g % 3600, 'UC' || substr(md5('own' || ((g::bigint * 7919) % $3)), 1, 22),
              'Creator channel', g % 100000, g % 1000, ARRAY['editing', 'music'], $4, $4
         FROM generate_series($1::int, $2::int) AS g`,
      [from, Math.min(projects, from + PROJECT_CHUNK_ROWS) - 1, scale.users, start],
    );
  }
  await pool.query(
    `INSERT INTO "ImportRun" ("userId", "kind", "status", "total", "label", "createdAt", "updatedAt")
     SELECT 'growth-' || ((g * 7919) % $1), 'channel', (ARRAY['queued', 'running', 'waiting'])[1 + g % 3]::"ImportRunStatus", 500, 'Never finishes ' || g,
            $2::timestamptz - interval '400 days', $2::timestamptz - interval '400 days'
       FROM generate_series(0, $3::int - 1) AS g`,
    [scale.users, start, Math.max(3, Math.round(UNFINISHED_RUNS_PER_USER * scale.users))],
  );
}

/** The import runs created by createWorld that must survive every pass. */
export async function countUnfinishedRuns(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "ImportRun" WHERE "status" IN ('queued', 'running', 'waiting')`,
  );
  return rows[0]!.n;
}
