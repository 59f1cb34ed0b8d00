/**
 * Persists Google's refusal of Showreel's own configuration so /ops can show it: the refusal is seen by
 * whichever process made the call, and the page is served by another. One upsert per refused call, keyed
 * by reason. Called from the YouTube client's onConfigError hook, which must never fail or wait on this,
 * so errors are logged and swallowed and the returned promise always resolves.
 */
import { db } from "~/server/db";
import { logger as rootLogger, type Logger } from "~/server/logger";

export async function recordConfigError({
  reason,
  method,
  status,
  seenAt = new Date(),
  logger = rootLogger,
}: {
  reason: string | null;
  method: string;
  status: number | null;
  seenAt?: Date;
  logger?: Logger;
}): Promise<void> {
  try {
    await db.$executeRaw`
      INSERT INTO "YouTubeConfigError" ("reason", "method", "status", "count", "firstSeenAt", "lastSeenAt")
      VALUES (${reason ?? "unknown"}, ${method}, ${status}, 1, ${seenAt}, ${seenAt})
      ON CONFLICT ("reason") DO UPDATE
        SET "count" = "YouTubeConfigError"."count" + 1,
            "method" = EXCLUDED."method",
            "status" = EXCLUDED."status",
            "lastSeenAt" = GREATEST("YouTubeConfigError"."lastSeenAt", EXCLUDED."lastSeenAt")`;
  } catch (error) {
    logger.warn({ err: error, reason }, "ops.config_error_record_failed");
  }
}
