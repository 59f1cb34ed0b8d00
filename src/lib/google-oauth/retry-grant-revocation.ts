/**
 * One more attempt at a revoke that failed earlier (the google.revoke-grant job). Throws while Google does
 * not answer, so pg-boss retries with the job's backoff; returns once Google confirms.
 *
 * Skipped when the same user has since reconnected the same Google account: Google revokes a grant as a
 * whole, so revoking the old token now would also revoke the access the user has just given again.
 */
import { decryptSecret } from "~/lib/crypto/secret-box";
import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";
import { isRevokeConfirmed, revokeGoogleGrant, type RevokeOutcome } from "./revoke-grant";

export async function retryGrantRevocation(options: {
  userId: string;
  googleAccountId: string | null;
  sealedToken: string;
  requestedAt: string;
  logger: Logger;
}): Promise<{ outcome: RevokeOutcome | "skipped_reconnected" }> {
  const { userId, googleAccountId, logger } = options;
  if (googleAccountId !== null) {
    const reconnected = await db.youTubeConnection.count({
      where: { userId, googleAccountId, status: "active", createdAt: { gt: new Date(options.requestedAt) } },
    });
    if (reconnected > 0) {
      logger.info("google.revoke_skipped_reconnected");
      return { outcome: "skipped_reconnected" };
    }
  }
  let token: string;
  try {
    token = decryptSecret(options.sealedToken);
  } catch (error) {
    // A different TOKEN_ENCRYPTION_KEY (rotated) or a damaged payload: no attempt can succeed.
    throw new AppError("INVALID_INPUT", "The sealed token cannot be opened with this key.", { cause: error });
  }
  const outcome = await revokeGoogleGrant({ token, logger });
  if (isRevokeConfirmed(outcome)) {
    logger.info({ outcome }, "google.revoke_confirmed");
    return { outcome };
  }
  if (outcome === "refused") throw new AppError("INVALID_INPUT", "Google refused the revoke request.");
  // No detail that could carry the token: pg-boss stores this message on the job.
  throw new Error("Google did not confirm the revoke; retrying with backoff.");
}
