import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

/** A worker that stops heart-beating for this long has died; its checks are retried by another. */
export const SYNC_CHECK_HEARTBEAT_S = 10;

export const SYNC_TRIGGERS = ["schedule", "push", "manual"] as const;

/**
 * Checks one shared channel for new uploads and fans them out to its followers. The queue is `exclusive`
 * and the channel id is the singleton key: never two checks of one channel queued or running at once.
 * Waits for Google never throw (the channel's nextCheckAt is the retry), so retries are for our own
 * failures only. A check lost with its worker is noticed by its missing heartbeat (pg-boss supervision)
 * and retried elsewhere; the scheduler's lease catches anything else.
 */
export const syncCheckChannelJob = defineJob({
  name: "sync.check-channel",
  schema: z.object({
    channelId: z.uuid(),
    trigger: z.enum(SYNC_TRIGGERS).default("schedule"),
  }),
  defaults: { retryLimit: 2, retryDelay: 5, retryBackoff: true, expireInSeconds: 120, heartbeatSeconds: SYNC_CHECK_HEARTBEAT_S },
});
