import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

export const SYNC_TRIGGERS = ["schedule", "push", "manual"] as const;

/**
 * Checks one shared channel for new uploads and fans them out to its followers. The queue is `exclusive`
 * and the channel id is the singleton key: never two checks of one channel queued or running at once.
 * Waits for Google never throw (the channel's nextCheckAt is the retry), so retries are for our own
 * failures only; a check lost with its worker is retried after expiry, and the scheduler's lease catches
 * anything else.
 */
export const syncCheckChannelJob = defineJob({
  name: "sync.check-channel",
  schema: z.object({
    channelId: z.uuid(),
    trigger: z.enum(SYNC_TRIGGERS).default("schedule"),
  }),
  defaults: { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
});
