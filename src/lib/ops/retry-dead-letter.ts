/**
 * An admin's Retry on a dead-letter job: pg-boss's redrive moves it back to the queue it failed on, with
 * the queue's current retry settings, in one statement that locks the row (FOR UPDATE SKIP LOCKED) and
 * deletes it as it re-creates it. So a double click, or two admins at once, re-send it once: the second
 * call finds nothing to move and answers `already_retried`.
 */
import { AppError } from "~/lib/errors";
import type { JobSender } from "~/lib/jobs/enqueue";
import { pool } from "~/server/db";
import type { Logger } from "~/server/logger";
import { BOSS_JOB_TABLE, BOSS_QUEUE_TABLE } from "./ops-queues";

export type RetryDeadLetterResult = { status: "retried" | "already_retried" };

export async function retryDeadLetter({
  userId,
  deadLetterQueue,
  id,
  jobs,
  logger,
}: {
  /** The admin who asked, for the log line. */
  userId: string;
  deadLetterQueue: string;
  id: string;
  jobs: JobSender;
  logger: Logger;
}): Promise<RetryDeadLetterResult> {
  const { rowCount } = await pool.query(`SELECT 1 FROM ${BOSS_QUEUE_TABLE} WHERE dead_letter = $1 LIMIT 1`, [
    deadLetterQueue,
  ]);
  if (!rowCount) {
    throw new AppError("INVALID_INPUT", `${deadLetterQueue} is not a dead-letter queue.`);
  }
  const moved = await jobs.redrive(deadLetterQueue, { ids: [id], limit: 1 });
  if (moved === 1) {
    logger.info({ deadLetterQueue, jobId: id, actorId: userId }, "ops.dead_letter_retried");
    return { status: "retried" };
  }
  // Nothing moved: already retried (the row is gone), or its queue refused the copy because a job with
  // the same singleton key is queued or running, in which case pg-boss marks the dead letter failed.
  const { rows } = await pool.query<{ state: string }>(
    `SELECT state FROM ${BOSS_JOB_TABLE} WHERE name = $1 AND id = $2`,
    [deadLetterQueue, id],
  );
  const state = rows[0]?.state;
  if (state === undefined) return { status: "already_retried" };
  if (state === "failed") {
    throw new AppError("CONFLICT", "The same job is already queued or running; this one was kept as failed.");
  }
  throw new AppError("CONFLICT", "This dead-letter job cannot be retried right now; try again in a moment.");
}
