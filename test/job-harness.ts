/**
 * Runs queued jobs inside a test, the way the worker would, without a worker loop: fetch from the real
 * pg-boss queue, run the real handler with a real job context, complete. Lets integration tests follow
 * job chains (a channel import's pages) step by step and assert in between.
 */
import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import pino from "pino";
import type { JobContract } from "~/lib/jobs/define-job";
import { createBoss } from "~/server/boss";
import type { JobContext, JobHandler } from "../worker/lib/run-job";
import { testDatabaseUrl } from "./test-db-url";

let boss: Promise<PgBoss> | undefined;

export function testBoss(): Promise<PgBoss> {
  boss ??= (async () => {
    const instance = createBoss({ role: "sender", connectionString: testDatabaseUrl(), max: 2 });
    await instance.start();
    return instance;
  })();
  return boss;
}

export async function jobContext(): Promise<JobContext> {
  return {
    jobId: randomUUID(),
    retryCount: 0,
    signal: new AbortController().signal,
    logger: pino({ level: "silent" }),
    boss: await testBoss(),
  };
}

/** Runs every queued job of `job` (including ones the handler enqueues) until the queue is empty. */
export async function drainJobs<Contract extends JobContract>(
  job: Contract,
  handler: JobHandler<Contract>,
  options: { max?: number } = {},
) {
  const instance = await testBoss();
  const results: unknown[] = [];
  for (let count = 0; count < (options.max ?? 200); count += 1) {
    const [next] = await instance.fetch(job.name, { batchSize: 1 });
    if (!next) return results;
    try {
      results.push(await handler(job.schema.parse(next.data) as Parameters<typeof handler>[0], await jobContext()));
      await instance.complete(job.name, next.id);
    } catch (error) {
      await instance.fail(job.name, next.id, { message: String(error) });
      throw error;
    }
  }
  throw new Error(`${job.name}: still jobs after ${options.max ?? 200} runs`);
}
