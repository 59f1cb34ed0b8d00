/**
 * The process's Prometheus registry (prom-client). Metrics are created once per process and cached on
 * globalThis, because Next's dev hot reload re-imports modules and prom-client refuses duplicates.
 * Counters and histograms move where things happen; gauges of shared state (queue depth, today's quota,
 * sync lag) are read from Postgres when scraped, by hooks the process registers with `onScrape`, so every
 * process reports the same fleet-wide figure and a process that does no work still reports it.
 * docs/operations.md says what each metric means and which alert watches it.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { processSingleton } from "~/server/process-singleton";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    jobDurationSeconds: new Histogram({
      name: "job_duration_seconds",
      help: "Time a job handler took, by queue and outcome",
      labelNames: ["queue", "outcome"] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    circuitState: new Gauge({
      name: "youtube_circuit_state",
      help: "Circuit breaker state per upstream: 0 closed, 1 half-open, 2 open",
      labelNames: ["upstream"] as const,
      registers: [registry],
    }),
    circuitTransitionsTotal: new Counter({
      name: "youtube_circuit_transitions_total",
      help: "Circuit breaker state changes per upstream and new state",
      labelNames: ["upstream", "state"] as const,
      registers: [registry],
    }),
    syncChecksTotal: new Counter({
      name: "sync_checks_total",
      help: "Channel checks by how the channel was read (feed, playlist, push) and what they found",
      labelNames: ["method", "outcome"] as const,
      registers: [registry],
    }),
    syncLagSeconds: new Gauge({
      name: "sync_lag_seconds",
      help: "How overdue the most overdue followed channel is (now − the oldest due ChannelSchedule.nextCheckAt)",
      registers: [registry],
    }),
    youtubeDataOldestAgeSeconds: new Gauge({
      name: "youtube_data_oldest_age_seconds",
      help: "Age of the oldest project's YouTube data (now − the oldest Project.youtubeDataAt); the policy allows 30 days",
      registers: [registry],
    }),
    syncStaleWritesTotal: new Counter({
      name: "sync_stale_writes_total",
      help: "Check results dropped because their claim had lapsed and another worker had taken the channel",
      registers: [registry],
    }),
    syncEnrichedVideosTotal: new Counter({
      name: "sync_enriched_videos_total",
      help: "Detected video ids looked up by sync.enrich (50 per videos.list unit)",
      registers: [registry],
    }),
    websubPushesTotal: new Counter({
      name: "websub_pushes_total",
      help: "WebSub notifications received, by whether their signature verified",
      labelNames: ["verified"] as const,
      registers: [registry],
    }),
    jobFailuresTotal: new Counter({
      name: "job_failures_total",
      help: "Jobs that did not complete, by queue and reason",
      labelNames: ["queue", "reason"] as const,
      registers: [registry],
    }),
    jobQueueDepth: new Gauge({
      name: "job_queue_depth",
      help: "Jobs in each pg-boss queue by state (ready, deferred, active), from pg-boss's own queue counts",
      labelNames: ["queue", "state"] as const,
      registers: [registry],
    }),
    jobDeadLetters: new Gauge({
      name: "job_dead_letters",
      help: "Jobs waiting in each queue's dead-letter queue (failed for good; see /ops to retry)",
      labelNames: ["queue"] as const,
      registers: [registry],
    }),
    youtubeApiRequestsTotal: new Counter({
      name: "youtube_api_requests_total",
      help: "YouTube calls by method and outcome; circuit_open and quota_refused were refused here and never sent",
      labelNames: ["method", "outcome"] as const,
      registers: [registry],
    }),
    youtubeAuthErrorsTotal: new Counter({
      name: "youtube_auth_errors_total",
      help: "YouTube or Google OAuth refusing a user's grant: 401/403 replies and failed token refreshes",
      labelNames: ["source"] as const,
      registers: [registry],
    }),
    youtubeQuotaUnitsReservedTotal: new Counter({
      name: "youtube_quota_units_reserved_total",
      help: "Data API units this process reserved in the quota ledger, by purpose (Google bills every attempt)",
      labelNames: ["purpose"] as const,
      registers: [registry],
    }),
    youtubeQuotaUnitsUsed: new Gauge({
      name: "youtube_quota_units_used",
      help: "Data API units spent today (Pacific day) by scope, from the quota ledger",
      labelNames: ["scope"] as const,
      registers: [registry],
    }),
    youtubeQuotaUnitsLimit: new Gauge({
      name: "youtube_quota_units_limit",
      help: "Today's budget by scope: project is Google's daily quota, background where sync stops",
      labelNames: ["scope"] as const,
      registers: [registry],
    }),
    youtubeQuotaExhausted: new Gauge({
      name: "youtube_quota_exhausted",
      help: "1 while YouTube calls are refused until the daily reset (Google said quotaExceeded or the budget is spent)",
      registers: [registry],
    }),
    aiAnalysisTotal: new Counter({
      name: "ai_analysis_total",
      help: "Project analyses by method (ai, fallback) and, for fallbacks, why",
      labelNames: ["method", "reason"] as const,
      registers: [registry],
    }),
    rateLimitRejectionsTotal: new Counter({
      name: "rate_limit_rejections_total",
      help: "Calls refused by one of Showreel's own rate limits, by limit name",
      labelNames: ["limit"] as const,
      registers: [registry],
    }),
    trpcRequestDurationSeconds: new Histogram({
      name: "trpc_request_duration_seconds",
      help: "tRPC procedure time in the web process, by procedure and result code",
      labelNames: ["procedure", "code"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    webAdmissionRejectionsTotal: new Counter({
      name: "web_admission_rejections_total",
      help: "API requests a web process refused with 503 at once: in_flight (request cap) or streams (event-stream cap)",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    webInFlight: new Gauge({
      name: "web_in_flight",
      help: "API requests (kind=request) and event streams (kind=stream) this web process holds open now",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    webBodyRejectionsTotal: new Counter({
      name: "web_body_rejections_total",
      help: "API requests refused with 413 because their body passed the route's cap, by route",
      labelNames: ["route"] as const,
      registers: [registry],
    }),
    webRequestsTotal: new Counter({
      name: "web_requests_total",
      help: "API requests by tRPC procedure (batch = the batched request itself) or route (api/<route>)",
      labelNames: ["procedure"] as const,
      registers: [registry],
    }),
    dbStatementsTotal: new Counter({
      name: "db_statements_total",
      help: "SQL statements the web process sent for API requests, by the same label as web_requests_total",
      labelNames: ["procedure"] as const,
      registers: [registry],
    }),
    scrapeErrorsTotal: new Counter({
      name: "metrics_scrape_errors_total",
      help: "Scrape-time reads (queue counts, quota, sync lag) that failed or timed out; their gauges keep the last value",
      labelNames: ["source"] as const,
      registers: [registry],
    }),
    retentionRowsPrunedTotal: new Counter({
      name: "retention_rows_pruned_total",
      help: "Rows retention.prune deleted because they were past their table's retention (src/lib/retention/policies.ts), by table",
      labelNames: ["table"] as const,
      registers: [registry],
    }),
    retentionRunsTotal: new Counter({
      name: "retention_runs_total",
      help: "retention.prune runs by how they ended: caught_up (nothing past retention left), budget_spent (work left for the next run), stopped (shutdown)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    liveStreamsOpen: new Gauge({
      name: "live_streams_open",
      help: "Live-update streams (server-sent events) this web process is serving now",
      registers: [registry],
    }),
    liveEventsTotal: new Counter({
      name: "live_events_total",
      help: "Live events this web process received from Postgres (and resyncs it raised), by kind",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
  };
}

type ScrapeHook = { source: string; refresh: () => Promise<void> };
type MetricsState = { metrics: ReturnType<typeof createMetrics>; scrapeHooks: Map<string, ScrapeHook> };

const state = processSingleton(
  "showreelMetrics",
  (): MetricsState => ({ metrics: createMetrics(), scrapeHooks: new Map() }),
);

export const metrics = state.metrics;

/** A scrape never waits longer than this for a hook; Prometheus's own timeout is 10 s by default. */
export const SCRAPE_HOOK_TIMEOUT_MS = 3_000;

/** Registers a read that refreshes gauges before each scrape; one per source (re-registering replaces it). */
export function onScrape(source: string, refresh: () => Promise<void>): void {
  state.scrapeHooks.set(source, { source, refresh });
}

async function runHook(hook: ScrapeHook): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${hook.source} took over ${SCRAPE_HOOK_TIMEOUT_MS} ms`)),
      SCRAPE_HOOK_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([hook.refresh(), timeout]);
  } catch {
    // A failed read must not fail the scrape: the other metrics still matter most when the database is sick.
    metrics.scrapeErrorsTotal.inc({ source: hook.source });
  } finally {
    clearTimeout(timer);
  }
}

/** The Prometheus text exposition, after the scrape hooks have refreshed their gauges. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  await Promise.all([...state.scrapeHooks.values()].map(runHook));
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
