import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

/**
 * Cron, every minute, one at a time across the fleet (a singleton queue): claims due channels and queues a
 * check for each. Retries are pointless — the next minute's run does the same work.
 */
export const syncScheduleDueJob = defineJob({
  name: "sync.schedule-due",
  schema: z.object({}),
  defaults: { retryLimit: 0, expireInSeconds: 120 },
});
