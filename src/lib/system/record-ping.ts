import type { Logger } from "~/server/logger";
import { db } from "~/server/db";

/** How long heartbeat rows are kept; older ones are pruned by the heartbeat itself. */
export const PING_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Stamps a requested ping as handled (or records a heartbeat when no ping was requested) and prunes
 * rows older than PING_RETENTION_MS, so the table stays a few hundred rows at most.
 */
export async function recordPing({
  pingId,
  handledBy,
  logger,
}: {
  pingId: string | undefined;
  handledBy: string;
  logger: Logger;
}): Promise<{ pingId: string }> {
  const handledAt = new Date();
  const row = pingId
    ? await db.systemPing.upsert({
        where: { id: pingId },
        update: { handledAt, handledBy },
        create: { id: pingId, requestedBy: "unknown", handledAt, handledBy },
        select: { id: true },
      })
    : await db.systemPing.create({ data: { requestedBy: "schedule", handledAt, handledBy }, select: { id: true } });
  const pruned = await db.systemPing.deleteMany({
    where: { requestedAt: { lt: new Date(handledAt.getTime() - PING_RETENTION_MS) } },
  });
  logger.info({ pingId: row.id, pruned: pruned.count }, "system.ping_recorded");
  return { pingId: row.id };
}
