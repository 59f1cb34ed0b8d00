/**
 * Jobs that failed for good in the last RECENT_FAILURES_WINDOW_HOURS, newest first, with the error each
 * recorded. Only queues whose pg-boss counts hold failed jobs are read (its monitor keeps those counts,
 * so a quiet queue costs nothing), each through pg-boss's (name, completed_on) index, newest first.
 * Completed and failed jobs share that index, so at most FAILURE_SCAN_LIMIT settled jobs per queue are
 * walked: on a queue settling hundreds of jobs a second that is the last few seconds' worth, and a
 * failure older than that on such a queue is still in its dead-letter list.
 */
import { pool } from "~/server/db";
import { BOSS_JOB_TABLE, BOSS_QUEUE_TABLE } from "./ops-queues";
import { previewError } from "./preview-payload";

const RECENT_FAILURES_LIMIT = 20;
const RECENT_FAILURES_WINDOW_HOURS = 24;
/** Settled jobs looked at per queue at most. */
const FAILURE_SCAN_LIMIT = 5_000;

export type RecentFailure = { id: string; queue: string; failedAt: Date; attempts: number; error: string | null };

export async function listRecentFailures({
  limit = RECENT_FAILURES_LIMIT,
  now = new Date(),
}: { limit?: number; now?: Date } = {}): Promise<RecentFailure[]> {
  const since = new Date(now.getTime() - RECENT_FAILURES_WINDOW_HOURS * 60 * 60 * 1000);
  const { rows } = await pool.query<{
    id: string;
    name: string;
    completed_on: Date;
    retry_count: number;
    output: unknown;
  }>(
    `SELECT f.id, f.name, f.completed_on, f.retry_count, f.output
       FROM ${BOSS_QUEUE_TABLE} q
       CROSS JOIN LATERAL (
         SELECT s.* FROM (
           SELECT id, name, completed_on, retry_count, output, state
             FROM ${BOSS_JOB_TABLE}
            WHERE name = q.name AND completed_on > $1 AND completed_on <= $3
            ORDER BY completed_on DESC
            LIMIT ${FAILURE_SCAN_LIMIT}
         ) s
         WHERE s.state = 'failed'
         LIMIT $2
       ) f
      WHERE q.dead_letter IS NOT NULL AND q.failed_count > 0
      ORDER BY f.completed_on DESC
      LIMIT $2`,
    [since, limit, now],
  );
  return rows.map((row) => ({
    id: row.id,
    queue: row.name,
    failedAt: row.completed_on,
    attempts: row.retry_count + 1,
    error: previewError(row.output),
  }));
}
