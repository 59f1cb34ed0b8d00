import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

/**
 * Brings one channel's hub subscription in line with its followers: subscribe (or renew) while someone
 * follows it with auto-sync, unsubscribe once nobody does — decided when the job runs, so one queued job
 * per channel (exclusive queue, channel id as singleton key) always does the right thing. The hub answers
 * 5xx now and then, so this retries with backoff.
 */
export const websubSubscribeJob = defineJob({
  name: "websub.subscribe",
  schema: z.object({ channelId: z.uuid() }),
  defaults: { retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 60 },
  queue: {
    policy: "exclusive",
    // One job per renewal, ~10,400 an hour at 1M channels: completed ones go after 15 minutes.
    deleteAfterSeconds: 15 * 60,
  },
});

declare module "./registry" {
  interface JobRegistry {
    websubSubscribe: typeof websubSubscribeJob;
  }
}
