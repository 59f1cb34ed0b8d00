/**
 * Google's OAuth token endpoint: exchanging an authorization code (with its PKCE verifier) and refreshing
 * an access token. Replies are parsed leniently (Google adds fields) but strictly where we rely on them.
 * Google does not rotate refresh tokens: a refresh reply usually has none, and callers keep the old one.
 */
import type { Dispatcher } from "undici";
import { z } from "zod";
import { AppError } from "~/lib/errors";
import { requestVendorJson, retryAtAfter, VendorHttpError } from "~/lib/upstream/vendor-request";

export const tokenReplySchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
  id_token: z.string().optional(),
});
export type TokenReply = z.infer<typeof tokenReplySchema>;

const tokenErrorSchema = z.looseObject({ error: z.string(), error_description: z.string().optional() });

export type OAuthClientConfig = {
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
};

/** Google's answer for a revoked, expired or unknown grant: only the user can fix it. */
export class InvalidGrantError extends Error {
  constructor(readonly description: string | undefined) {
    super(`invalid_grant${description ? `: ${description}` : ""}`);
    this.name = "InvalidGrantError";
  }
}

/**
 * Google's own mapping: `invalid_grant` (whatever the status) is the user's to fix; 5xx, 429, no answer or an
 * unreadable reply is Google's trouble, retried later; anything else (invalid_client, unauthorized_client…)
 * is our configuration, not the user's doing.
 */
function tokenEndpointError(error: VendorHttpError): Error {
  if (error.kind === "bad_reply" || error.kind === "too_large") {
    return new AppError("UPSTREAM_UNAVAILABLE", "Google sent an unreadable token reply.", {
      retryAt: retryAtAfter(),
      cause: error,
    });
  }
  const refusal = tokenErrorSchema.safeParse(error.reply?.json());
  if (refusal.success && refusal.data.error === "invalid_grant")
    return new InvalidGrantError(refusal.data.error_description);
  if (error.retryAt) {
    const message =
      error.status === null
        ? "Google sign-in is not answering right now; try again shortly."
        : "Google sign-in is having trouble right now; try again shortly.";
    return new AppError("UPSTREAM_UNAVAILABLE", message, { retryAt: error.retryAt, cause: error });
  }
  return new Error(
    `Google token endpoint refused the request: ${error.status} ${refusal.success ? refusal.data.error : "unknown"}`,
    { cause: error },
  );
}

// POST {GOOGLE_TOKEN_URL} — no quota; form-encoded
async function postToken(
  config: OAuthClientConfig,
  form: Record<string, string>,
  signal?: AbortSignal,
): Promise<TokenReply> {
  try {
    return await requestVendorJson({
      upstream: "Google's token endpoint",
      url: config.tokenUrl,
      method: "POST",
      dispatcher: config.dispatcher,
      timeoutMs: config.timeoutMs,
      signal,
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ ...form, client_id: config.clientId, client_secret: config.clientSecret }).toString(),
      schema: tokenReplySchema,
    });
  } catch (error) {
    throw error instanceof VendorHttpError ? tokenEndpointError(error) : error;
  }
}

export function exchangeCode(
  config: OAuthClientConfig,
  input: { code: string; codeVerifier: string; redirectUri: string },
  signal?: AbortSignal,
): Promise<TokenReply> {
  return postToken(
    config,
    {
      grant_type: "authorization_code",
      code: input.code,
      code_verifier: input.codeVerifier,
      redirect_uri: input.redirectUri,
    },
    signal,
  );
}

export function refreshAccessToken(
  config: OAuthClientConfig,
  refreshToken: string,
  signal?: AbortSignal,
): Promise<TokenReply> {
  return postToken(config, { grant_type: "refresh_token", refresh_token: refreshToken }, signal);
}
