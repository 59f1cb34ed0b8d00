/**
 * Everything the admin's /ops page shows, in one read: pg-boss's queue counts now, the minute samples
 * the `ops.sample` job stored (queue depth, job p50/p95, sync lag, quota) with the present appended as
 * each chart's last point, the quota projection to the Pacific-midnight reset, breaker states, the
 * dead-letter jobs, the recent failures and Google's recent refusals of Showreel's configuration. Every part is a bounded, index-backed read (see each
 * module), so the page can poll it every few seconds.
 */
import { db } from "~/server/db";
import { listBreakerStates, type BreakerRow } from "./list-breaker-states";
import { listDeadLetters, type DeadLetter } from "./list-dead-letters";
import { listRecentFailures, type RecentFailure } from "./list-recent-failures";
import { measureJobDurations, OPS_WINDOW_MS, type QueueDurations } from "./measure-job-durations";
import { deadLetterOwners, workQueuesOf } from "./ops-queues";
import { projectQuota, type QuotaProjection } from "./project-quota";
import {
  readConfigErrors,
  readProjectQuota,
  readQueueCounts,
  readSyncLag,
  type ConfigErrorSeen,
  type QueueCounts,
} from "./read-ops-figures";

/** A chart point: epoch milliseconds and a value. */
export type ChartPoint = readonly [at: number, value: number];

export type QueueHistory = {
  queue: string;
  /** Ready + running jobs at each sample. */
  depth: ChartPoint[];
  p50Ms: ChartPoint[];
  p95Ms: ChartPoint[];
  /** Jobs completed over the window (each sample counts at most DURATION_SAMPLE_LIMIT). */
  completed: number;
};

export type OpsOverview = {
  readAt: Date;
  windowStart: Date;
  queues: (QueueCounts & { isDeadLetter: boolean })[];
  queueHistory: QueueHistory[];
  syncLag: { seconds: number; dueChannels: number; history: ChartPoint[] };
  quota: QuotaProjection & { history: ChartPoint[] };
  breakers: BreakerRow[];
  deadLetters: { items: DeadLetter[]; total: number };
  recentFailures: RecentFailure[];
  /** Google refused Showreel's API key or project recently: only an operator can fix it. */
  configErrors: ConfigErrorSeen[];
};

type QueueSampleRow = {
  sampledAt: Date;
  queue: string;
  ready: number;
  active: number;
  completed: number;
  p50Ms: number | null;
  p95Ms: number | null;
};

/** One work queue's charts: its stored minute samples, with the present (`at`) as each chart's last point. */
function queueHistoryOf(
  queue: string,
  {
    queueSamples,
    queues,
    liveDurations,
    at,
  }: {
    queueSamples: QueueSampleRow[];
    queues: QueueCounts[];
    liveDurations: QueueDurations[];
    at: number;
  },
): QueueHistory {
  const rows = queueSamples.filter((row) => row.queue === queue);
  const current = queues.find((counts) => counts.name === queue);
  const live = liveDurations.find((durations) => durations.queue === queue);
  const timed = (pick: (row: QueueSampleRow) => number | null, liveValue: number | null | undefined): ChartPoint[] => {
    const points: ChartPoint[] = [];
    for (const row of rows) {
      const value = pick(row);
      if (value !== null) points.push([row.sampledAt.getTime(), value]);
    }
    if (liveValue != null) points.push([at, liveValue]);
    return points;
  };
  return {
    queue,
    depth: timed((row) => row.ready + row.active, current ? current.ready + current.active : null),
    p50Ms: timed((row) => row.p50Ms, live?.p50Ms),
    p95Ms: timed((row) => row.p95Ms, live?.p95Ms),
    completed: rows.reduce((sum, row) => sum + row.completed, 0) + (live?.completed ?? 0),
  };
}

export async function getOpsOverview({ now = new Date() }: { now?: Date } = {}): Promise<OpsOverview> {
  const windowStart = new Date(now.getTime() - OPS_WINDOW_MS);
  const [queues, lag, quotaNow, deadLetters, recentFailures, breakers, configErrors, lastSample] = await Promise.all([
    readQueueCounts(),
    readSyncLag(),
    readProjectQuota(now),
    listDeadLetters(),
    listRecentFailures({ now }),
    listBreakerStates({ now }),
    readConfigErrors(now),
    db.opsSample.findFirst({ orderBy: { sampledAt: "desc" }, select: { sampledAt: true } }),
  ]);
  const quota = projectQuota({ used: quotaNow.used, limit: quotaNow.limit, now });
  const historyStart = new Date(Math.min(windowStart.getTime(), quota.dayStart.getTime()));
  // The jobs no sample has counted yet: since the last sample, or the whole window when none is in it (the
  // sampler has not run yet, or was down), so "completed in the last hour" never drops as samples land.
  const liveSince = lastSample && lastSample.sampledAt > windowStart ? lastSample.sampledAt : windowStart;
  const workQueues = workQueuesOf(queues);
  const deadLetterOf = deadLetterOwners(queues);
  const [samples, queueSamples, liveDurations] = await Promise.all([
    db.opsSample.findMany({
      where: { sampledAt: { gte: historyStart, lte: now } },
      orderBy: { sampledAt: "asc" },
      select: { sampledAt: true, quotaUsed: true, syncLagSeconds: true },
    }),
    db.opsQueueSample.findMany({
      where: { sampledAt: { gte: windowStart, lte: now }, queue: { in: workQueues } },
      orderBy: { sampledAt: "asc" },
      select: { sampledAt: true, queue: true, ready: true, active: true, completed: true, p50Ms: true, p95Ms: true },
    }),
    measureJobDurations({ queues: workQueues, since: liveSince, until: now }),
  ]);

  const at = now.getTime();
  const queueHistory = workQueues.map((queue) => queueHistoryOf(queue, { queueSamples, queues, liveDurations, at }));

  const lagHistory: ChartPoint[] = samples
    .filter((sample) => sample.sampledAt >= windowStart)
    .map((sample) => [sample.sampledAt.getTime(), sample.syncLagSeconds] as const);
  lagHistory.push([at, lag.syncLagSeconds]);
  const quotaHistory: ChartPoint[] = samples
    .filter((sample) => sample.sampledAt >= quota.dayStart)
    .map((sample) => [sample.sampledAt.getTime(), sample.quotaUsed] as const);
  quotaHistory.push([at, quota.used]);

  return {
    readAt: now,
    windowStart,
    queues: queues.map((counts) => ({ ...counts, isDeadLetter: deadLetterOf.has(counts.name) })),
    queueHistory,
    syncLag: { seconds: lag.syncLagSeconds, dueChannels: lag.dueChannels, history: lagHistory },
    quota: { ...quota, history: quotaHistory },
    breakers,
    deadLetters: {
      items: deadLetters,
      // pg-boss's counts lag by up to a monitor pass; never say fewer than the list shows.
      total: Math.max(
        deadLetters.length,
        queues
          .filter((counts) => deadLetterOf.has(counts.name))
          .reduce((sum, counts) => sum + counts.ready + counts.deferred, 0),
      ),
    },
    recentFailures,
    configErrors,
  };
}
