import { env } from "~/env";
import { isRetryableStatus, sendVendorRequest, type VendorReply } from "~/lib/upstream/vendor-request";
import { httpAgent } from "~/server/http";
import type { Logger } from "~/server/logger";

/**
 * What Google said to one revoke call:
 * - `revoked`: 200, the grant is gone;
 * - `already_revoked`: 400 `invalid_token` — the token was already revoked or expired, which is the outcome
 *   asked for, so it counts as confirmed;
 * - `retryable`: no answer (network, timeout), 408, 429 or 5xx — nothing changed at Google, ask again later;
 * - `refused`: any other answer (a malformed request): asking again the same way cannot help.
 */
export type RevokeOutcome = "revoked" | "already_revoked" | "retryable" | "refused";

export const isRevokeConfirmed = (outcome: RevokeOutcome) => outcome === "revoked" || outcome === "already_revoked";

function errorCodeOf(reply: VendorReply): string | null {
  const body = reply.json() as { error?: unknown } | null;
  return typeof body?.error === "string" ? body.error : null;
}

// POST {GOOGLE_REVOKE_URL} (form body token=…) — revokes the whole grant (both tokens). One attempt; callers
// that must see it through use requestGrantRevocation (request-grant-revocation.ts), which retries in a job.
export async function revokeGoogleGrant({ token, logger }: { token: string; logger: Logger }): Promise<RevokeOutcome> {
  let reply: VendorReply;
  try {
    reply = await sendVendorRequest({
      upstream: "Google's revoke endpoint",
      url: env.GOOGLE_REVOKE_URL,
      method: "POST",
      dispatcher: httpAgent,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
      timeoutMs: env.YOUTUBE_HTTP_TIMEOUT_MS,
    });
  } catch (error) {
    logger.warn({ err: error, outcome: "retryable" }, "google.revoke_failed");
    return "retryable";
  }
  const status = reply.status;
  if (status === 200) return "revoked";
  const code = status === 400 ? errorCodeOf(reply) : null;
  if (code === "invalid_token") return "already_revoked";
  // 408 too: Google timed out waiting for our request, so nothing changed there.
  const outcome = isRetryableStatus(status) || status === 408 ? "retryable" : "refused";
  logger.warn({ status, error: code, outcome }, "google.revoke_failed");
  return outcome;
}
