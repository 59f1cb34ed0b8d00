/**
 * Every job contract the system knows. worker/queues.ts declares a queue (and its dead-letter queue) for
 * each, and the worker refuses to boot unless each has exactly one handler.
 */
import { accountPurgeJob } from "~/lib/jobs/account-purge";
import { analyzeProjectJob } from "~/lib/jobs/analyze-project";
import { dataExportBuildJob } from "~/lib/jobs/data-export-build";
import { dataExportPruneJob } from "~/lib/jobs/data-export-prune";
import { googleRevokeGrantJob } from "~/lib/jobs/google-revoke-grant";
import { importChannelPageJob } from "~/lib/jobs/import-channel-page";
import { importVideosJob } from "~/lib/jobs/import-videos";
import { opsSampleJob } from "~/lib/jobs/ops-sample";
import { projectsRefreshJob } from "~/lib/jobs/projects-refresh";
import { retentionPruneJob } from "~/lib/jobs/retention-prune";
import { syncEnrichJob } from "~/lib/jobs/sync-enrich";
import { systemPingJob } from "~/lib/jobs/system-ping";
import { websubRenewJob } from "~/lib/jobs/websub-renew";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe";

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

export type JobName = (typeof JOB_CONTRACTS)[number]["name"];
