/**
 * Stores one minute of /ops history: per queue pg-boss's counts plus the jobs completed since the
 * previous sample and their p50/p95, and app-wide the quota spent and the sync lag. Keyed by the minute,
 * so a retried or doubled run rewrites the same row instead of adding one. Samples older than
 * OPS_SAMPLE_RETENTION_HOURS (a minute's rows for ~20 queues make that about 60,000 small rows) are
 * deleted by retention.prune (src/lib/retention/policies.ts). Called only by the `ops.sample` job.
 */
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";
import { measureJobDurations, OPS_WINDOW_MS } from "./measure-job-durations";
import { readProjectQuota, readQueueCounts, readSyncLag } from "./read-ops-figures";

const MINUTE_MS = 60_000;

export type OpsSampleResult = { sampledAt: Date; queues: number };

export function sampleMinute(now: Date): Date {
  return new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
}

export async function recordOpsSample({
  logger,
  now = new Date(),
}: {
  logger: Logger;
  now?: Date;
}): Promise<OpsSampleResult> {
  const sampledAt = sampleMinute(now);
  const previous = await db.opsSample.findFirst({
    where: { sampledAt: { lt: sampledAt } },
    orderBy: { sampledAt: "desc" },
    select: { sampledAt: true },
  });
  // From the previous sample, so the samples and the page's live read (from the last sample on) cover /ops's
  // window without a gap: a sample that started later after a pause would drop jobs the page had counted.
  const since = new Date(Math.max(previous?.sampledAt.getTime() ?? 0, sampledAt.getTime() - OPS_WINDOW_MS));

  const [queues, lag, quota] = await Promise.all([readQueueCounts(), readSyncLag(), readProjectQuota(now)]);
  const durations = await measureJobDurations({ queues: queues.map((queue) => queue.name), since, until: sampledAt });
  const durationsByQueue = new Map(durations.map((duration) => [duration.queue, duration]));

  const figures = {
    quotaUsed: quota.used,
    quotaLimit: quota.limit,
    syncLagSeconds: lag.syncLagSeconds,
    dueChannels: lag.dueChannels,
  };
  await db.$transaction([
    db.opsSample.upsert({ where: { sampledAt }, create: { sampledAt, ...figures }, update: figures }),
    db.opsQueueSample.deleteMany({ where: { sampledAt } }),
    db.opsQueueSample.createMany({
      data: queues.map((queue) => {
        const duration = durationsByQueue.get(queue.name);
        return {
          sampledAt,
          queue: queue.name,
          ready: queue.ready,
          deferred: queue.deferred,
          active: queue.active,
          failed: queue.failed,
          completed: duration?.completed ?? 0,
          p50Ms: duration?.p50Ms ?? null,
          p95Ms: duration?.p95Ms ?? null,
        };
      }),
    }),
  ]);
  logger.debug({ sampledAt, queues: queues.length }, "ops.sampled");
  return { sampledAt, queues: queues.length };
}
