import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

/**
 * Revokes a Google grant whose immediate revoke call failed (network, 408, 429, 5xx), retried with backoff
 * until Google confirms (200, or 400 invalid_token: already gone). Unlike every other job it carries a
 * token, because the connection row that held it is already deleted: the token travels sealed (AES-256-GCM,
 * src/lib/crypto/secret-box.ts, the same encryption as the stored tokens), so pg-boss's job table never
 * holds it in plaintext, and completed jobs are deleted within minutes (worker/queues.ts).
 *
 * Backoff (pg-boss): the n-th retry waits GOOGLE_REVOKE_RETRY_DELAY_S × 2ⁿ⁻¹ to twice that, capped at
 * GOOGLE_REVOKE_RETRY_DELAY_MAX_S; GOOGLE_REVOKE_RETRY_LIMIT retries span 9 to 10 hours, then the job goes
 * to the dead-letter queue (/ops, DeadLetterJobs alert).
 */
export const GOOGLE_REVOKE_RETRY_LIMIT = 15;
export const GOOGLE_REVOKE_RETRY_DELAY_S = 30;
export const GOOGLE_REVOKE_RETRY_DELAY_MAX_S = 60 * 60;

export const googleRevokeGrantJob = defineJob({
  name: "google.revoke-grant",
  schema: z.object({
    /** encryptSecret(token): `v1.<iv>.<tag>.<ciphertext>`. */
    sealedToken: z
      .string()
      .regex(/^v1\.[\w-]+\.[\w-]+\.[\w-]*$/)
      .max(8192),
    /** Whose grant it was, and at which Google account: a later reconnect to that account cancels the revoke. */
    userId: z.string().min(1).max(64),
    googleAccountId: z.string().min(1).max(255).nullable(),
    requestedAt: z.iso.datetime(),
  }),
  defaults: {
    retryLimit: GOOGLE_REVOKE_RETRY_LIMIT,
    retryDelay: GOOGLE_REVOKE_RETRY_DELAY_S,
    retryBackoff: true,
    retryDelayMax: GOOGLE_REVOKE_RETRY_DELAY_MAX_S,
    expireInSeconds: 60,
  },
  queue: {
    // Only revokes whose first call failed; each job holds a sealed token, so completed ones go quickly.
    policy: "standard",
    deleteAfterSeconds: 15 * 60,
  },
});

declare module "./registry" {
  interface JobRegistry {
    googleRevokeGrant: typeof googleRevokeGrantJob;
  }
}
