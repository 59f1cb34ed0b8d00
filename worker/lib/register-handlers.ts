import type { PgBoss } from "pg-boss";
import type { Logger } from "~/server/logger";
import type { HandlerEntry } from "../handlers";
import { QUEUE_SETTINGS } from "../queues";
import type { JobName } from "~/lib/jobs/registry";
import { createJobRunner } from "./run-job";

export async function registerHandlers(boss: PgBoss, handlers: readonly HandlerEntry[], logger: Logger): Promise<void> {
  for (const { job, handler } of handlers) {
    const { work, parallelBatch = false } = QUEUE_SETTINGS[job.name as JobName];
    const runBatch = createJobRunner({ contract: job, handler, boss, logger, parallel: parallelBatch });
    // A NOTIFY wakes a worker once per insert, however many jobs it carried (an import's AI passes come
    // in one). With pg-boss's default 30 s backstop a worker that finished its job would then sleep 30 s
    // with a backlog waiting, so the backstop is the queue's own poll: NOTIFY only makes the first fetch sooner.
    const notifyPollingIntervalSeconds = work.pollingIntervalSeconds;
    await boss.work(
      job.name,
      { ...work, notifyPollingIntervalSeconds, perJobResults: true, burstWhenBatchFull: true } as const,
      runBatch,
    );
  }
}
