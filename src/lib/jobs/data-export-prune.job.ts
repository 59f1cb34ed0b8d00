import { z } from "zod";
import { defineJob, oneRunAtATime } from "~/lib/jobs/define-job";

/** Cron (hourly): deletes export files that expired or were downloaded, and old export rows (prune-data-exports.ts). */
export const dataExportPruneJob = defineJob({
  name: "data-export.prune",
  schema: z.object({}),
  defaults: { retryLimit: 1, expireInSeconds: 600 },
  queue: oneRunAtATime(24 * 60 * 60),
});

declare module "./registry" {
  interface JobRegistry {
    dataExportPrune: typeof dataExportPruneJob;
  }
}
