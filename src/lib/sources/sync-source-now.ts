/**
 * sources.syncNow: check a followed channel right away instead of at its next scheduled time. The check
 * is the shared one (every follower benefits) and the queue keeps one per channel: asking while one is
 * already waiting changes nothing and is not an error. Rate-limited per user in the router.
 */
import type { PgBoss } from "pg-boss";
import { AppError } from "~/lib/errors";
import { enqueue } from "~/lib/jobs/enqueue";
import { syncCheckChannelJob } from "~/lib/jobs/sync-check-channel";
import { db } from "~/server/db";

export async function syncSourceNow({ userId, sourceId, boss }: { userId: string; sourceId: string; boss: PgBoss }) {
  const source = await db.contentSource.findFirst({ where: { id: sourceId, userId }, select: { channelId: true, syncEnabled: true } });
  if (!source) throw new AppError("NOT_FOUND", "That followed channel was not found.");
  if (!source.syncEnabled) throw new AppError("CONFLICT", "Auto-sync is off for this channel. Turn it on to sync it.");
  const jobId = await enqueue(boss, syncCheckChannelJob, { channelId: source.channelId, trigger: "manual" }, { singletonKey: source.channelId });
  return { queued: true as const, alreadyQueued: jobId === null };
}
