import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

/** Cron (every minute): stores one minute of /ops history (queue depths, job durations, quota, sync lag). */
export const opsSampleJob = defineJob({
  name: "ops.sample",
  schema: z.object({}),
  defaults: { retryLimit: 1, expireInSeconds: 60 },
  queue: {
    // One sampler at a time across the fleet; a tick that finds one queued or running is dropped.
    policy: "exclusive",
    deleteAfterSeconds: 15 * 60,
  },
});
