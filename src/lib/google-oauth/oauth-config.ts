import { env } from "~/env";
import { AppError } from "~/lib/errors";
import { httpAgent } from "~/server/http";
import type { OAuthClientConfig } from "./token-endpoint";

/** The configured Google OAuth client (real Google, or the emulator in demo mode). */
export function googleOAuthConfig(): OAuthClientConfig {
  if (!env.GOOGLE_CLIENT_ID || !env.GOOGLE_CLIENT_SECRET) {
    throw new AppError("UPSTREAM_UNAVAILABLE", "Google sign-in is not configured on this server.");
  }
  return {
    clientId: env.GOOGLE_CLIENT_ID,
    clientSecret: env.GOOGLE_CLIENT_SECRET,
    tokenUrl: env.GOOGLE_TOKEN_URL,
    dispatcher: httpAgent,
    timeoutMs: env.YOUTUBE_HTTP_TIMEOUT_MS,
  };
}
