import { z } from "zod";
import { defineJob, JOB_HEARTBEAT_S } from "~/lib/jobs/define-job";

/**
 * Deletes a closed account's rows in chunks (src/lib/account/purge-account.ts), then the user row once no
 * session cookie cache of it can still be accepted. Idempotent and resumable: a retried or repeated run
 * continues with whatever rows are left.
 */
export const accountPurgeJob = defineJob({
  name: "account.purge",
  schema: z.object({ userId: z.string().min(1).max(64) }),
  defaults: {
    retryLimit: 10,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 30 * 60,
    heartbeatSeconds: JOB_HEARTBEAT_S,
  },
  queue: { policy: "standard", deleteAfterSeconds: 24 * 60 * 60 },
});

declare module "./registry" {
  interface JobRegistry {
    accountPurge: typeof accountPurgeJob;
  }
}
