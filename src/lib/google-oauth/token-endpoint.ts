/**
 * Google's OAuth token endpoint: exchanging an authorization code (with its PKCE verifier) and refreshing
 * an access token. Replies are parsed leniently (Google adds fields) but strictly where we rely on them.
 * Google does not rotate refresh tokens: a refresh reply usually has none, and callers keep the old one.
 */
import { request, type Dispatcher } from "undici";
import { z } from "zod";
import { AppError } from "~/lib/errors";

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

// POST {GOOGLE_TOKEN_URL} — no quota; form-encoded
async function postToken(
  config: OAuthClientConfig,
  form: Record<string, string>,
  signal?: AbortSignal,
): Promise<TokenReply> {
  const timeout = AbortSignal.timeout(config.timeoutMs);
  let response: Dispatcher.ResponseData;
  try {
    response = await request(config.tokenUrl, {
      method: "POST",
      dispatcher: config.dispatcher,
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ ...form, client_id: config.clientId, client_secret: config.clientSecret }).toString(),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    throw new AppError("UPSTREAM_UNAVAILABLE", "Google sign-in is not answering right now; try again shortly.", {
      retryAt: new Date(Date.now() + 60_000),
      cause: error,
    });
  }
  const text = await response.body.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Non-JSON bodies are treated below by status.
  }
  if (response.statusCode === 200) {
    const parsed = tokenReplySchema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new AppError("UPSTREAM_UNAVAILABLE", "Google sent an unreadable token reply.", {
      retryAt: new Date(Date.now() + 60_000),
      cause: parsed.error,
    });
  }
  const error = tokenErrorSchema.safeParse(body);
  if (error.success && error.data.error === "invalid_grant") throw new InvalidGrantError(error.data.error_description);
  if (response.statusCode >= 500 || response.statusCode === 429) {
    throw new AppError("UPSTREAM_UNAVAILABLE", "Google sign-in is having trouble right now; try again shortly.", {
      retryAt: new Date(Date.now() + 60_000),
    });
  }
  // invalid_client, unauthorized_client…: our configuration, not the user's doing.
  throw new Error(
    `Google token endpoint refused the request: ${response.statusCode} ${error.success ? error.data.error : "unknown"}`,
  );
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
