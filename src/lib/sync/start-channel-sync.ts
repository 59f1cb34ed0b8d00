/**
 * Called in the transaction that gives a channel an auto-sync follower (a follow, a re-enabled toggle, a
 * channel import with "follow"): a parked channel becomes due now — its first check runs within the
 * scheduler's minute — and, with WebSub on, a hub subscription is queued unless a lease is live.
 * `followChannel` is the follow itself: idempotent, and turning auto-sync back on for an old follow.
 */
import { fromPrisma } from "pg-boss";
import type { Prisma } from "~/generated/prisma/client";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe";
import { isWebSubEnabled } from "./websub";

export async function startChannelSync({ tx, channelId, boss }: { tx: Prisma.TransactionClient; channelId: string; boss: JobSender }) {
  const rows = await tx.$queryRaw<{ leaseExpiresAt: Date | null }[]>`
    UPDATE "Channel" SET "nextCheckAt" = coalesce("nextCheckAt", now()), "updatedAt" = now()
     WHERE "id" = ${channelId}::uuid
    RETURNING "leaseExpiresAt"`;
  const lease = rows[0]?.leaseExpiresAt ?? null;
  if (isWebSubEnabled() && !(lease && lease > new Date())) {
    await enqueue(boss, websubSubscribeJob, { channelId }, { singletonKey: channelId, db: fromPrisma(tx) });
  }
}

export async function followChannel({ tx, userId, channelId, boss }: { tx: Prisma.TransactionClient; userId: string; channelId: string; boss: JobSender }) {
  const source = await tx.contentSource.upsert({
    where: { userId_channelId: { userId, channelId } },
    create: { userId, channelId, syncEnabled: true },
    update: { syncEnabled: true },
    select: { id: true },
  });
  await startChannelSync({ tx, channelId, boss });
  return source;
}
