/**
 * The follow itself, in the caller's transaction (sources.add, a channel import with "follow"): idempotent,
 * and turning auto-sync back on for an old follow; the channel is then made due (startChannelSync).
 */
import type { Prisma } from "~/generated/prisma/client";
import type { JobSender } from "~/lib/jobs/enqueue";
import { startChannelSync } from "./start-channel-sync";

export async function followChannel({
  tx,
  userId,
  channelId,
  boss,
}: {
  tx: Prisma.TransactionClient;
  userId: string;
  channelId: string;
  boss: JobSender;
}) {
  const source = await tx.contentSource.upsert({
    where: { userId_channelId: { userId, channelId } },
    create: { userId, channelId, syncEnabled: true },
    update: { syncEnabled: true },
    select: { id: true },
  });
  await startChannelSync({ tx, channelId, boss });
  return source;
}
