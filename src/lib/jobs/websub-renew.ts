import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

/** Cron (hourly): queues renewals for leases past ~80 % of their length, and subscriptions never granted. */
export const websubRenewJob = defineJob({
  name: "websub.renew",
  schema: z.object({}),
  defaults: { retryLimit: 0, expireInSeconds: 300 },
});
