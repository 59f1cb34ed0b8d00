/**
 * Revokes a Google grant and sees it through (Developer Policies III.D.2.c.1: when a user revokes consent,
 * the client "must programmatically revoke that token right away"). One call now; if Google did not answer
 * (network, 408, 429, 5xx), a `google.revoke-grant` job carries the token, sealed, and retries with backoff
 * until Google confirms. A refused request (malformed: retrying cannot help) is logged and not retried.
 */
import { encryptSecret } from "~/lib/crypto/secret-box";
import { googleRevokeGrantJob } from "~/lib/jobs/google-revoke-grant.job";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import type { Logger } from "~/server/logger";
import { isRevokeConfirmed, revokeGoogleGrant } from "./revoke-grant";

export type GrantRevocation = "confirmed" | "queued" | "refused" | "lost";

export async function requestGrantRevocation(options: {
  /** The user whose grant it is, and the Google account it belongs to (null when not known). */
  userId: string;
  googleAccountId: string | null;
  /** The refresh token when there is one (it revokes the whole grant), else the access token. */
  token: string;
  boss: JobSender;
  logger: Logger;
}): Promise<GrantRevocation> {
  const { userId, googleAccountId, token, boss, logger } = options;
  const outcome = await revokeGoogleGrant({ token, logger });
  if (isRevokeConfirmed(outcome)) return "confirmed";
  if (outcome === "refused") return "refused";
  try {
    await enqueue(boss, googleRevokeGrantJob, {
      sealedToken: encryptSecret(token),
      userId,
      googleAccountId,
      requestedAt: new Date().toISOString(),
    });
    logger.info("google.revoke_queued");
    return "queued";
  } catch (error) {
    // The queue is Postgres: if it cannot take the job, the disconnect itself would fail next. Said, not hidden.
    logger.error({ err: error }, "google.revoke_queue_failed");
    return "lost";
  }
}
