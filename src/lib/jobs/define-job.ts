/**
 * A job contract: its name (`domain.verb-noun`), its payload schema, its send defaults and its queue's
 * policy and retention. Contracts are shared by the web (which enqueues) and the worker (which handles and,
 * at `db:migrate`, declares the queues: worker/queues.ts applies `queue` as written here); handlers live in
 * worker/handlers. Payloads carry ids only, never rows or tokens, and grow only by optional fields.
 */
import type { QueuePolicy, SendOptions } from "pg-boss";
import type { z } from "zod";

export type JobDefaults = Pick<
  SendOptions,
  "retryLimit" | "retryDelay" | "retryBackoff" | "retryDelayMax" | "expireInSeconds" | "priority" | "heartbeatSeconds"
>;

/**
 * For jobs that run long enough to matter when their worker dies (SIGKILL, OOM, a lost host): without a
 * heartbeat pg-boss hands such a job to another worker only after its whole expiry (2–3 min for imports);
 * with one, within this plus the supervision interval (fault/worker-crash.fault.test.ts). pg-boss's minimum.
 */
export const JOB_HEARTBEAT_S = 10;

/** Queue-level settings, the same on every worker: pg-boss keeps them on the queue's row. */
export type JobQueueSettings = {
  readonly policy: QueuePolicy;
  /** Wake a worker by NOTIFY when a job is queued, instead of at its next poll (interactive work). */
  readonly notify?: boolean;
  /**
   * Completed jobs are deleted after this long (pg-boss's maintenance, every MAINTENANCE_INTERVAL_SECONDS in
   * src/server/boss.ts); short keeps the job table small at volume. The product's history lives in its own
   * tables (ImportRun, SyncRun), not in pg-boss.
   */
  readonly deleteAfterSeconds: number;
};

/**
 * A scheduled job's queue: one run at a time across the fleet (pg-boss's `exclusive` policy), so a cron tick
 * that finds one queued or running is dropped.
 */
export function oneRunAtATime(deleteAfterSeconds: number): JobQueueSettings {
  return { policy: "exclusive", deleteAfterSeconds };
}

/** Every payload is a zod object: what pg-boss stores as the job's JSON data. */
export type JobSchema = z.ZodType<object>;

export type JobContract<Name extends string = string, Schema extends JobSchema = JobSchema> = {
  readonly name: Name;
  readonly schema: Schema;
  readonly defaults: JobDefaults;
  readonly queue: JobQueueSettings;
  /** Name of the queue that receives this job's payloads once it fails for good. */
  readonly deadLetter: `${Name}.dead-letter`;
};

export function defineJob<const Name extends string, Schema extends JobSchema>(definition: {
  name: Name;
  schema: Schema;
  defaults: JobDefaults;
  queue: JobQueueSettings;
}): JobContract<Name, Schema> {
  return { ...definition, deadLetter: `${definition.name}.dead-letter` };
}

export type JobPayload<Job extends JobContract> = z.output<Job["schema"]>;
export type JobInput<Job extends JobContract> = z.input<Job["schema"]>;
