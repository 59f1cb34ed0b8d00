/**
 * The gauges that describe shared state rather than this process's work: queue depths and dead letters
 * (pg-boss's own per-queue counts, kept by its monitor — one small read, never a scan of the job table),
 * today's project quota (one primary-key lookup), sync lag (an index probe on ChannelSchedule.nextCheckAt) and the
 * oldest project's YouTube data (an index probe on Project.youtubeDataAt).
 * They are read when Prometheus scrapes, through the same reads as the /ops page (src/lib/ops/read-ops-figures.ts),
 * so the web process, every worker and /ops report the same figures; alert rules take `max` across instances.
 */
import { deadLetterOwners } from "~/lib/ops/ops-queues";
import { readProjectQuota, readQueueCounts } from "~/lib/ops/read-ops-figures";
import { configuredQuotaLimits } from "~/lib/quota/reserve-quota";
import { measureOldestYouTubeDataSeconds } from "~/lib/projects/measure-oldest-youtube-data";
import { measureSyncLagSeconds } from "~/lib/sync/channel-schedule";
import { metrics, onScrape } from "~/server/metrics";

async function refreshQueueGauges(): Promise<void> {
  const queues = await readQueueCounts();
  const deadLetterOf = deadLetterOwners(queues);
  metrics.jobQueueDepth.reset();
  metrics.jobDeadLetters.reset();
  for (const queue of queues) {
    const owner = deadLetterOf.get(queue.name);
    if (owner) {
      // Nothing consumes a dead-letter queue: everything in it that is not completed waits for an operator.
      metrics.jobDeadLetters.set({ queue: owner }, queue.queued + queue.active);
      continue;
    }
    metrics.jobQueueDepth.set({ queue: queue.name, state: "ready" }, queue.ready);
    metrics.jobQueueDepth.set({ queue: queue.name, state: "deferred" }, queue.deferred);
    metrics.jobQueueDepth.set({ queue: queue.name, state: "active" }, queue.active);
  }
}

async function refreshQuotaGauges(): Promise<void> {
  const now = new Date();
  const { used, limit, exhaustedUntil } = await readProjectQuota(now);
  metrics.youtubeQuotaUnitsUsed.set({ scope: "project" }, used);
  metrics.youtubeQuotaUnitsLimit.set({ scope: "project" }, limit);
  metrics.youtubeQuotaUnitsLimit.set(
    { scope: "background" },
    Math.floor(limit * configuredQuotaLimits().backgroundShare),
  );
  const isMarked = exhaustedUntil != null && exhaustedUntil > now;
  metrics.youtubeQuotaExhausted.set(isMarked || used >= limit ? 1 : 0);
}

/** Registers the scrape-time reads for this process (web or worker). */
export function registerStateGauges(): void {
  onScrape("queues", refreshQueueGauges);
  onScrape("quota", refreshQuotaGauges);
  onScrape("sync_lag", async () => metrics.syncLagSeconds.set(await measureSyncLagSeconds()));
  onScrape("youtube_data", async () =>
    metrics.youtubeDataOldestAgeSeconds.set(await measureOldestYouTubeDataSeconds()),
  );
}
