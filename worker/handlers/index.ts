/**
 * The handler map: every job with its handler and how a worker consumes its queue. It is the worker's list of
 * jobs: queues are declared (worker/queues.ts) and handlers registered from it. Adding a job touches three
 * files: its contract (src/lib/jobs/<name>.job.ts, which adds itself to JobRegistry), its handler
 * (worker/handlers/<name>.ts) and its entry here.
 */
import { accountPurgeJob } from "~/lib/jobs/account-purge.job";
import { analyzeProjectJob } from "~/lib/jobs/analyze-project.job";
import { dataExportBuildJob } from "~/lib/jobs/data-export-build.job";
import { dataExportPruneJob } from "~/lib/jobs/data-export-prune.job";
import { googleRevokeGrantJob } from "~/lib/jobs/google-revoke-grant.job";
import { importChannelPageJob } from "~/lib/jobs/import-channel-page.job";
import { importVideosJob } from "~/lib/jobs/import-videos.job";
import { opsSampleJob } from "~/lib/jobs/ops-sample.job";
import { projectsRefreshJob } from "~/lib/jobs/projects-refresh.job";
import { retentionPruneJob } from "~/lib/jobs/retention-prune.job";
import { syncEnrichJob } from "~/lib/jobs/sync-enrich.job";
import { systemPingJob } from "~/lib/jobs/system-ping.job";
import { websubRenewJob } from "~/lib/jobs/websub-renew.job";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe.job";
import type { JobContract } from "~/lib/jobs/define-job";
import type { RegisteredJob } from "~/lib/jobs/registry";
import { handle, type HandlerEntry, type WorkSettings } from "../lib/register-handlers";
import { handleAccountPurge } from "./account-purge";
import { handleAnalyzeProject } from "./analyze-project";
import { handleDataExportBuild } from "./data-export-build";
import { handleDataExportPrune } from "./data-export-prune";
import { handleGoogleRevokeGrant } from "./google-revoke-grant";
import { handleImportChannelPage } from "./import-channel-page";
import { handleImportVideos } from "./import-videos";
import { handleOpsSample } from "./ops-sample";
import { handleProjectsRefresh } from "./projects-refresh";
import { handleRetentionPrune } from "./retention-prune";
import { handleSyncEnrich } from "./sync-enrich";
import { handleSystemPing } from "./system-ping";
import { handleWebsubRenew } from "./websub-renew";
import { handleWebsubSubscribe } from "./websub-subscribe";

/**
 * Exactly one entry per job in JobRegistry (src/lib/jobs/registry.ts), keyed by its name: a missing, extra or
 * mismatched one fails the typecheck (index.test.ts).
 */
export type HandlerMap = { readonly [Job in RegisteredJob as Job["name"]]: HandlerEntry<Job> };

/**
 * Jobs fetched one at a time, `concurrency` of them running at once in this worker; the queue is polled every
 * `polling` seconds, the backstop behind NOTIFY (for the queues whose contract sets it) and the pace for the others.
 */
function oneByOne({ polling, concurrency = 1 }: { polling: number; concurrency?: number }): WorkSettings {
  return { batchSize: 1, localConcurrency: concurrency, pollingIntervalSeconds: polling };
}

/** Each job's handler and how one worker consumes its queue. */
export const HANDLERS = {
  "system.ping": handle(systemPingJob, handleSystemPing, oneByOne({ polling: 2 })),
  // A few batches overlap well: each waits on one videos.list call.
  "youtube.import-videos": handle(importVideosJob, handleImportVideos, oneByOne({ polling: 1, concurrency: 4 })),
  // Each page is two short calls.
  "youtube.import-channel-page": handle(
    importChannelPageJob,
    handleImportChannelPage,
    oneByOne({ polling: 1, concurrency: 2 }),
  ),
  // AI calls one worker makes at once; the global per-minute cap is AI_RATE_PER_MINUTE.
  "ai.analyze-project": handle(analyzeProjectJob, handleAnalyzeProject, oneByOne({ polling: 2, concurrency: 2 })),
  "sync.enrich": handle(syncEnrichJob, handleSyncEnrich, oneByOne({ polling: 2 })),
  "retention.prune": handle(retentionPruneJob, handleRetentionPrune, oneByOne({ polling: 30 })),
  "websub.subscribe": handle(websubSubscribeJob, handleWebsubSubscribe, {
    batchSize: 8,
    localConcurrency: 1,
    pollingIntervalSeconds: 2,
    parallelBatch: true,
  }),
  "websub.renew": handle(websubRenewJob, handleWebsubRenew, oneByOne({ polling: 30 })),
  "ops.sample": handle(opsSampleJob, handleOpsSample, oneByOne({ polling: 5 })),
  "projects.refresh": handle(projectsRefreshJob, handleProjectsRefresh, oneByOne({ polling: 30 })),
  "account.purge": handle(accountPurgeJob, handleAccountPurge, oneByOne({ polling: 5 })),
  // One file at a time per worker: each holds a chunk (≤ DATA_EXPORT_CHUNK_BYTES) and a page of projects.
  "data-export.build": handle(dataExportBuildJob, handleDataExportBuild, oneByOne({ polling: 2 })),
  "data-export.prune": handle(dataExportPruneJob, handleDataExportPrune, oneByOne({ polling: 30 })),
  "google.revoke-grant": handle(googleRevokeGrantJob, handleGoogleRevokeGrant, oneByOne({ polling: 5 })),
} satisfies HandlerMap;

/** The entries as a list, for registering. */
export const HANDLER_ENTRIES: readonly HandlerEntry[] = Object.values(HANDLERS);

/** Every job's contract, for declaring queues (worker/queues.ts). */
export const JOB_CONTRACTS: readonly JobContract[] = HANDLER_ENTRIES.map((entry) => entry.job);
