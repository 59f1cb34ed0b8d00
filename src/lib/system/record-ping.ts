import type { Logger } from "~/server/logger";
import { db } from "~/server/db";

/**
 * Stamps a requested ping as handled, or records a heartbeat when no ping was requested. Rows older than
 * SYSTEM_PING_RETENTION_HOURS are deleted by retention.prune (src/lib/retention/policies.ts), so the table
 * stays a few hundred rows.
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
  logger.info({ pingId: row.id }, "system.ping_recorded");
  return { pingId: row.id };
}
