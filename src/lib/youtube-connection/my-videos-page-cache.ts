/**
 * The My Videos page store: each user's pages as YouTube last gave them, in Postgres (`MyVideosPage`), so
 * every web process answers a recent page without calling YouTube. One row per (user, page size + page
 * token), written only for pages the user viewed; rows go with the user (foreign key), on disconnect, and
 * once untouched for MY_VIDEOS_PAGE_RETENTION_DAYS (retention.prune, src/lib/retention/policies.ts). It decides nothing about freshness
 * beyond reporting it: list-my-videos.ts is the only caller that reads or writes pages.
 */
import { z } from "zod";
import { queryRows } from "~/server/db";

const myVideoSchema = z.object({
  videoId: z.string(),
  title: z.string(),
  thumbnailUrl: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  viewCount: z.number().nullable(),
  publishedAt: z.iso
    .datetime({ offset: true })
    .nullable()
    .transform((value) => (value === null ? null : new Date(value))),
  kind: z.enum(["video", "short", "live", "upcoming"]),
  privacyStatus: z.enum(["public", "unlisted", "private"]).nullable(),
});

/** The page as stored (JSON: dates as ISO strings); parsing turns them back into Dates. */
const storedPageSchema = z.object({
  items: z.array(myVideoSchema),
  nextPageToken: z.string().nullable(),
  prevPageToken: z.string().nullable(),
  totalResults: z.number().nullable(),
});

export type MyVideosPageBody = z.output<typeof storedPageSchema>;

/** The page size is part of the key: YouTube's page tokens are only valid for the size they were made with. */
export function myVideosPageKey({
  pageToken,
  pageSize,
}: {
  pageToken?: string | null | undefined;
  pageSize: number;
}): string {
  return `${pageSize}:${pageToken ?? ""}`;
}

export type MyVideosPageRead = {
  connection: { id: string; status: string; youtubeChannelId: string } | null;
  /** null when this page was never stored for the connected channel, or its stored shape is unreadable. */
  page: {
    etag: string | null;
    /** What the channel's feed showed when the page was last read or confirmed; null when unknown. */
    feedSignature: string | null;
    body: MyVideosPageBody;
    fetchedAt: Date;
    isFresh: boolean;
    importedIds: ReadonlySet<string>;
  } | null;
};

type ReadRow = {
  connectionId: string;
  status: string;
  youtubeChannelId: string;
  etag: string | null;
  feedSignature: string | null;
  body: unknown;
  fetchedAt: Date | null;
  isFresh: boolean | null;
  importedIds: string[] | null;
};

/**
 * ONE statement: the user's connection, the stored page of its channel (if any) with whether it is younger
 * than `maxAgeSeconds` by the database's clock, and which of the page's videos are already projects (the
 * `Project (userId, youtubeVideoId)` unique index, one probe per id).
 */
export async function findMyVideosPage({
  userId,
  pageKey,
  maxAgeSeconds,
}: {
  userId: string;
  pageKey: string;
  maxAgeSeconds: number;
}): Promise<MyVideosPageRead> {
  const rows = await queryRows<ReadRow>`
    SELECT c."id"::text AS "connectionId", c."status"::text AS "status", c."youtubeChannelId",
           p."etag", p."feedSignature", p."body", p."fetchedAt",
           p."fetchedAt" > now() - make_interval(secs => ${maxAgeSeconds}::int) AS "isFresh",
           CASE WHEN p."userId" IS NULL THEN NULL ELSE ARRAY(
             SELECT pr."youtubeVideoId" FROM "Project" pr
              WHERE pr."userId" = c."userId" AND pr."youtubeVideoId" = ANY(p."videoIds")
           ) END AS "importedIds"
      FROM "YouTubeConnection" c
      LEFT JOIN "MyVideosPage" p
        ON p."userId" = c."userId" AND p."pageKey" = ${pageKey} AND p."youtubeChannelId" = c."youtubeChannelId"
     WHERE c."userId" = ${userId}`;
  const row = rows[0];
  if (!row) return { connection: null, page: null };
  const connection = { id: row.connectionId, status: row.status, youtubeChannelId: row.youtubeChannelId };
  if (row.fetchedAt === null) return { connection, page: null };
  // A row written by an older release in another shape is refetched, not served.
  const body = storedPageSchema.safeParse(row.body);
  if (!body.success) return { connection, page: null };
  return {
    connection,
    page: {
      etag: row.etag,
      feedSignature: row.feedSignature,
      body: body.data,
      fetchedAt: row.fetchedAt,
      isFresh: row.isFresh === true,
      importedIds: new Set(row.importedIds ?? []),
    },
  };
}

/**
 * Stores a page YouTube answered 200 (replacing any previous version) and, in the same statement, reads
 * which of its videos are already projects.
 */
export async function saveMyVideosPage({
  userId,
  pageKey,
  youtubeChannelId,
  etag,
  feedSignature,
  body,
}: {
  userId: string;
  pageKey: string;
  youtubeChannelId: string;
  etag: string | null;
  feedSignature: string | null;
  body: MyVideosPageBody;
}): Promise<{ fetchedAt: Date; importedIds: ReadonlySet<string> }> {
  const videoIds = body.items.map((item) => item.videoId);
  const rows = await queryRows<{ fetchedAt: Date; importedIds: string[] }>`
    WITH saved AS (
      INSERT INTO "MyVideosPage" ("userId", "pageKey", "youtubeChannelId", "etag", "feedSignature", "body", "videoIds", "fetchedAt")
      VALUES (${userId}, ${pageKey}, ${youtubeChannelId}, ${etag}, ${feedSignature}, ${JSON.stringify(body)}::jsonb, ${videoIds}::text[], now())
      ON CONFLICT ("userId", "pageKey") DO UPDATE
        SET "youtubeChannelId" = EXCLUDED."youtubeChannelId", "etag" = EXCLUDED."etag",
            "feedSignature" = EXCLUDED."feedSignature", "body" = EXCLUDED."body",
            "videoIds" = EXCLUDED."videoIds", "fetchedAt" = EXCLUDED."fetchedAt"
      RETURNING "fetchedAt"
    )
    SELECT saved."fetchedAt", ARRAY(
      SELECT pr."youtubeVideoId" FROM "Project" pr WHERE pr."userId" = ${userId} AND pr."youtubeVideoId" = ANY(${videoIds}::text[])
    ) AS "importedIds"
      FROM saved`;
  const row = rows[0];
  // The INSERT … ON CONFLICT always returns its row; the foreign key refuses a deleted user first.
  if (!row) throw new Error("MyVideosPage upsert returned no row");
  return { fetchedAt: row.fetchedAt, importedIds: new Set(row.importedIds) };
}

/**
 * What the user's projects know of these videos' durations (a project imported from the video, by hand or by
 * following the channel, has read it from the Data API): by video id, for the ids whose duration is known.
 */
export async function projectDurations({
  userId,
  videoIds,
}: {
  userId: string;
  videoIds: readonly string[];
}): Promise<ReadonlyMap<string, number>> {
  const rows = await queryRows<{ youtubeVideoId: string; durationSeconds: number }>`
    SELECT "youtubeVideoId", "durationSeconds" FROM "Project"
     WHERE "userId" = ${userId} AND "youtubeVideoId" = ANY(${videoIds}::text[]) AND "durationSeconds" IS NOT NULL`;
  return new Map(rows.map((row) => [row.youtubeVideoId, row.durationSeconds]));
}

/**
 * The stored page is current as of now (YouTube answered 304, or the channel's feed shows what it showed
 * then), with what the feed shows now. Null when the row has gone meanwhile (disconnect).
 */
export async function touchMyVideosPage({
  userId,
  pageKey,
  feedSignature,
}: {
  userId: string;
  pageKey: string;
  feedSignature: string | null;
}): Promise<Date | null> {
  const rows = await queryRows<{ fetchedAt: Date }>`
    UPDATE "MyVideosPage" SET "fetchedAt" = now(), "feedSignature" = ${feedSignature}
     WHERE "userId" = ${userId} AND "pageKey" = ${pageKey} RETURNING "fetchedAt"`;
  return rows[0]?.fetchedAt ?? null;
}
