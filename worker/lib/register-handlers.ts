/**
 * Pairs a job contract with its handler and with how a worker consumes its queue, and subscribes each pair
 * to pg-boss. The pairs are listed in worker/handlers/index.ts.
 */
import type { Job, JobResult, PgBoss, WorkOptions } from "pg-boss";
import type { JobContract } from "~/lib/jobs/define-job";
import type { JobSender } from "~/lib/jobs/enqueue";
import type { Logger } from "~/server/logger";
import { createJobRunner, type JobHandler } from "./run-job";

/** How this worker process consumes a queue. */
export type WorkSettings = Pick<WorkOptions, "batchSize" | "localConcurrency" | "pollingIntervalSeconds"> & {
  /** Run a fetched batch's jobs at once instead of one after another (jobs that mostly wait on I/O). */
  readonly parallelBatch?: boolean;
};

export type HandlerEntry<Contract extends JobContract = JobContract> = {
  readonly job: Contract;
  readonly work: WorkSettings;
  /** The batch function pg-boss calls; built by `handle`, which checks the handler against the contract. */
  readonly createRunner: (deps: { boss: JobSender; logger: Logger }) => (jobs: Job<unknown>[]) => Promise<JobResult[]>;
};

export function handle<Contract extends JobContract>(
  job: Contract,
  handler: JobHandler<Contract>,
  work: WorkSettings,
): HandlerEntry<Contract> {
  return {
    job,
    work,
    createRunner: ({ boss, logger }) =>
      createJobRunner({ contract: job, handler, boss, logger, parallel: work.parallelBatch ?? false }),
  };
}

export async function registerHandlers(boss: PgBoss, handlers: readonly HandlerEntry[], logger: Logger): Promise<void> {
  for (const { job, work, createRunner } of handlers) {
    const { parallelBatch: _parallelBatch, ...workOptions } = work;
    // A NOTIFY wakes a worker once per insert, however many jobs it carried (an import's AI passes come
    // in one). With pg-boss's default 30 s backstop a worker that finished its job would then sleep 30 s
    // with a backlog waiting, so the backstop is the queue's own poll: NOTIFY only makes the first fetch sooner.
    const notifyPollingIntervalSeconds = work.pollingIntervalSeconds;
    await boss.work(
      job.name,
      { ...workOptions, notifyPollingIntervalSeconds, perJobResults: true, burstWhenBatchFull: true } as const,
      createRunner({ boss, logger }),
    );
  }
}
