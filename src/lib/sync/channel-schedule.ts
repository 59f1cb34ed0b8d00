/**
 * The ChannelSchedule row is the sync engine's work item: one per channel, narrow (fillfactor 70), and
 * indexed only on "nextCheckAt" where it is set. Every worker claims due rows straight from that index and
 * writes results back in batches; there is no job row per check and no scheduler process.
 *
 * - claim: one statement takes up to n due rows (oldest first, SKIP LOCKED so workers never wait on each
 *   other), stamps them with the claim's token and pushes "nextCheckAt" out by the lease — a check that
 *   dies with its worker is simply due again when the lease lapses — and brings back everything the
 *   checks read (validators, remembered window, lease, earliest follow).
 * - writeBack: one statement for a whole batch of results. Only rows still holding their token change,
 *   so a finisher that lost its claim (its lease lapsed and another worker took the row) changes nothing;
 *   the Channel row, new SyncVideo ids and SyncRun rows are written only for rows whose token matched.
 * - makeDue: a push, "Check now" or a new follow makes the channel due now; if a check holds the claim,
 *   the row is marked to be due again the moment that check is written back.
 * The hot statements are named, so each connection parses and plans them once.
 */
import type { SyncVideoReason } from "~/generated/prisma/enums";
import { pool } from "~/server/db";
import type { CheckWrite, ClaimedChannel } from "./check-plan";

type Queryable = Pick<typeof pool, "query">;

const CLAIM_SQL = `
  WITH due AS (
    SELECT "channelId" FROM "ChannelSchedule" WHERE "nextCheckAt" <= now()
     ORDER BY "nextCheckAt" LIMIT $1 FOR UPDATE SKIP LOCKED
  ), claimed AS (
    UPDATE "ChannelSchedule" AS s SET "nextCheckAt" = now() + $2 * interval '1 millisecond', "claimToken" = $3
      FROM due WHERE s."channelId" = due."channelId"
    RETURNING s."channelId", s."tier", s."failures", s."lastCheckedAt"
  )
  SELECT cl."channelId", cl."tier", cl."failures", cl."lastCheckedAt",
         c."youtubeChannelId", c."uploadsPlaylistId", c."status", c."feedEtag", c."feedLastModified",
         c."recentVideoIds", c."lastVideoPublishedAt", c."leaseExpiresAt", c."pushUnhealthySince", c."lastPushAt",
         (SELECT min(cs."createdAt") FROM "ContentSource" AS cs
           WHERE cs."channelId" = cl."channelId" AND cs."syncEnabled") AS "earliestFollowAt"
    FROM claimed AS cl JOIN "Channel" AS c ON c."id" = cl."channelId"`;

/** Claims up to `limit` due channels for `leaseMs` under `token` (one per claim, from the caller). */
export async function claimDueChannels(options: {
  limit: number;
  leaseMs: number;
  token: string;
  db?: Queryable;
}): Promise<ClaimedChannel[]> {
  const result = await (options.db ?? pool).query<ClaimedChannel>({
    name: "sync_claim_due",
    text: CLAIM_SQL,
    values: [options.limit, options.leaseMs, options.token],
  });
  return result.rows;
}

const WRITE_BACK_SQL = `
  WITH done AS (
    UPDATE "ChannelSchedule" AS s SET
      "nextCheckAt" = CASE WHEN s."recheck" THEN now() ELSE u."next" END,
      "claimToken" = NULL,
      "recheck" = false,
      "tier" = u."tier"::"CheckTier",
      "failures" = u."failures",
      "lastCheckedAt" = coalesce(u."checked", s."lastCheckedAt"),
      "lastMethod" = coalesce(u."method"::"SyncMethod", s."lastMethod"),
      "lastOutcome" = coalesce(u."outcome"::"SyncOutcome", s."lastOutcome"),
      "lastError" = u."error"
      FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::int[], $6::timestamptz[], $7::text[], $8::text[], $9::text[])
        AS u("id", "token", "next", "tier", "failures", "checked", "method", "outcome", "error")
     WHERE s."channelId" = u."id" AND s."claimToken" = u."token"
    RETURNING s."channelId"
  ), channels AS (
    UPDATE "Channel" AS c SET
      "recentVideoIds" = r."recentVideoIds",
      "feedEtag" = CASE WHEN r."hasValidators" THEN r."feedEtag" ELSE c."feedEtag" END,
      "feedLastModified" = CASE WHEN r."hasValidators" THEN r."feedLastModified" ELSE c."feedLastModified" END,
      "lastVideoPublishedAt" = r."lastVideoPublishedAt",
      "pushUnhealthySince" = r."pushUnhealthySince",
      "hubRenewAt" = CASE WHEN r."resubscribe" AND c."hubRenewAt" IS NOT NULL THEN now() ELSE c."hubRenewAt" END,
      "status" = r."status"::"ChannelStatus",
      "updatedAt" = now()
      FROM jsonb_to_recordset($10::jsonb) AS r(
        "id" uuid, "recentVideoIds" text[], "hasValidators" boolean, "feedEtag" text, "feedLastModified" text,
        "lastVideoPublishedAt" timestamptz, "pushUnhealthySince" timestamptz, "resubscribe" boolean, "status" text)
     WHERE c."id" = r."id" AND r."id" IN (SELECT "channelId" FROM done)
    RETURNING c."id"
  ), parked AS (
    UPDATE "Channel" SET "hubRenewAt" = NULL, "updatedAt" = now()
     WHERE "id" = ANY($11::uuid[]) AND "id" IN (SELECT "channelId" FROM done) AND "hubRenewAt" IS NOT NULL
    RETURNING "id"
  ), detected AS (
    INSERT INTO "SyncVideo" ("videoId", "channelId", "reason")
    SELECT d."videoId", d."channelId", d."reason"::"SyncVideoReason"
      FROM unnest($12::text[], $13::uuid[], $14::text[]) AS d("videoId", "channelId", "reason")
     WHERE d."channelId" IN (SELECT "channelId" FROM done)
    -- An id looked up before comes round again only when it vanished from the window since.
    ON CONFLICT ("videoId") DO UPDATE SET "reason" = 'vanished', "doneAt" = NULL, "notBefore" = now(), "attempts" = 0, "detectedAt" = now()
     WHERE EXCLUDED."reason" = 'vanished' AND "SyncVideo"."doneAt" IS NOT NULL
    RETURNING "videoId"
  ), runs AS (
    INSERT INTO "SyncRun" ("channelId", "trigger", "method", "outcome", "unitsSpent", "error", "startedAt")
    SELECT r."channelId", 'schedule', r."method"::"SyncMethod", r."outcome"::"SyncOutcome", r."unitsSpent", r."error", r."startedAt"
      FROM jsonb_to_recordset($15::jsonb) AS r("channelId" uuid, "method" text, "outcome" text, "unitsSpent" int, "error" text, "startedAt" timestamptz)
     WHERE r."channelId" IN (SELECT "channelId" FROM done)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM done)::int AS "written",
         (SELECT count(*) FROM detected)::int AS "detected",
         (SELECT coalesce(array_agg("channelId"), '{}') FROM done WHERE "channelId" = ANY($11::uuid[])) AS "parked"`;

/** A check's result and the claim it was made under. */
export type ClaimedWrite = CheckWrite & { token: string; startedAt: Date };

export type WriteBackResult = {
  /** Rows whose claim was still theirs. */
  written: number;
  /** Results dropped because their claim was lost (another worker took the channel after the lease). */
  stale: number;
  /** New SyncVideo rows (or vanished ids queued again). */
  detected: number;
  /** Channels parked in this batch (their token matched), so the caller can leave the hub for them. */
  parked: string[];
};

/** Writes a batch of results in one statement; see the file header for the claim-token guard. */
export async function writeBack(writes: readonly ClaimedWrite[], db: Queryable = pool): Promise<WriteBackResult> {
  if (writes.length === 0) return { written: 0, stale: 0, detected: 0, parked: [] };
  const channels = writes.flatMap((write) =>
    write.channel
      ? [
          {
            id: write.channelId,
            recentVideoIds: write.channel.recentVideoIds,
            hasValidators: write.channel.feedEtag !== undefined || write.channel.feedLastModified !== undefined,
            feedEtag: write.channel.feedEtag ?? null,
            feedLastModified: write.channel.feedLastModified ?? null,
            lastVideoPublishedAt: write.channel.lastVideoPublishedAt,
            pushUnhealthySince: write.channel.pushUnhealthySince,
            resubscribe: write.channel.resubscribe,
            status: write.channel.status,
          },
        ]
      : [],
  );
  // One row per video id: a video two channels list (rare) is attributed to the first.
  const detected = new Map<string, { channelId: string; reason: SyncVideoReason }>();
  for (const write of writes) {
    for (const item of write.detected)
      if (!detected.has(item.videoId)) detected.set(item.videoId, { channelId: write.channelId, reason: item.reason });
  }
  const runs = writes.flatMap((write) =>
    write.run
      ? [{ channelId: write.channelId, ...write.run, unitsSpent: write.unitsSpent, startedAt: write.startedAt }]
      : [],
  );
  const result = await db.query<{ written: number; detected: number; parked: string[] }>({
    name: "sync_write_back",
    text: WRITE_BACK_SQL,
    values: [
      writes.map((write) => write.channelId),
      writes.map((write) => write.token),
      writes.map((write) => write.nextCheckAt),
      writes.map((write) => write.tier),
      writes.map((write) => write.failures),
      writes.map((write) => write.checkedAt),
      writes.map((write) => write.method),
      writes.map((write) => write.outcome),
      writes.map((write) => write.error),
      JSON.stringify(channels),
      writes.filter((write) => write.parked).map((write) => write.channelId),
      [...detected.keys()],
      [...detected.values()].map((item) => item.channelId),
      [...detected.values()].map((item) => item.reason),
      JSON.stringify(runs),
    ],
  });
  const row = result.rows[0] ?? { written: 0, detected: 0, parked: [] };
  return { written: row.written, stale: writes.length - row.written, detected: row.detected, parked: row.parked };
}

/** Gives back claimed channels that were never checked (a stopping worker): due again at once. */
export async function releaseClaims(
  claims: readonly { channelId: string; token: string }[],
  db: Queryable = pool,
): Promise<void> {
  await db.query({
    name: "sync_release_claims",
    text: `UPDATE "ChannelSchedule" AS s SET "nextCheckAt" = now(), "claimToken" = NULL, "recheck" = false
             FROM unnest($1::uuid[], $2::uuid[]) AS r("id", "token")
            WHERE s."channelId" = r."id" AND s."claimToken" = r."token"`,
    values: [claims.map((claim) => claim.channelId), claims.map((claim) => claim.token)],
  });
}

/**
 * Makes a followed channel due now (a push, "Check now"). A channel being checked keeps its claim and is
 * due again the moment that check is written back. Parked channels stay parked. Says whether the channel
 * is followed and whether it was already due or being checked (asking again then changes nothing).
 */
export async function makeChannelDue(
  channelId: string,
  db: Queryable = pool,
): Promise<{ isFollowed: boolean; wasDue: boolean }> {
  const result = await db.query<{ wasDue: boolean }>({
    name: "sync_make_due",
    text: `WITH before AS (
             SELECT "channelId", "nextCheckAt" <= now() OR "claimToken" IS NOT NULL AS "wasDue"
               FROM "ChannelSchedule" WHERE "channelId" = $1 AND "nextCheckAt" IS NOT NULL FOR UPDATE)
           UPDATE "ChannelSchedule" AS s SET
             "nextCheckAt" = CASE WHEN s."claimToken" IS NULL THEN least(s."nextCheckAt", now()) ELSE s."nextCheckAt" END,
             "recheck" = s."claimToken" IS NOT NULL
             FROM before WHERE s."channelId" = before."channelId"
           RETURNING before."wasDue"`,
    values: [channelId],
  });
  const row = result.rows[0];
  return { isFollowed: !!row, wasDue: row?.wasDue ?? false };
}

/** now − the oldest passed nextCheckAt; 0 when nothing is overdue. One probe of the partial index. */
export async function measureSyncLagSeconds(db: Queryable = pool): Promise<number> {
  const result = await db.query<{ lag: number | null }>(
    `SELECT extract(epoch FROM now() - min("nextCheckAt"))::float8 AS "lag" FROM "ChannelSchedule" WHERE "nextCheckAt" <= now()`,
  );
  return Math.max(0, result.rows[0]?.lag ?? 0);
}

/** How many followed channels are due now: an index range, so it grows with the backlog (only /ops reads it). */
export async function countDueChannels(db: Queryable = pool): Promise<number> {
  const result = await db.query<{ due: number }>(
    `SELECT count(*)::int AS "due" FROM "ChannelSchedule" WHERE "nextCheckAt" <= now()`,
  );
  return result.rows[0]?.due ?? 0;
}
