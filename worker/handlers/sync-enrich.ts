import type { syncEnrichJob } from "~/lib/jobs/sync-enrich.job";
import { enrichDetectedVideos } from "~/lib/sync/enrich-videos";
import type { JobHandler } from "../lib/run-job";

// sync.enrich — one queued and one running at most; each run takes every ready batch of 50 detected ids
export const handleSyncEnrich: JobHandler<typeof syncEnrichJob> = (_payload, { logger, boss }) =>
  enrichDetectedVideos({ boss, logger });
