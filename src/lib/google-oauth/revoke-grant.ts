import { request } from "undici";
import { env } from "~/env";
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

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429]);

async function errorCodeOf(body: { text(): Promise<string> }): Promise<string | null> {
  try {
    const parsed = JSON.parse(await body.text()) as { error?: unknown };
    return typeof parsed.error === "string" ? parsed.error : null;
  } catch {
    return null;
  }
}

// POST {GOOGLE_REVOKE_URL} (form body token=…) — revokes the whole grant (both tokens). One attempt; callers
// that must see it through use requestGrantRevocation (request-grant-revocation.ts), which retries in a job.
export async function revokeGoogleGrant({ token, logger }: { token: string; logger: Logger }): Promise<RevokeOutcome> {
  try {
    const response = await request(env.GOOGLE_REVOKE_URL, {
      method: "POST",
      dispatcher: httpAgent,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
      signal: AbortSignal.timeout(env.YOUTUBE_HTTP_TIMEOUT_MS),
    });
    const status = response.statusCode;
    if (status === 200) {
      await response.body.dump();
      return "revoked";
    }
    let code: string | null = null;
    if (status === 400) code = await errorCodeOf(response.body);
    else await response.body.dump();
    if (code === "invalid_token") return "already_revoked";
    const outcome = status >= 500 || RETRYABLE_STATUSES.has(status) ? "retryable" : "refused";
    logger.warn({ status, error: code, outcome }, "google.revoke_failed");
    return outcome;
  } catch (error) {
    logger.warn({ err: error, outcome: "retryable" }, "google.revoke_failed");
    return "retryable";
  }
}
