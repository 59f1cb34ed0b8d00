/**
 * How long jobs ran, per queue, over a window: p50/p95 of `completed_on - started_on` from pg-boss's own
 * job table (completed jobs keep both stamps until their queue's deleteAfterSeconds). Each queue is read
 * through pg-boss's (name, completed_on) index, newest first, and at most DURATION_SAMPLE_LIMIT jobs per
 * queue are looked at, so one busy queue cannot make the read slow: past that the percentiles are over
 * the newest jobs of the window and `completed` says "at least".
 */
import { pool } from "~/server/db";
import { BOSS_JOB_TABLE } from "./ops-queues";

/**
 * The history /ops shows (its charts and "last hour" table), and so the farthest back a duration read ever
 * looks: a sample after a gap reads back to the previous sample within it, and the page's live read back to
 * the last sample, or across the whole window when there is none. Bounded by DURATION_SAMPLE_LIMIT either way.
 */
export const OPS_WINDOW_MS = 60 * 60 * 1000;

/** Jobs per queue per window the percentiles are computed over; a minute of a 500/s queue is 30,000. */
export const DURATION_SAMPLE_LIMIT = 5_000;

export type QueueDurations = {
  queue: string;
  /** Completed jobs seen in the window, capped at DURATION_SAMPLE_LIMIT. */
  completed: number;
  p50Ms: number | null;
  p95Ms: number | null;
};

export async function measureJobDurations({
  queues,
  since,
  until,
}: {
  queues: readonly string[];
  since: Date;
  until: Date;
}): Promise<QueueDurations[]> {
  const { rows } = await pool.query<{ queue: string; completed: number; p50: number | null; p95: number | null }>(
    `SELECT q.name AS queue,
            count(j.ms)::int AS completed,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY j.ms) AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY j.ms) AS p95
       FROM unnest($1::text[]) AS q(name)
       LEFT JOIN LATERAL (
         SELECT extract(epoch FROM job.completed_on - job.started_on) * 1000 AS ms
           FROM ${BOSS_JOB_TABLE} job
          WHERE job.name = q.name
            AND job.completed_on > $2 AND job.completed_on <= $3
            AND job.state = 'completed' AND job.started_on IS NOT NULL
          ORDER BY job.completed_on DESC
          LIMIT ${DURATION_SAMPLE_LIMIT}
       ) j ON true
      GROUP BY q.name`,
    [queues, since, until],
  );
  const byQueue = new Map(rows.map((row) => [row.queue, row]));
  return queues.map((queue) => {
    const row = byQueue.get(queue);
    return {
      queue,
      completed: row?.completed ?? 0,
      p50Ms: row?.p50 == null ? null : Math.round(row.p50),
      p95Ms: row?.p95 == null ? null : Math.round(row.p95),
    };
  });
}
