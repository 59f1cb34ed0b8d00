import { request } from "undici";
import { env } from "~/env";
import { httpAgent } from "~/server/http";
import type { Logger } from "~/server/logger";

// POST {GOOGLE_REVOKE_URL}?token= — revokes the whole grant (both tokens). Best effort: a failure is
// logged and the caller goes on, because the user asked for Showreel to let go either way.
export async function revokeGoogleGrant({ token, logger }: { token: string; logger: Logger }): Promise<boolean> {
  try {
    const response = await request(env.GOOGLE_REVOKE_URL, {
      method: "POST",
      dispatcher: httpAgent,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
      signal: AbortSignal.timeout(env.YOUTUBE_HTTP_TIMEOUT_MS),
    });
    await response.body.dump();
    // 400 invalid_token means it was already revoked or expired: the outcome the user wanted.
    const isRevoked = response.statusCode === 200 || response.statusCode === 400;
    if (!isRevoked) logger.warn({ status: response.statusCode }, "google.revoke_failed");
    return isRevoked;
  } catch (error) {
    logger.warn({ err: error }, "google.revoke_failed");
    return false;
  }
}
