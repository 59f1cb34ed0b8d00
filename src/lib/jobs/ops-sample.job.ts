import { z } from "zod";
import { defineJob, oneRunAtATime } from "~/lib/jobs/define-job";

/** Cron (every minute): stores one minute of /ops history (queue depths, job durations, quota, sync lag). */
export const opsSampleJob = defineJob({
  name: "ops.sample",
  schema: z.object({}),
  defaults: { retryLimit: 1, expireInSeconds: 60 },
  queue: oneRunAtATime(15 * 60),
});

declare module "./registry" {
  interface JobRegistry {
    opsSample: typeof opsSampleJob;
  }
}
