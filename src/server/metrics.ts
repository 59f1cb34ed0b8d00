/**
 * The process's Prometheus registry (prom-client). Metrics are created once per process and cached on
 * globalThis, because Next's dev hot reload re-imports modules and prom-client refuses duplicates.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

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
      help: "How overdue the most overdue followed channel is (now − oldest due nextCheckAt), as of the last scheduler run",
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
  };
}

const globalForMetrics = globalThis as unknown as { showreelMetrics?: ReturnType<typeof createMetrics> };

export const metrics = (globalForMetrics.showreelMetrics ??= createMetrics());
