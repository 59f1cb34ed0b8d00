import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

/**
 * Looks up the video ids the sync engine detected (SyncVideo), 50 per videos.list call (1 unit) across
 * channels, and creates projects for every follower (src/lib/sync/enrich-videos.ts). Queued by each
 * worker's sync engine when 50 ids wait or the oldest has waited SYNC_ENRICH_MAX_WAIT_SECONDS (checked after
 * every write-back that detected ids, and every 5 s, so a pushed id is picked up too); the queue keeps at
 * most one run queued and one active, and a run takes every ready batch, so extra kicks cost nothing.
 */
export const syncEnrichJob = defineJob({
  name: "sync.enrich",
  schema: z.object({}),
  defaults: { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 },
  queue: {
    // At most one run queued and one running across the fleet: engines kick it freely.
    policy: "stately",
    notify: true,
    deleteAfterSeconds: 15 * 60,
  },
});

declare module "./registry" {
  interface JobRegistry {
    syncEnrich: typeof syncEnrichJob;
  }
}
