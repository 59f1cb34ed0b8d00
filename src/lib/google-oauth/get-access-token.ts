/**
 * The one way to get a usable Google access token for a YouTube connection (docs/house-rules.md R14).
 * 1. A stored token valid for more than TOKEN_REFRESH_BUFFER_MS is returned as is.
 * 2. Otherwise one refresh runs per connection: in this process (concurrent callers share one promise)
 *    and across processes (pg_advisory_xact_lock on the connection id, then a re-read — whoever waited
 *    finds the fresh token the winner stored and sends nothing to Google).
 * 3. Google usually sends no new refresh token; the stored one is kept.
 * 4. invalid_grant → the connection is marked needs_reconnect, the user notified once, and
 *    RECONNECT_REQUIRED thrown, which jobs never retry.
 * 5. A usable token is kept decrypted in process (at most ACCESS_TOKEN_CACHE_ENTRIES, least recently used
 *    dropped first) until TOKEN_REFRESH_BUFFER_MS before it expires, so a Data API call on a user's behalf
 *    costs no statement and no decryption. A 401 drops the rejected token (the refresh path above runs);
 *    disconnecting drops the user's entry (invalidateAccessToken). A connection disconnected or marked
 *    needs_reconnect by another process is noticed at its next 401 or when the cached token nears expiry.
 * Callers (the YouTube client) never see Prisma or refresh tokens; they get tokenProviderFor().
 */
import { AppError } from "~/lib/errors";
import { decryptSecret, encryptSecret } from "~/lib/crypto/secret-box";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";
import { cachedAccessToken, cachedConnectionOf, rememberAccessToken } from "./access-token-cache";
import { markReconnectRequired } from "./mark-reconnect-required";
import { googleOAuthConfig } from "./oauth-config";
import { metrics } from "~/server/metrics";
import { InvalidGrantError, refreshAccessToken, type OAuthClientConfig } from "./token-endpoint";

/** Refresh when less than this much life is left, so a token never expires mid-job. */
export const TOKEN_REFRESH_BUFFER_MS = 5 * 60 * 1000;
/** Upper bound for the locked refresh (the Google call inside it has its own shorter timeout). */
const REFRESH_TRANSACTION_TIMEOUT_MS = 30_000;

const connectionTokenSelect = {
  id: true,
  userId: true,
  youtubeChannelId: true,
  status: true,
  accessTokenEnc: true,
  refreshTokenEnc: true,
  accessTokenExpiresAt: true,
} as const;

type TokenRow = { status: string; accessTokenEnc: string | null; accessTokenExpiresAt: Date | null };

const reconnectError = (cause?: unknown) =>
  new AppError("RECONNECT_REQUIRED", "YouTube access has expired or was revoked. Reconnect your channel to continue.", {
    cause,
  });

function usableToken(row: TokenRow, now: number): string | null {
  if (!row.accessTokenEnc || !row.accessTokenExpiresAt) return null;
  if (row.accessTokenExpiresAt.getTime() - now <= TOKEN_REFRESH_BUFFER_MS) return null;
  return decryptSecret(row.accessTokenEnc);
}

export type YouTubeAccess = { connectionId: string; youtubeChannelId: string; status: string };

/**
 * A user's YouTube connection as a Data API caller needs it. While a usable token is cached this costs no
 * statement; otherwise one read, which caches the token it finds. Null when the user has no connection.
 */
export async function findYouTubeAccess({ userId }: { userId: string }): Promise<YouTubeAccess | null> {
  const connectionId = cachedConnectionOf(userId);
  const cached = connectionId ? cachedAccessToken(connectionId, Date.now(), TOKEN_REFRESH_BUFFER_MS) : null;
  if (connectionId && cached) return { connectionId, youtubeChannelId: cached.youtubeChannelId, status: "active" };
  const row = await db.youTubeConnection.findUnique({ where: { userId }, select: connectionTokenSelect });
  if (!row) return null;
  if (row.status === "active") {
    const stored = usableToken(row, Date.now());
    if (stored) rememberAccessToken(row, stored, row.accessTokenExpiresAt!);
  }
  return { connectionId: row.id, youtubeChannelId: row.youtubeChannelId, status: row.status };
}

const inFlight = new Map<string, Promise<string>>();

export type GetAccessTokenOptions = {
  connectionId: string;
  logger: Logger;
  /** After a 401: refresh even if the stored token looks valid, unless it differs from the rejected one. */
  forceRefresh?: boolean;
  rejectedToken?: string | undefined;
  oauth?: OAuthClientConfig;
};

export async function getAccessToken(options: GetAccessTokenOptions): Promise<string> {
  const rejectedToken = options.forceRefresh ? options.rejectedToken : undefined;
  const cached = cachedAccessToken(options.connectionId, Date.now(), TOKEN_REFRESH_BUFFER_MS, rejectedToken);
  if (cached) return cached.token;
  const row = await db.youTubeConnection.findUnique({
    where: { id: options.connectionId },
    select: connectionTokenSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", "That YouTube connection no longer exists.");
  if (row.status !== "active") throw reconnectError();
  const stored = usableToken(row, Date.now());
  if (stored && !(options.forceRefresh && stored === options.rejectedToken)) {
    rememberAccessToken(row, stored, row.accessTokenExpiresAt!);
    return stored;
  }

  const running = inFlight.get(options.connectionId);
  if (running) return running;
  const refresh = refreshLocked(options).finally(() => inFlight.delete(options.connectionId));
  inFlight.set(options.connectionId, refresh);
  return refresh;
}

async function refreshLocked(options: GetAccessTokenOptions): Promise<string> {
  const { connectionId, logger } = options;
  let grantLost: InvalidGrantError | null = null;
  const token = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${connectionId}))`;
      const current = await tx.youTubeConnection.findUnique({
        where: { id: connectionId },
        select: connectionTokenSelect,
      });
      if (!current) throw new AppError("NOT_FOUND", "That YouTube connection no longer exists.");
      if (current.status !== "active") throw reconnectError();
      const stored = usableToken(current, Date.now());
      // Another process refreshed while we waited for the lock: use its token.
      if (stored && stored !== options.rejectedToken) {
        rememberAccessToken(current, stored, current.accessTokenExpiresAt!);
        return stored;
      }
      if (!current.refreshTokenEnc) {
        await markReconnectRequired({ connectionId, reason: "no refresh token stored", tx });
        grantLost = new InvalidGrantError("no refresh token stored");
        return null;
      }
      const startedAt = Date.now();
      try {
        const reply = await refreshAccessToken(
          options.oauth ?? googleOAuthConfig(),
          decryptSecret(current.refreshTokenEnc),
        );
        const expiresAt = new Date(startedAt + reply.expires_in * 1000);
        await tx.youTubeConnection.update({
          where: { id: connectionId },
          data: {
            accessTokenEnc: encryptSecret(reply.access_token),
            accessTokenExpiresAt: expiresAt,
            lastRefreshedAt: new Date(),
            lastError: null,
            ...(reply.refresh_token ? { refreshTokenEnc: encryptSecret(reply.refresh_token) } : {}),
            ...(reply.scope ? { scopes: reply.scope.split(/[ ,]+/).filter(Boolean) } : {}),
          },
        });
        logger.info(
          { connectionId, expiresInS: reply.expires_in, rotated: !!reply.refresh_token },
          "google.token_refreshed",
        );
        rememberAccessToken(current, reply.access_token, expiresAt);
        return reply.access_token;
      } catch (error) {
        if (!(error instanceof InvalidGrantError)) throw error;
        metrics.youtubeAuthErrorsTotal.inc({ source: "token_refresh" });
        await markReconnectRequired({ connectionId, reason: error.message, tx });
        grantLost = error;
        return null;
      }
    },
    { timeout: REFRESH_TRANSACTION_TIMEOUT_MS, maxWait: REFRESH_TRANSACTION_TIMEOUT_MS },
  );
  if (token === null) {
    logger.warn({ connectionId }, "google.reconnect_required");
    throw reconnectError(grantLost);
  }
  return token;
}

/**
 * What the YouTube client gets: a function returning a token, which after a 401 (forceRefresh) asks for
 * a refresh unless another caller already replaced the token that was rejected.
 */
export function tokenProviderFor(connectionId: string, logger: Logger, oauth?: OAuthClientConfig) {
  let lastToken: string | undefined;
  return async ({ forceRefresh }: { forceRefresh: boolean }): Promise<string> => {
    lastToken = await getAccessToken({
      connectionId,
      logger,
      forceRefresh,
      rejectedToken: forceRefresh ? lastToken : undefined,
      oauth,
    });
    return lastToken;
  };
}
