/**
 * sources.syncNow: check a followed channel right away instead of at its next scheduled time. The check
 * is the shared one (every follower benefits): the channel becomes due now and the next claim of any
 * worker takes it; asking while a check runs makes it due again right after. Rate-limited per user in the
 * router.
 */
import { AppError } from "~/lib/errors";
import { makeChannelDue } from "~/lib/sync/channel-schedule";
import { db } from "~/server/db";

export async function syncSourceNow({ userId, sourceId }: { userId: string; sourceId: string }) {
  const source = await db.contentSource.findFirst({
    where: { id: sourceId, userId },
    select: { channelId: true, syncEnabled: true },
  });
  if (!source) throw new AppError("NOT_FOUND", "That followed channel was not found.");
  if (!source.syncEnabled) throw new AppError("CONFLICT", "Auto-sync is off for this channel. Turn it on to sync it.");
  const { wasDue } = await makeChannelDue(source.channelId);
  return { queued: true as const, alreadyQueued: wasDue };
}
