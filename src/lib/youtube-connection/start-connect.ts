/**
 * Connect YouTube, step 1: the Google authorization URL (youtube.readonly, offline access, forced consent so
 * Google issues a refresh token, state and PKCE) and the flow record to keep in an encrypted, short-lived
 * cookie until Google sends the user back.
 */
import { createHash, randomBytes } from "node:crypto";
import { env } from "~/env";
import { encryptSecret } from "~/lib/crypto/secret-box";
import { AppError } from "~/lib/errors";

export const YOUTUBE_READONLY_SCOPE = "https://www.googleapis.com/auth/youtube.readonly";
/** openid gives us the Google account id (sub) in the id token, so reconnects can be matched. */
const CONNECT_SCOPES = ["openid", YOUTUBE_READONLY_SCOPE] as const;
export const CONNECT_FLOW_TTL_MS = 10 * 60 * 1000;
export const CONNECT_FLOW_COOKIE = "showreel_youtube_connect";

export type ConnectFlow = { state: string; verifier: string; userId: string; expiresAt: number };

export function startYouTubeConnect({ userId, redirectUri }: { userId: string; redirectUri: string }) {
  if (!env.GOOGLE_CLIENT_ID)
    throw new AppError("UPSTREAM_UNAVAILABLE", "Connecting YouTube is not configured on this server.");
  const flow: ConnectFlow = {
    state: randomBytes(24).toString("base64url"),
    verifier: randomBytes(48).toString("base64url"),
    userId,
    expiresAt: Date.now() + CONNECT_FLOW_TTL_MS,
  };
  const url = new URL(env.GOOGLE_AUTHORIZE_URL);
  url.search = new URLSearchParams({
    client_id: env.GOOGLE_CLIENT_ID,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: CONNECT_SCOPES.join(" "),
    access_type: "offline",
    prompt: "consent",
    include_granted_scopes: "true",
    state: flow.state,
    code_challenge: createHash("sha256").update(flow.verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();
  return { authorizeUrl: url.toString(), flowCookie: encryptSecret(JSON.stringify(flow)) };
}
