/**
 * Every job the system knows, as a type. Each contract file (src/lib/jobs/<name>.job.ts) adds its own entry
 * beside its definition, so adding a job edits no list here:
 *
 *   declare module "./registry" {
 *     interface JobRegistry { systemPing: typeof systemPingJob }
 *   }
 *
 * The handler map (worker/handlers/index.ts) must have exactly one entry for each job named here, keyed by the
 * job's name, or the typecheck fails; it is also the runtime list the worker declares queues and registers
 * handlers from. The web never needs that list: /ops and the queue gauges read the queues pg-boss holds.
 */

// An interface, not a type, because each contract file merges its entry into it (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobRegistry {}

/** The contract of every registered job, as a union. */
export type RegisteredJob = JobRegistry[keyof JobRegistry];
