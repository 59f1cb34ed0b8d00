/**
 * sources.remove: unfollow. The projects the channel brought stay (their source link is cleared); the
 * shared channel is parked by its next check once nobody follows it.
 */
import { AppError } from "~/lib/errors";
import { db } from "~/server/db";

export async function removeSource({ userId, sourceId }: { userId: string; sourceId: string }) {
  const { count } = await db.contentSource.deleteMany({ where: { id: sourceId, userId } });
  if (count === 0) throw new AppError("NOT_FOUND", "That followed channel was not found.");
  return { removed: true as const };
}
