import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

/**
 * Proves the web → queue → worker → database path end to end. With a `pingId` the handler stamps that
 * SystemPing row (an admin's round-trip check); without one it is the worker's scheduled heartbeat.
 */
export const systemPingJob = defineJob({
  name: "system.ping",
  schema: z.object({ pingId: z.uuid().optional() }),
  defaults: { retryLimit: 3, retryBackoff: true, retryDelay: 2, expireInSeconds: 60 },
  queue: { policy: "standard", notify: true, deleteAfterSeconds: 60 * 60 },
});

declare module "./registry" {
  interface JobRegistry {
    systemPing: typeof systemPingJob;
  }
}
