/**
 * The worker process: boot wiring only (docs/house-rules.md R19). It shares nothing with the web process but the
 * database. It consumes pg-boss jobs and runs the sync engine (channel checks claimed from
 * ChannelSchedule). Prints `worker ready` once it does; on SIGTERM/SIGINT it stops fetching and claiming,
 * lets in-flight jobs and checks finish (up to WORKER_SHUTDOWN_TIMEOUT_MS), then closes its pools.
 */
import { env } from "~/env";
import { createBoss } from "~/server/boss";
import { closeBackgroundQuotaLease } from "~/lib/quota/quota-lease";
import { closeDb, db } from "~/server/db";
import { logger as rootLogger } from "~/server/logger";
import { renderMetrics } from "~/server/metrics";
import { registerStateGauges } from "~/lib/system/register-state-gauges";
import { createSyncClients } from "~/lib/sync/sync-clients";
import { startSyncEngine } from "~/lib/sync/sync-engine";
import { HANDLER_ENTRIES, JOB_CONTRACTS } from "./handlers";
import { startMetricsServer } from "./lib/metrics-server";
import { registerHandlers } from "./lib/register-handlers";
import { declareQueues } from "./queues";
import { applySchedules } from "./schedules";

const logger = rootLogger.child({ process: "worker" });

async function main(): Promise<void> {
  const boss = createBoss({ role: "worker" });
  let isStarted = false;
  await boss.start();
  await declareQueues(boss, JOB_CONTRACTS);
  await registerHandlers(boss, HANDLER_ENTRIES, logger);
  await applySchedules(boss);
  // Channel checks are not jobs: every worker claims due channels straight from ChannelSchedule.
  const syncEngine = startSyncEngine({
    boss,
    logger,
    clients: createSyncClients(logger),
    concurrency: env.SYNC_CHECK_CONCURRENCY,
    claimBatch: env.SYNC_CLAIM_BATCH,
    leaseMs: env.SYNC_CLAIM_LEASE_SECONDS * 1000,
    enrichMaxWaitMs: env.SYNC_ENRICH_MAX_WAIT_SECONDS * 1000,
  });
  isStarted = true;
  registerStateGauges();

  const metricsServer = await startMetricsServer({
    port: env.WORKER_METRICS_PORT,
    render: renderMetrics,
    isReady: async () => {
      await db.$queryRaw`SELECT 1`;
      return isStarted;
    },
  });

  let isStopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    isStarted = false;
    logger.info({ signal }, "worker.stopping");
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS }, "worker.shutdown_timeout");
      process.exit(1);
    }, env.WORKER_SHUTDOWN_TIMEOUT_MS + 5_000);
    timer.unref();
    try {
      await Promise.all([syncEngine.stop(), boss.stop({ graceful: true, timeout: env.WORKER_SHUTDOWN_TIMEOUT_MS })]);
      await metricsServer.close();
      await closeBackgroundQuotaLease();
      await closeDb();
      logger.info("worker.stopped");
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "worker.stop_failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", (signal) => void shutdown(signal));
  process.on("SIGINT", (signal) => void shutdown(signal));

  logger.info({ queues: JOB_CONTRACTS.map((job) => job.name), metricsPort: metricsServer.port }, "worker ready");
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "worker.boot_failed");
  process.exit(1);
});
