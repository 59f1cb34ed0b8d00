import type { $Enums } from "~/generated/prisma/client";
import { queryRows } from "~/server/db";
import type { ListSourcesInput } from "./sources.schema";
import { toSourceSummary, type SourceRow } from "./selects";

type SourceJoinRow = {
  id: string;
  syncEnabled: boolean;
  importedCount: number;
  lastSyncedAt: Date | null;
  createdAt: Date;
  youtubeChannelId: string;
  title: string;
  handle: string | null;
  thumbnailUrl: string | null;
  status: $Enums.ChannelStatus;
  leaseExpiresAt: Date | null;
  pushUnhealthySince: Date | null;
  hasSchedule: boolean;
  lastCheckedAt: Date | null;
  nextCheckAt: Date | null;
  claimToken: string | null;
  tier: $Enums.CheckTier | null;
  failures: number | null;
  lastError: string | null;
  lastMethod: $Enums.SyncMethod | null;
  lastOutcome: $Enums.SyncOutcome | null;
};

/** The joined row in the shape of sourceSummarySelect, so toSourceSummary reads it as it reads Prisma's. */
function toSourceRow(row: SourceJoinRow): SourceRow {
  return {
    id: row.id,
    syncEnabled: row.syncEnabled,
    importedCount: row.importedCount,
    lastSyncedAt: row.lastSyncedAt,
    createdAt: row.createdAt,
    channel: {
      youtubeChannelId: row.youtubeChannelId,
      title: row.title,
      handle: row.handle,
      thumbnailUrl: row.thumbnailUrl,
      status: row.status,
      leaseExpiresAt: row.leaseExpiresAt,
      pushUnhealthySince: row.pushUnhealthySince,
      schedule: row.hasSchedule
        ? {
            lastCheckedAt: row.lastCheckedAt,
            nextCheckAt: row.nextCheckAt,
            claimToken: row.claimToken,
            tier: row.tier ?? "normal",
            failures: row.failures ?? 0,
            lastError: row.lastError,
            lastMethod: row.lastMethod,
            lastOutcome: row.lastOutcome,
          }
        : null,
    },
  };
}

/**
 * The channels a user follows, newest follow first, with each channel's sync state: one statement joining
 * the follow, its channel and the channel's schedule (Prisma would send one query per relation), on the pool
 * (queryRows: a hot path). The
 * cursor is the last id of the previous page; a cursor that is not one of the user's follows gives an
 * empty page.
 */
export async function listSources({ userId, ...input }: { userId: string } & ListSourcesInput) {
  const cursor = input.cursor ?? null;
  const rows = await queryRows<SourceJoinRow>`
    SELECT s."id", s."syncEnabled", s."importedCount", s."lastSyncedAt", s."createdAt",
           c."youtubeChannelId", c."title", c."handle", c."thumbnailUrl", c."status", c."leaseExpiresAt", c."pushUnhealthySince",
           cs."channelId" IS NOT NULL AS "hasSchedule", cs."lastCheckedAt", cs."nextCheckAt", cs."claimToken"::text AS "claimToken",
           cs."tier", cs."failures", cs."lastError", cs."lastMethod", cs."lastOutcome"
      FROM "ContentSource" s
      JOIN "Channel" c ON c."id" = s."channelId"
      LEFT JOIN "ChannelSchedule" cs ON cs."channelId" = s."channelId"
     WHERE s."userId" = ${userId}
       AND (${cursor}::uuid IS NULL
            OR (s."createdAt", s."id") < (SELECT p."createdAt", p."id" FROM "ContentSource" p WHERE p."id" = ${cursor}::uuid AND p."userId" = ${userId}))
     ORDER BY s."createdAt" DESC, s."id" DESC
     LIMIT ${input.limit + 1}::int`;
  const now = new Date();
  const items = rows.slice(0, input.limit).map((row) => toSourceSummary(toSourceRow(row), now));
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}
