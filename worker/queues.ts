/**
 * The only file that creates or updates pg-boss queues. Each contract gets its queue and a dead-letter
 * queue; settings here are the queue-level policy (retention, policy, own table) plus how this worker
 * consumes it. `createQueue` on an existing queue changes nothing (first creator wins), so existing queues
 * are brought up to date with `updateQueue`. `policy` and `partition` cannot change in place: such a queue
 * is re-created at `db:migrate`, its waiting and running jobs copied out first and put back after.
 *
 * Every queue has its own table (`partition`): a busy queue's inserts, fetches and deletions touch only its
 * own table and indexes, and maintenance drops nothing but its own rows. Completed jobs are kept briefly
 * (pg-boss deletes them at maintenance, every MAINTENANCE_INTERVAL_SECONDS in src/server/boss.ts): the
 * product's history lives in its own tables (ImportRun, SyncRun), not in pg-boss.
 */
import type { PgBoss, QueuePolicy, WorkOptions } from "pg-boss";
import { BOSS_SCHEMA } from "~/server/boss";
import type { JobContract } from "~/lib/jobs/define-job";
import { JOB_CONTRACTS, type JobName } from "~/lib/jobs/registry";

type QueueSettings = {
  readonly policy: QueuePolicy;
  /** Wake a worker by NOTIFY when a job is queued, instead of at its next poll (interactive work). */
  readonly notify?: boolean;
  /** Completed jobs are deleted after this long; short keeps the job table small at volume. */
  readonly deleteAfterSeconds: number;
  /** How this worker process consumes the queue. */
  readonly work: Pick<WorkOptions, "batchSize" | "localConcurrency" | "pollingIntervalSeconds">;
  /** Run a fetched batch's jobs at once instead of one after another (jobs that mostly wait on I/O). */
  readonly parallelBatch?: boolean;
};

/** Dead letters are kept two weeks so /ops can show and retry them. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** Import batches one worker runs at once: each waits on one videos.list call, so a few overlap well. */
export const IMPORT_VIDEOS_CONCURRENCY = 4;

/** Channel pages one worker runs at once; each page is two short calls. */
export const IMPORT_CHANNEL_PAGE_CONCURRENCY = 2;

/** AI calls one worker makes at once; the global per-minute cap is AI_RATE_PER_MINUTE. */
export const ANALYZE_PROJECT_CONCURRENCY = 2;

export const QUEUE_SETTINGS: Record<JobName, QueueSettings> = {
  "sync.enrich": {
    // At most one run queued and one running across the fleet: engines kick it freely.
    policy: "stately",
    notify: true,
    deleteAfterSeconds: 15 * 60,
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 2 },
  },
  "retention.prune": {
    // One run at a time across the fleet; a tick that finds one queued or running is dropped.
    policy: "exclusive",
    deleteAfterSeconds: 60 * 60,
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 30 },
  },
  "websub.subscribe": {
    policy: "exclusive",
    // One job per renewal, ~10,400 an hour at 1M channels: completed ones go after 15 minutes.
    deleteAfterSeconds: 15 * 60,
    work: { batchSize: 8, localConcurrency: 1, pollingIntervalSeconds: 2 },
    parallelBatch: true,
  },
  "websub.renew": {
    // One run at a time across the fleet; a tick that finds one queued or running is dropped.
    policy: "exclusive",
    deleteAfterSeconds: 60 * 60,
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 30 },
  },
  "ai.analyze-project": {
    // One per new project (~0.2 a day per followed channel): the busiest queue at scale.
    policy: "standard",
    notify: true,
    deleteAfterSeconds: 60 * 60,
    work: { batchSize: 1, localConcurrency: ANALYZE_PROJECT_CONCURRENCY, pollingIntervalSeconds: 2 },
  },
  "youtube.import-channel-page": {
    policy: "standard",
    notify: true,
    deleteAfterSeconds: 60 * 60,
    work: { batchSize: 1, localConcurrency: IMPORT_CHANNEL_PAGE_CONCURRENCY, pollingIntervalSeconds: 1 },
  },
  "youtube.import-videos": {
    policy: "standard",
    notify: true,
    deleteAfterSeconds: 60 * 60,
    work: { batchSize: 1, localConcurrency: IMPORT_VIDEOS_CONCURRENCY, pollingIntervalSeconds: 1 },
  },
  "ops.sample": {
    // One sampler at a time across the fleet; a tick that finds one queued or running is dropped.
    policy: "exclusive",
    deleteAfterSeconds: 15 * 60,
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 5 },
  },
  "projects.refresh": {
    // One run at a time across the fleet; a tick that finds one queued or running is dropped.
    policy: "exclusive",
    deleteAfterSeconds: 60 * 60,
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 30 },
  },
  "account.purge": {
    policy: "standard",
    deleteAfterSeconds: 24 * 60 * 60,
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 5 },
  },
  "data-export.build": {
    // One file at a time per worker: each holds a chunk (≤ DATA_EXPORT_CHUNK_BYTES) and a page of projects.
    policy: "standard",
    notify: true,
    deleteAfterSeconds: 60 * 60,
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 2 },
  },
  "data-export.prune": {
    policy: "exclusive",
    deleteAfterSeconds: 24 * 60 * 60,
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 30 },
  },
  "google.revoke-grant": {
    // Only revokes whose first call failed; each job holds a sealed token, so completed ones go quickly.
    policy: "standard",
    deleteAfterSeconds: 15 * 60,
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 5 },
  },
  "system.ping": {
    policy: "standard",
    notify: true,
    deleteAfterSeconds: 60 * 60,
    work: { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 2 },
  },
};

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

async function declareQueue(boss: PgBoss, contract: JobContract, settings: QueueSettings) {
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
    policy: settings.policy,
    partition: true,
    notify: settings.notify ?? false,
    deadLetter: contract.deadLetter,
    deleteAfterSeconds: settings.deleteAfterSeconds,
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

export async function declareQueues(boss: PgBoss): Promise<void> {
  for (const contract of JOB_CONTRACTS) {
    await declareQueue(boss, contract, QUEUE_SETTINGS[contract.name]);
  }
  await retireQueues(boss);
}
