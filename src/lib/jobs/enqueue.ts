/**
 * The one way to put a job on a queue: the payload is checked against its contract before it is sent,
 * so a bad payload is a caller bug caught at the call site, not a dead letter later.
 */
import type { InsertOptions, JobInsert, RedriveOptions, SendOptions } from "pg-boss";
import type { JobContract, JobInput, JobPayload, JobSchema } from "~/lib/jobs/define-job";

/**
 * What use cases need of pg-boss, and all they are given: a worker's or the web's PgBoss, the web's lazy
 * sender (ctx.jobs in tRPC procedures) or a test's fake.
 */
export type JobSender = {
  send(name: string, data: object, options: SendOptions): Promise<string | null>;
  insert(name: string, jobs: JobInsert[], options?: InsertOptions): Promise<string[] | null>;
  /** Moves dead-letter jobs back to the queue they failed on (an admin's Retry on /ops). */
  redrive(name: string, options?: RedriveOptions): Promise<number>;
};

/**
 * A sender that starts the real one (`start`, cached by the caller) on first use, so a request that
 * enqueues nothing never waits for pg-boss.
 */
export function lazyJobSender(start: () => Promise<JobSender>): JobSender {
  return {
    send: async (name, data, options) => (await start()).send(name, data, options),
    insert: async (name, jobs, options) => (await start()).insert(name, jobs, options),
    redrive: async (name, options) => (await start()).redrive(name, options),
  };
}

/** The payload checked against its contract: what pg-boss stores as the job's data. */
function checked(schema: JobSchema, payload: unknown): object {
  return schema.parse(payload);
}

function send(boss: JobSender, job: JobContract, payload: unknown, options: SendOptions): Promise<string | null> {
  return boss.send(job.name, checked(job.schema, payload), { ...job.defaults, ...options });
}

export async function enqueue<Job extends JobContract>(
  boss: JobSender,
  job: Job,
  payload: JobInput<Job>,
  options: SendOptions = {},
): Promise<string | null> {
  return send(boss, job, payload, options);
}

/** Puts a job that already ran back on its queue with its parsed payload (the worker's reschedule). */
export async function requeue<Job extends JobContract>(
  boss: JobSender,
  job: Job,
  payload: JobPayload<Job>,
  options: SendOptions,
): Promise<string | null> {
  return send(boss, job, payload, options);
}

/** Many jobs of one kind in a single INSERT (pg-boss `insert`), each payload checked first. */
export async function enqueueMany<Job extends JobContract>(
  boss: JobSender,
  job: Job,
  payloads: readonly JobInput<Job>[],
  options: {
    priority?: number;
    /** Per-job singleton key; on a policy queue a job whose key is taken is skipped (ON CONFLICT DO NOTHING). */
    singletonKeyOf?: (payload: JobInput<Job>) => string;
  } & InsertOptions = {},
): Promise<void> {
  if (payloads.length === 0) return;
  const { priority, singletonKeyOf, ...insertOptions } = options;
  await boss.insert(
    job.name,
    payloads.map((payload) => ({
      data: checked(job.schema, payload),
      ...job.defaults,
      deadLetter: job.deadLetter,
      ...(priority === undefined ? {} : { priority }),
      ...(singletonKeyOf ? { singletonKey: singletonKeyOf(payload) } : {}),
    })),
    insertOptions,
  );
}
