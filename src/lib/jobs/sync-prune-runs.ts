import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

/** Cron (daily): deletes SyncRun history older than SYNC_RUN_RETENTION_DAYS. */
export const syncPruneRunsJob = defineJob({
  name: "sync.prune-runs",
  schema: z.object({}),
  defaults: { retryLimit: 1, expireInSeconds: 600 },
});
