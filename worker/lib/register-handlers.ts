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
    await boss.work(job.name, { ...work, perJobResults: true, burstWhenBatchFull: true } as const, runBatch);
  }
}
