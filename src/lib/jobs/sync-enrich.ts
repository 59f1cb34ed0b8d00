import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

/**
 * Looks up the video ids the sync engine detected (SyncVideo), 50 per videos.list call (1 unit) across
 * channels, and creates projects for every follower (src/lib/sync/enrich-videos.ts). Queued by the engine
 * when 50 ids wait or the oldest has waited ENRICH_MAX_WAIT_MS, and by every push; the queue keeps at most
 * one run queued and one active, and a run takes every ready batch, so extra kicks cost nothing.
 */
export const syncEnrichJob = defineJob({
  name: "sync.enrich",
  schema: z.object({}),
  defaults: { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 },
});
