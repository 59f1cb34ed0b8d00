/**
 * Every job contract the system knows. worker/queues.ts declares a queue (and its dead-letter queue) for
 * each; the handler map (worker/handlers/index.ts) must have exactly one entry for each, or the typecheck
 * fails. /ops and the queue gauges read their queue names from here.
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

export const JOB_CONTRACTS = [
  systemPingJob,
  importVideosJob,
  importChannelPageJob,
  analyzeProjectJob,
  syncEnrichJob,
  retentionPruneJob,
  websubSubscribeJob,
  websubRenewJob,
  opsSampleJob,
  projectsRefreshJob,
  accountPurgeJob,
  dataExportBuildJob,
  dataExportPruneJob,
  googleRevokeGrantJob,
] as const;
