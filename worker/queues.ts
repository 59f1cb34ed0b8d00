/**
 * The only file that creates or updates pg-boss queues. Each contract gets its queue and a dead-letter
 * queue, with the policy, NOTIFY and retention its contract sets (`queue` in src/lib/jobs/<name>.job.ts) and
 * its send defaults; how a worker consumes a queue is set beside its handler (worker/handlers/index.ts).
 * `createQueue` on an existing queue changes nothing (first creator wins), so existing queues
 * are brought up to date with `updateQueue`. `policy` and `partition` cannot change in place: such a queue
 * is re-created at `db:migrate`, its waiting and running jobs copied out first and put back after.
 *
 * Every queue has its own table (`partition`): a busy queue's inserts, fetches and deletions touch only its
 * own table and indexes, and maintenance drops nothing but its own rows.
 */
import type { PgBoss } from "pg-boss";
import { BOSS_SCHEMA } from "~/server/boss";
import type { JobContract } from "~/lib/jobs/define-job";

/** Dead letters are kept two weeks so /ops can show and retry them. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

type QueueOptions = NonNullable<Parameters<PgBoss["createQueue"]>[1]>;

async function upsertQueue(boss: PgBoss, name: string, options: QueueOptions) {
  const existing = await boss.getQueue(name);
  if (!existing) {
    await boss.createQueue(name, options);
    return;
  }
  if (
    (options.partition ?? false) !== (existing.partition ?? false) ||
    (options.policy ?? "standard") !== (existing.policy ?? "standard")
  ) {
    await recreateQueue(boss, name, options);
    return;
  }
  const { policy: _policy, partition: _partition, ...updatable } = options;
  await boss.updateQueue(name, updatable);
}

/**
 * Re-creates a queue whose table or policy changed: its queued, retrying and running jobs are read out,
 * the queue is dropped and created anew, and the jobs go back as they were (running ones as retries, so
 * another worker takes them). Run by `db:migrate` before workers start; a second run finds nothing to do.
 */
async function recreateQueue(boss: PgBoss, name: string, options: QueueOptions) {
  const db = boss.getDb();
  const { rows } = await db.executeSql(
    `SELECT coalesce(jsonb_agg(to_jsonb(j)), '[]'::jsonb) AS "jobs" FROM ${BOSS_SCHEMA}.job AS j WHERE j.name = $1 AND j.state IN ('created', 'retry', 'active')`,
    [name],
  );
  const jobs = JSON.stringify((rows[0] as { jobs: unknown[] } | undefined)?.jobs ?? []);
  await boss.deleteQueue(name);
  await boss.createQueue(name, options);
  await db.executeSql(
    `INSERT INTO ${BOSS_SCHEMA}.job
     SELECT (jsonb_populate_record(NULL::${BOSS_SCHEMA}.job, j || CASE WHEN j->>'state' = 'active' THEN '{"state": "retry", "started_on": null}'::jsonb ELSE '{}'::jsonb END)).*
       FROM jsonb_array_elements($1::jsonb) AS j`,
    [jobs],
  );
}

async function declareQueue(boss: PgBoss, contract: JobContract) {
  await upsertQueue(boss, contract.deadLetter, {
    policy: "standard",
    retentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
    deleteAfterSeconds: DEAD_LETTER_RETENTION_SECONDS,
  });
  const { retryLimit, retryDelay, retryBackoff, expireInSeconds, heartbeatSeconds } = contract.defaults;
  // pg-boss validates every key it is given, undefined included: pass only what the contract sets.
  const defaults = Object.fromEntries(
    Object.entries({ retryLimit, retryDelay, retryBackoff, expireInSeconds, heartbeatSeconds }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  await upsertQueue(boss, contract.name, {
    policy: contract.queue.policy,
    partition: true,
    notify: contract.queue.notify ?? false,
    deadLetter: contract.deadLetter,
    deleteAfterSeconds: contract.queue.deleteAfterSeconds,
    ...defaults,
  });
}

/**
 * Queues earlier versions declared and nothing handles any more, removed with their cron schedules and
 * dead-letter queues: v1 made a job of every channel check (sync engine v2 claims ChannelSchedule rows
 * instead, which already hold every due time, so their waiting jobs carry nothing to keep); the daily
 * sync.prune-runs became retention.prune (its payload was empty; the new cron runs within 10 minutes).
 */
export const RETIRED_QUEUES = ["sync.check-channel", "sync.schedule-due", "sync.prune-runs"] as const;

async function retireQueues(boss: PgBoss) {
  for (const name of RETIRED_QUEUES) {
    await boss.unschedule(name);
    await boss.deleteQueue(name);
    await boss.deleteQueue(`${name}.dead-letter`);
  }
}

/** Declares each contract's queues (the worker passes every job's: JOB_CONTRACTS in worker/handlers/index.ts). */
export async function declareQueues(boss: PgBoss, contracts: readonly JobContract[]): Promise<void> {
  for (const contract of contracts) {
    await declareQueue(boss, contract);
  }
  await retireQueues(boss);
}
