/**
 * The typed list of { job, handler } pairs. The worker boots only if every contract in
 * src/lib/jobs/registry.ts has exactly one entry here (assertHandlersCoverContracts).
 */
import type { JobContract } from "~/lib/jobs/define-job";
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
import type { JobHandler } from "../lib/run-job";
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

export type HandlerEntry<Contract extends JobContract = JobContract> = {
  readonly job: Contract;
  readonly handler: JobHandler<Contract>;
};

function entry<Contract extends JobContract>(job: Contract, handler: JobHandler<Contract>): HandlerEntry {
  return { job, handler: handler as unknown as JobHandler<JobContract> };
}

export const HANDLERS: readonly HandlerEntry[] = [
  entry(systemPingJob, handleSystemPing),
  entry(importVideosJob, handleImportVideos),
  entry(importChannelPageJob, handleImportChannelPage),
  entry(analyzeProjectJob, handleAnalyzeProject),
  entry(syncEnrichJob, handleSyncEnrich),
  entry(retentionPruneJob, handleRetentionPrune),
  entry(websubSubscribeJob, handleWebsubSubscribe),
  entry(websubRenewJob, handleWebsubRenew),
  entry(opsSampleJob, handleOpsSample),
  entry(projectsRefreshJob, handleProjectsRefresh),
  entry(accountPurgeJob, handleAccountPurge),
  entry(dataExportBuildJob, handleDataExportBuild),
  entry(dataExportPruneJob, handleDataExportPrune),
  entry(googleRevokeGrantJob, handleGoogleRevokeGrant),
];

/** Throws, naming every problem, unless each contract has exactly one handler and no handler is orphaned. */
export function assertHandlersCoverContracts(
  contracts: readonly JobContract[],
  handlers: readonly HandlerEntry[],
): void {
  const problems: string[] = [];
  const known = new Set(contracts.map((contract) => contract.name));
  for (const contract of contracts) {
    const count = handlers.filter((handler) => handler.job.name === contract.name).length;
    if (count !== 1) problems.push(`${contract.name} has ${count} handlers (expected exactly 1)`);
  }
  for (const handler of handlers) {
    if (!known.has(handler.job.name))
      problems.push(`${handler.job.name} has a handler but no contract in the registry`);
  }
  if (problems.length > 0) throw new Error(`job handler registry is inconsistent:\n  ${problems.join("\n  ")}`);
}
