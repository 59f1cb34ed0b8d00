import { z } from "zod";
import { defineJob, JOB_HEARTBEAT_S } from "~/lib/jobs/define-job";

export const IMPORT_CHANNEL_PAGE_RETRY_LIMIT = 5;
export const IMPORT_CHANNEL_PAGE_RETRY_DELAY_S = 10;
export const IMPORT_CHANNEL_PAGE_EXPIRE_S = 180;

/**
 * One page (≤ 50 videos) of a channel import: page 0 also resolves the channel. Each page enqueues the
 * next, so a 5,000-video import is 100 short jobs, never one long one.
 */
export const importChannelPageJob = defineJob({
  name: "youtube.import-channel-page",
  schema: z.object({ runId: z.uuid(), page: z.number().int().min(0).max(1000) }),
  defaults: {
    retryLimit: IMPORT_CHANNEL_PAGE_RETRY_LIMIT,
    retryDelay: IMPORT_CHANNEL_PAGE_RETRY_DELAY_S,
    retryBackoff: true,
    expireInSeconds: IMPORT_CHANNEL_PAGE_EXPIRE_S,
    heartbeatSeconds: JOB_HEARTBEAT_S,
  },
  queue: { policy: "standard", notify: true, deleteAfterSeconds: 60 * 60 },
});

declare module "./registry" {
  interface JobRegistry {
    importChannelPage: typeof importChannelPageJob;
  }
}
