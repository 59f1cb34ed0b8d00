/**
 * Decrypted Google access tokens kept in process, by connection id, in least-recently-used order (a Map
 * keeps insertion order), with each user's connection beside it. get-access-token.ts fills and reads it;
 * disconnecting and marking a connection needs_reconnect empty it. Tokens never leave it for a log.
 */
import { BoundedMap } from "~/server/bounded-map";
import { processSingleton } from "~/server/process-singleton";

/** ~10,000 connections in use at once is ~3 MB of tokens. */
export const ACCESS_TOKEN_CACHE_ENTRIES = 10_000;

type ConnectionRef = { id: string; userId: string; youtubeChannelId: string };
type CachedToken = { token: string; expiresAtMs: number; userId: string; youtubeChannelId: string };
type TokenCache = { byConnection: BoundedMap<string, CachedToken>; connectionByUser: Map<string, string> };
/** By connection id in least-recently-used order, and each user's connection. */
const tokenCache = processSingleton("showreelAccessTokens", (): TokenCache => {
  const connectionByUser = new Map<string, string>();
  const byConnection = new BoundedMap<string, CachedToken>({
    maxEntries: ACCESS_TOKEN_CACHE_ENTRIES,
    onEvict: (connectionId, entry) => forgetUser(connectionByUser, entry.userId, connectionId),
  });
  return { byConnection, connectionByUser };
});

function forgetUser(connectionByUser: Map<string, string>, userId: string, connectionId: string): void {
  if (connectionByUser.get(userId) === connectionId) connectionByUser.delete(userId);
}

function forget(connectionId: string): void {
  const entry = tokenCache.byConnection.get(connectionId);
  if (!entry) return;
  tokenCache.byConnection.delete(connectionId);
  forgetUser(tokenCache.connectionByUser, entry.userId, connectionId);
}

export function rememberAccessToken(connection: ConnectionRef, token: string, expiresAt: Date): void {
  forget(connection.id);
  tokenCache.byConnection.set(connection.id, {
    token,
    expiresAtMs: expiresAt.getTime(),
    userId: connection.userId,
    youtubeChannelId: connection.youtubeChannelId,
  });
  tokenCache.connectionByUser.set(connection.userId, connection.id);
}

/** A cached token with more than `bufferMs` left (and not the one Google just rejected), or null. */
export function cachedAccessToken(
  connectionId: string,
  now: number,
  bufferMs: number,
  rejectedToken?: string,
): CachedToken | null {
  const entry = tokenCache.byConnection.get(connectionId);
  if (!entry) return null;
  forget(connectionId);
  if (entry.expiresAtMs - now <= bufferMs || entry.token === rejectedToken) return null;
  tokenCache.byConnection.set(connectionId, entry);
  tokenCache.connectionByUser.set(entry.userId, connectionId);
  return entry;
}

/** Drops the cached token of a connection (by id) or of a user's connection: call it when disconnecting. */
export function invalidateAccessToken(target: { connectionId: string } | { userId: string }): void {
  const connectionId = "connectionId" in target ? target.connectionId : tokenCache.connectionByUser.get(target.userId);
  if (connectionId) forget(connectionId);
}

/** Who the cache holds a connection for, or undefined. */
export function cachedConnectionOf(userId: string): string | undefined {
  return tokenCache.connectionByUser.get(userId);
}
