/**
 * Called in the transaction that gives a channel an auto-sync follower (a follow, a re-enabled toggle, a
 * channel import with "follow"): a parked channel becomes due now — the next claim of any worker takes it
 * (a check holding the claim is followed by another, since it may have seen no follower) — and, with WebSub on, a hub subscription is queued unless a lease is live.
 */
import { fromPrisma } from "pg-boss";
import type { Prisma } from "~/generated/prisma/client";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe.job";
import { isWebSubEnabled } from "./websub-topic";

export async function startChannelSync({
  tx,
  channelId,
  boss,
}: {
  tx: Prisma.TransactionClient;
  channelId: string;
  boss: JobSender;
}) {
  const rows = await tx.$queryRaw<{ leaseExpiresAt: Date | null }[]>`
    UPDATE "ChannelSchedule" AS s SET
      "nextCheckAt" = CASE WHEN s."claimToken" IS NOT NULL THEN s."nextCheckAt" ELSE coalesce(s."nextCheckAt", now()) END,
      "recheck" = s."claimToken" IS NOT NULL
      FROM "Channel" AS c
     WHERE s."channelId" = ${channelId}::uuid AND c."id" = s."channelId"
    RETURNING c."leaseExpiresAt"`;
  const lease = rows[0]?.leaseExpiresAt ?? null;
  if (isWebSubEnabled() && !(lease && lease > new Date())) {
    await enqueue(boss, websubSubscribeJob, { channelId }, { singletonKey: channelId, db: fromPrisma(tx) });
  }
}
