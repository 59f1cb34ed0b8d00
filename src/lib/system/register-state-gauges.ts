/**
 * The gauges that describe shared state rather than this process's work: queue depths and dead letters
 * (pg-boss's own per-queue counts, kept by its monitor — one small read, never a scan of the job table),
 * today's project quota (one primary-key lookup) and sync lag (an index probe on Channel.nextCheckAt).
 * They are read when Prometheus scrapes, so the web process and every worker report the same figures;
 * alert rules take `max` across instances.
 */
import type { PgBoss } from "pg-boss";
import { JOB_CONTRACTS } from "~/lib/jobs/registry";
import { quotaDayDate } from "~/lib/quota/next-reset";
import { configuredQuotaLimits, PROJECT_QUOTA_SCOPE } from "~/lib/quota/reserve-quota";
import { measureSyncLagSeconds } from "~/lib/sync/schedule-due";
import { db } from "~/server/db";
import { metrics, onScrape } from "~/server/metrics";

const DEAD_LETTER_OF = new Map<string, string>(JOB_CONTRACTS.map((contract) => [contract.deadLetter, contract.name]));

async function refreshQueueGauges(boss: PgBoss): Promise<void> {
  const queues = await boss.getQueues();
  metrics.jobQueueDepth.reset();
  metrics.jobDeadLetters.reset();
  for (const queue of queues) {
    const deadLetterOf = DEAD_LETTER_OF.get(queue.name);
    if (deadLetterOf) {
      // Nothing consumes a dead-letter queue: everything in it that is not completed waits for an operator.
      metrics.jobDeadLetters.set({ queue: deadLetterOf }, queue.queuedCount + queue.activeCount);
      continue;
    }
    metrics.jobQueueDepth.set({ queue: queue.name, state: "ready" }, queue.readyCount);
    metrics.jobQueueDepth.set({ queue: queue.name, state: "deferred" }, queue.deferredCount);
    metrics.jobQueueDepth.set({ queue: queue.name, state: "active" }, queue.activeCount);
  }
}

async function refreshQuotaGauges(): Promise<void> {
  const now = new Date();
  const limits = configuredQuotaLimits();
  const row = await db.quotaDay.findUnique({
    where: { day_scope: { day: quotaDayDate(now), scope: PROJECT_QUOTA_SCOPE } },
    select: { used: true, exhaustedUntil: true },
  });
  const used = row?.used ?? 0;
  metrics.youtubeQuotaUnitsUsed.set({ scope: "project" }, used);
  metrics.youtubeQuotaUnitsLimit.set({ scope: "project" }, limits.projectDaily);
  metrics.youtubeQuotaUnitsLimit.set({ scope: "background" }, Math.floor(limits.projectDaily * limits.backgroundShare));
  const isMarked = row?.exhaustedUntil != null && row.exhaustedUntil > now;
  metrics.youtubeQuotaExhausted.set(isMarked || used >= limits.projectDaily ? 1 : 0);
}

/** Registers the scrape-time reads for this process; `getBoss` is the process's pg-boss client. */
export function registerStateGauges({ getBoss }: { getBoss: () => Promise<PgBoss> }): void {
  onScrape("queues", async () => refreshQueueGauges(await getBoss()));
  onScrape("quota", refreshQuotaGauges);
  onScrape("sync_lag", async () => metrics.syncLagSeconds.set(await measureSyncLagSeconds()));
}
