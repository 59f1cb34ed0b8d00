/**
 * Connect YouTube, step 2 (Google's redirect back): checks the flow cookie (same user, same state, not
 * expired — it is encrypted, so it cannot be forged), exchanges the code with its PKCE verifier, checks
 * the granted scope, finds the account's channel, and stores the connection with encrypted tokens.
 * Every failure is a named outcome the settings page explains; nothing is stored on failure.
 */
import { z } from "zod";
import { decryptSecret, encryptSecret } from "~/lib/crypto/secret-box";
import { isAppError } from "~/lib/errors";
import { googleOAuthConfig } from "~/lib/google-oauth/oauth-config";
import { requestGrantRevocation } from "~/lib/google-oauth/request-grant-revocation";
import { exchangeCode, InvalidGrantError, type TokenReply } from "~/lib/google-oauth/token-endpoint";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import { resumeRunsAfterReconnect } from "~/lib/imports/resume-runs-after-reconnect";
import { requeueRemovedDetails } from "~/lib/projects/requeue-removed-details";
import { getSenderBoss } from "~/server/boss";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";
import { YOUTUBE_READONLY_SCOPE, type ConnectFlow } from "./start-connect";

export type ConnectErrorCode =
  | "access_denied"
  | "state_mismatch"
  | "invalid_request"
  | "exchange_failed"
  | "insufficient_scope"
  | "no_channel"
  | "configuration"
  | "upstream_unavailable";

export type ConnectOutcome = { ok: true; channelTitle: string } | { ok: false; error: ConnectErrorCode };

const flowSchema = z.object({ state: z.string(), verifier: z.string(), userId: z.string(), expiresAt: z.number() });
const callbackSchema = z.object({
  code: z.string().min(1).max(2048).optional(),
  state: z.string().min(1).max(256).optional(),
  error: z.string().max(256).optional(),
});

function readFlow(cookie: string | undefined): ConnectFlow | null {
  if (!cookie) return null;
  try {
    return flowSchema.parse(JSON.parse(decryptSecret(cookie)));
  } catch {
    return null;
  }
}

/** The Google account id (`sub`) from the id token Google returned over TLS to our own request. */
function subjectOf(idToken: string | undefined): string | null {
  const payload = idToken?.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sub?: unknown };
    return typeof claims.sub === "string" ? claims.sub : null;
  } catch {
    return null;
  }
}

/** The code exchanged for tokens, or the outcome that explains why Google would not. */
async function exchangeForTokens(request: {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}): Promise<{ ok: true; tokens: TokenReply } | { ok: false; error: ConnectErrorCode }> {
  try {
    return { ok: true, tokens: await exchangeCode(googleOAuthConfig(), request) };
  } catch (error) {
    if (error instanceof InvalidGrantError) return { ok: false, error: "exchange_failed" };
    if (isAppError(error, "UPSTREAM_UNAVAILABLE")) return { ok: false, error: "upstream_unavailable" };
    throw error;
  }
}

/** Stores (or replaces) the user's connection, with its tokens encrypted. */
async function storeConnection({
  userId,
  tokens,
  channel,
  scopes,
}: {
  userId: string;
  tokens: TokenReply;
  channel: { id: string; title: string; handle: string | null };
  scopes: string[];
}): Promise<void> {
  const expiresAt = new Date(Date.now() + tokens.expires_in * 1000);
  const sealed = {
    accessTokenEnc: encryptSecret(tokens.access_token),
    accessTokenExpiresAt: expiresAt,
    lastRefreshedAt: new Date(),
    ...(tokens.refresh_token ? { refreshTokenEnc: encryptSecret(tokens.refresh_token) } : {}),
  };
  const details = {
    googleAccountId: subjectOf(tokens.id_token) ?? `channel:${channel.id}`,
    youtubeChannelId: channel.id,
    channelTitle: channel.title,
    channelHandle: channel.handle,
    scopes,
    status: "active" as const,
    lastError: null,
  };
  await db.youTubeConnection.upsert({
    where: { userId },
    create: { userId, ...details, ...sealed },
    update: { ...details, ...sealed },
  });
}

export async function completeYouTubeConnect(options: {
  userId: string;
  flowCookie: string | undefined;
  query: Record<string, string | undefined>;
  redirectUri: string;
  logger: Logger;
}): Promise<ConnectOutcome> {
  const { userId, logger } = options;
  const query = callbackSchema.safeParse(options.query);
  const flow = readFlow(options.flowCookie);
  if (!query.success) return { ok: false, error: "invalid_request" };
  if (!flow || flow.userId !== userId || flow.expiresAt < Date.now() || flow.state !== query.data.state) {
    logger.warn({ hasFlow: !!flow }, "youtube.connect_state_mismatch");
    return { ok: false, error: "state_mismatch" };
  }
  if (query.data.error)
    return { ok: false, error: query.data.error === "access_denied" ? "access_denied" : "invalid_request" };
  if (!query.data.code) return { ok: false, error: "invalid_request" };

  const exchanged = await exchangeForTokens({
    code: query.data.code,
    codeVerifier: flow.verifier,
    redirectUri: options.redirectUri,
  });
  if (!exchanged.ok) return exchanged;
  const { tokens } = exchanged;
  const scopes = (tokens.scope ?? "").split(/[ ,]+/).filter(Boolean);
  // Nothing is stored on failure, so the grant just given is let go of (retried until Google confirms).
  const letGoOfGrant = async () =>
    requestGrantRevocation({
      userId,
      googleAccountId: subjectOf(tokens.id_token),
      token: tokens.access_token,
      boss: await getSenderBoss(),
      logger,
    });
  if (!scopes.includes(YOUTUBE_READONLY_SCOPE) && !scopes.includes("https://www.googleapis.com/auth/youtube")) {
    await letGoOfGrant();
    return { ok: false, error: "insufficient_scope" };
  }

  const client = createDefaultYouTubeClient({
    logger,
    purpose: "interactive",
    userId,
    getAccessToken: async () => tokens.access_token,
  });
  let channel;
  try {
    channel = await client.getMyChannel();
  } catch (error) {
    if (isAppError(error) && error.code !== "INVALID_INPUT") {
      await letGoOfGrant();
      return { ok: false, error: error.code === "UPSTREAM_MISCONFIGURED" ? "configuration" : "upstream_unavailable" };
    }
    throw error;
  }
  if (!channel) {
    // Nothing to connect: let go of the grant rather than keep tokens we have no use for.
    await letGoOfGrant();
    return { ok: false, error: "no_channel" };
  }

  await storeConnection({ userId, tokens, channel, scopes });
  logger.info({ channelId: channel.id, hasRefreshToken: !!tokens.refresh_token }, "youtube.connected");
  // Details removed when an earlier authorization ended are read back by the next projects.refresh run.
  await requeueRemovedDetails({ userId });
  try {
    // Imports paused when the old grant was revoked carry on now (fault/token-revoked.fault.test.ts).
    await resumeRunsAfterReconnect({ userId, boss: await getSenderBoss(), logger });
  } catch (error) {
    // The connection is stored either way; paused runs stay paused (and visible) until the next reconnect.
    logger.error({ err: error }, "imports.resume_after_reconnect_failed");
  }
  return { ok: true, channelTitle: channel.title };
}
