/**
 * A queue's jobs waiting to run (created or retry), counted only up to `cap` so a deep queue stays cheap:
 * how the claiming loops (sync checks, WebSub renewals) stop adding work while enough already waits.
 */
import type { JobContract } from "~/lib/jobs/define-job";
import { BOSS_SCHEMA } from "~/server/boss";
import { db } from "~/server/db";

export async function countWaitingJobs(job: Pick<JobContract, "name">, cap: number): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ count: bigint }[]>(
    `SELECT count(*) AS count FROM (SELECT 1 FROM "${BOSS_SCHEMA}".job WHERE name = $1 AND state < 'active' LIMIT $2) AS waiting`,
    job.name,
    cap,
  );
  return Number(rows[0]?.count ?? 0);
}
