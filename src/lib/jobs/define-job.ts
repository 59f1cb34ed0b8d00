/**
 * A job contract: its name (`domain.verb-noun`), its payload schema and its send defaults. Contracts
 * are shared by the web (which enqueues) and the worker (which handles); handlers live in
 * worker/handlers. Payloads carry ids only, never rows or tokens, and grow only by optional fields.
 */
import type { SendOptions } from "pg-boss";
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

export type JobContract<Name extends string = string, Schema extends z.ZodType = z.ZodType> = {
  readonly name: Name;
  readonly schema: Schema;
  readonly defaults: JobDefaults;
  /** Name of the queue that receives this job's payloads once it fails for good. */
  readonly deadLetter: `${Name}.dead-letter`;
};

export function defineJob<const Name extends string, Schema extends z.ZodType>(definition: {
  name: Name;
  schema: Schema;
  defaults: JobDefaults;
}): JobContract<Name, Schema> {
  return { ...definition, deadLetter: `${definition.name}.dead-letter` };
}

export type JobPayload<Job extends JobContract> = z.output<Job["schema"]>;
export type JobInput<Job extends JobContract> = z.input<Job["schema"]>;
