/**
 * Persists a circuit breaker's state change so /ops can show it: breakers live in each process's memory,
 * and the page is served by a different process than the worker whose breaker opened. One upsert per
 * (upstream, process); called from the breaker's state-change hook, which must never fail or wait on
 * this, so errors are logged and swallowed and the returned promise always resolves.
 */
import { hostname } from "node:os";
import { db } from "~/server/db";
import { logger as rootLogger, type Logger } from "~/server/logger";

export const BREAKER_INSTANCE = `${hostname()}:${process.pid}`;

export async function recordBreakerTransition({
  upstream,
  state,
  instance = BREAKER_INSTANCE,
  changedAt = new Date(),
  logger = rootLogger,
}: {
  upstream: string;
  state: "closed" | "open" | "half_open";
  instance?: string;
  changedAt?: Date;
  logger?: Logger;
}): Promise<void> {
  try {
    // Two transitions of one breaker can race to the database; the later changedAt wins.
    await db.$executeRaw`
      INSERT INTO "BreakerState" ("upstream", "instance", "state", "changedAt")
      VALUES (${upstream}, ${instance}, ${state}, ${changedAt})
      ON CONFLICT ("upstream", "instance") DO UPDATE
        SET "state" = EXCLUDED."state", "changedAt" = EXCLUDED."changedAt"
        WHERE "BreakerState"."changedAt" <= EXCLUDED."changedAt"`;
  } catch (error) {
    logger.warn({ err: error, upstream, state }, "ops.breaker_record_failed");
  }
}
