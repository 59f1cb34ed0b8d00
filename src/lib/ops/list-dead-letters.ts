/**
 * The dead-letter jobs waiting for an admin, newest first: which queue they failed on, when, after how
 * many attempts, why, and a redacted preview of the payload. Nothing consumes a dead-letter queue, so
 * its jobs stay `created` until retried or deleted by retention (14 days, worker/queues.ts). One
 * index range per dead-letter queue on pg-boss's (name, created_on) index.
 */
import { pool } from "~/server/db";
import { BOSS_JOB_TABLE, BOSS_QUEUE_TABLE } from "./ops-queues";
import { previewError, previewPayload } from "./preview-payload";

const DEAD_LETTERS_LIMIT = 50;

export type DeadLetter = {
  id: string;
  deadLetterQueue: string;
  /** The queue the job failed on, where Retry sends it back. */
  queue: string | null;
  deadLetteredAt: Date;
  attempts: number;
  error: string | null;
  payloadPreview: string;
};

/** The newest `limit`; how many wait in all comes from pg-boss's queue counts, not a count here. */
export async function listDeadLetters({ limit = DEAD_LETTERS_LIMIT }: { limit?: number } = {}): Promise<DeadLetter[]> {
  // The names first, as a parameter: Postgres then reads only the job table's partition that holds the
  // dead-letter queues (they share pg-boss's unpartitioned one). Named by a subquery instead, it would scan
  // every queue's partition: it does not prune on a subquery's result.
  const { rows: queues } = await pool.query<{ names: string[] }>(
    `SELECT coalesce(array_agg(dead_letter), '{}') AS names FROM ${BOSS_QUEUE_TABLE} WHERE dead_letter IS NOT NULL`,
  );
  const { rows } = await pool.query<{
    id: string;
    name: string;
    source_name: string | null;
    created_on: Date;
    source_retry_count: number | null;
    source_output: unknown;
    data: unknown;
  }>(
    `SELECT id, name, source_name, created_on, source_retry_count, source_output, data
       FROM ${BOSS_JOB_TABLE}
      WHERE name = ANY($1::text[]) AND state < 'active'
      ORDER BY created_on DESC
      LIMIT $2`,
    [queues[0]?.names ?? [], limit],
  );
  return rows.map((row) => ({
    id: row.id,
    deadLetterQueue: row.name,
    queue: row.source_name,
    deadLetteredAt: row.created_on,
    attempts: (row.source_retry_count ?? 0) + 1,
    error: previewError(row.source_output),
    payloadPreview: previewPayload(row.data),
  }));
}
