import { z } from "zod";
import { defineJob, oneRunAtATime } from "~/lib/jobs/define-job";

/**
 * Cron (every 10 minutes): deletes rows past their table's retention (src/lib/retention/policies.ts) in
 * chunks, within a time budget; the next run continues what this one left. Replaces sync.prune-runs.
 */
export const retentionPruneJob = defineJob({
  name: "retention.prune",
  schema: z.object({}),
  // Five times the run's budget (RUN_BUDGET_MS, 60 s): the budget plus the statement running when it ran out.
  defaults: { retryLimit: 1, expireInSeconds: 300 },
  queue: oneRunAtATime(60 * 60),
});

declare module "./registry" {
  interface JobRegistry {
    retentionPrune: typeof retentionPruneJob;
  }
}
