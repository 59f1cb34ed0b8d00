/**
 * sources.update: turn auto-sync on or off for one follower. Turning it on makes a parked channel due;
 * turning it off needs nothing else — the channel's next check parks it if no follower wants it.
 */
import type { JobSender } from "~/lib/jobs/enqueue";
import { AppError } from "~/lib/errors";
import { startChannelSync } from "~/lib/sync/start-channel-sync";
import { db } from "~/server/db";
import { getSourceOrThrow } from "./get-source-or-throw";

export async function updateSource({
  userId,
  sourceId,
  syncEnabled,
  jobs,
}: {
  userId: string;
  sourceId: string;
  syncEnabled: boolean;
  jobs: JobSender;
}) {
  await db.$transaction(async (tx) => {
    const source = await tx.contentSource.findFirst({ where: { id: sourceId, userId }, select: { channelId: true } });
    if (!source) throw new AppError("NOT_FOUND", "That followed channel was not found.");
    await tx.contentSource.update({ where: { id: sourceId }, data: { syncEnabled } });
    if (syncEnabled) await startChannelSync({ tx, channelId: source.channelId, boss: jobs });
  });
  return getSourceOrThrow({ userId, sourceId });
}
