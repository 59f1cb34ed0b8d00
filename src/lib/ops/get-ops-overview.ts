/**
 * What the /ops page shows an admin: each job queue's counts from pg-boss's own queue table (kept by its
 * monitor, so reading it costs one small query, not a scan of the job table) and how far behind the
 * channel scheduler is.
 */
import type { PgBoss } from "pg-boss";
import { db } from "~/server/db";

export type QueueOverview = { name: string; ready: number; deferred: number; active: number; failed: number; total: number };
export type OpsOverview = { queues: QueueOverview[]; syncLagSeconds: number; dueChannels: number; readAt: Date };

export async function getOpsOverview({ boss }: { boss: PgBoss }): Promise<OpsOverview> {
  const [queues, [lag]] = await Promise.all([
    boss.getQueues(),
    db.$queryRaw<{ lagSeconds: number | null; due: number }[]>`
      SELECT extract(epoch FROM now() - min("nextCheckAt"))::float8 AS "lagSeconds", count(*)::int AS due
        FROM "Channel" WHERE "nextCheckAt" <= now()`,
  ]);
  return {
    queues: queues
      .map((queue) => ({
        name: queue.name,
        ready: queue.readyCount,
        deferred: queue.deferredCount,
        active: queue.activeCount,
        failed: queue.failedCount,
        total: queue.totalCount,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    syncLagSeconds: Math.max(0, Math.round(lag?.lagSeconds ?? 0)),
    dueChannels: lag?.due ?? 0,
    readAt: new Date(),
  };
}
