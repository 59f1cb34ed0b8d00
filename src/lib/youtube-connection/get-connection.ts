import { db } from "~/server/db";
import { connectionSummarySelect } from "./selects";

export async function getConnection({ userId }: { userId: string }) {
  const row = await db.youTubeConnection.findUnique({ where: { userId }, select: connectionSummarySelect });
  if (!row) return null;
  return {
    id: row.id,
    channelId: row.youtubeChannelId,
    channelTitle: row.channelTitle,
    channelHandle: row.channelHandle,
    status: row.status,
    scopes: row.scopes,
    connectedAt: row.createdAt,
    lastRefreshedAt: row.lastRefreshedAt,
  };
}

export type ConnectionSummary = NonNullable<Awaited<ReturnType<typeof getConnection>>>;
