/**
 * The one way to put a job on a queue: the payload is checked against its contract before it is sent,
 * so a bad payload is a caller bug caught at the call site, not a dead letter later.
 */
import type { PgBoss, SendOptions } from "pg-boss";
import type { JobContract, JobInput } from "~/lib/jobs/define-job";

/** Only `send` is needed, so callers can pass a worker's, the web's sender, or a test's fake. */
export type JobSender = Pick<PgBoss, "send">;

export async function enqueue<Job extends JobContract>(
  boss: JobSender,
  job: Job,
  payload: JobInput<Job>,
  options: SendOptions = {},
): Promise<string | null> {
  const data = job.schema.parse(payload) as object;
  return boss.send(job.name, data, { ...job.defaults, ...options });
}
