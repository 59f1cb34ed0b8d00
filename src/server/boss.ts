/**
 * pg-boss clients. Three roles share one factory:
 * - `worker`: full instance (maintenance, cron, schema migration) — worker/main.ts;
 * - `sender`: the web process; send-only, never migrates or supervises (docs/house-rules.md R19);
 * - `installer`: scripts/migrate.ts; installs/upgrades the pgboss schema with the app's migrations.
 * Queue declarations live in worker/queues.ts, never here.
 */
import { PgBoss } from "pg-boss";
import { env } from "~/env";
import { logger } from "~/server/logger";
import { processSlot } from "~/server/process-singleton";

export type BossRole = "worker" | "sender" | "installer";

export const BOSS_SCHEMA = "pgboss";
const SUPERVISE_INTERVAL_SECONDS = 10;
export const MONITOR_INTERVAL_SECONDS = 15;
export const MAINTENANCE_INTERVAL_SECONDS = 300;
/**
 * pg-boss's own pool: the worker's polls, supervision and maintenance are short statements, so 3 serve
 * them (plus the one connection LISTEN holds); the web only sends. With DATABASE_POOL_MAX (6) a process
 * holds at most 10 connections.
 */
const BOSS_POOL_MAX = { worker: 3, sender: 4, installer: 2 } as const;

export function createBoss(options: { role: BossRole; connectionString?: string; max?: number }): PgBoss {
  const isWorker = options.role === "worker";
  const boss = new PgBoss({
    connectionString: options.connectionString ?? env.DATABASE_URL,
    schema: BOSS_SCHEMA,
    application_name: `showreel-${options.role}`,
    max: options.max ?? BOSS_POOL_MAX[options.role],
    supervise: isWorker,
    schedule: isWorker,
    migrate: options.role !== "sender",
    useListenNotify: isWorker,
    // Expired and heartbeat-lost jobs (a killed worker's) are found within this; pg-boss's default is 60 s.
    superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    // Queue counts (getQueues, job_queue_depth, /ops) are refreshed this often; pg-boss's default is 60 s.
    monitorIntervalSeconds: MONITOR_INTERVAL_SECONDS,
    // Completed jobs are deleted only when maintenance visits their queue; at pg-boss's default (1 day)
    // a queue's deleteAfterSeconds meant nothing below ~25 hours and the job table grew by the day.
    maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
  });
  boss.on("error", (error) => logger.error({ err: error, role: options.role }, "boss.error"));
  return boss;
}

const sender = processSlot<Promise<PgBoss>>("showreelSender");

/** The web process's send-only client, started once and cached across dev hot reloads. */
export function getSenderBoss(): Promise<PgBoss> {
  const started = sender.get();
  if (started) return started;
  // A failed start is forgotten, so the next call tries again.
  return sender.set(
    startSender().catch((error: unknown) => {
      sender.clear();
      throw error;
    }),
  );
}

async function startSender(): Promise<PgBoss> {
  const boss = createBoss({ role: "sender" });
  await boss.start();
  return boss;
}
