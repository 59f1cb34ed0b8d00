import { z } from "zod";
import { defineJob, oneRunAtATime } from "~/lib/jobs/define-job";

/**
 * Cron (every minute): queues renewals for leases past ~80 % of their length, and subscriptions never
 * granted, up to a per-minute capacity derived from the number of subscriptions (src/lib/sync/websub-renewals.ts).
 */
export const websubRenewJob = defineJob({
  name: "websub.renew",
  schema: z.object({}),
  defaults: { retryLimit: 0, expireInSeconds: 120 },
  queue: oneRunAtATime(60 * 60),
});

declare module "./registry" {
  interface JobRegistry {
    websubRenew: typeof websubRenewJob;
  }
}
