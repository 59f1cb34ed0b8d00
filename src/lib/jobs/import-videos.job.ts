import { z } from "zod";
import { defineJob, JOB_HEARTBEAT_S } from "~/lib/jobs/define-job";

/** Attempts after the first; waits for Google (quota, rate, outages) reschedule instead of using these. */
export const IMPORT_VIDEOS_RETRY_LIMIT = 5;
export const IMPORT_VIDEOS_RETRY_DELAY_S = 10;
export const IMPORT_VIDEOS_EXPIRE_S = 120;

/**
 * One batch (≤ 50 videos, one videos.list call) of an import run. `batch` numbers the batch within the run
 * so a retried job never counts its videos twice.
 */
export const importVideosJob = defineJob({
  name: "youtube.import-videos",
  schema: z.object({
    runId: z.uuid(),
    batch: z.number().int().min(0),
    videoIds: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{11}$/))
      .min(1)
      .max(50),
  }),
  defaults: {
    retryLimit: IMPORT_VIDEOS_RETRY_LIMIT,
    retryDelay: IMPORT_VIDEOS_RETRY_DELAY_S,
    retryBackoff: true,
    expireInSeconds: IMPORT_VIDEOS_EXPIRE_S,
    heartbeatSeconds: JOB_HEARTBEAT_S,
  },
  queue: { policy: "standard", notify: true, deleteAfterSeconds: 60 * 60 },
});

declare module "./registry" {
  interface JobRegistry {
    importVideos: typeof importVideosJob;
  }
}
