import { importVideoBatch } from "~/lib/imports/import-video-batch";
import type { importVideosJob } from "~/lib/jobs/import-videos.job";
import type { JobHandler } from "../lib/run-job";

// youtube.import-videos — idempotent per (runId, batch); retried on failures, rescheduled on quota/rate/outage
export const handleImportVideos: JobHandler<typeof importVideosJob> = (payload, { logger, signal, boss }) =>
  importVideoBatch({ runId: payload.runId, batch: payload.batch, videoIds: payload.videoIds, boss, logger, signal });
