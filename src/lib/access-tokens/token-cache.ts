/**
 * The web process's memory of personal access tokens it has looked up, so a script calling in a loop
 * costs one lookup per ACCESS_TOKEN_CACHE_SECONDS instead of one per request. Keyed by the token's hash
 * (the token itself is never kept). Revoking a token in this process forgets it at once; a token revoked
 * through another process is still accepted here until its entry lapses. Unknown tokens are not
 * remembered, so guessing cannot push real entries out.
 */
import { env } from "~/env";
import { BoundedMap } from "~/server/bounded-map";
import { processSingleton } from "~/server/process-singleton";
import type { TokenUser } from "./selects";

/** Entries per process: ~200 bytes each, so the cap holds memory under a few MB whatever callers send. */
export const ACCESS_TOKEN_CACHE_MAX = 10_000;

type Entry = { user: TokenUser; expiresAt: number };

const entries = processSingleton(
  "showreelTokenCache",
  () => new BoundedMap<string, Entry>({ maxEntries: ACCESS_TOKEN_CACHE_MAX, expiresAt: (entry) => entry.expiresAt }),
);

export function findCachedTokenUser(tokenHash: string, now = Date.now()): TokenUser | null {
  return entries.get(tokenHash, now)?.user ?? null;
}

export function rememberTokenUser(tokenHash: string, user: TokenUser, now = Date.now()): void {
  const ttlMs = env.ACCESS_TOKEN_CACHE_SECONDS * 1000;
  if (ttlMs === 0) return;
  entries.set(tokenHash, { user, expiresAt: now + ttlMs });
}

/** Forgets a revoked token (by its id) in this process. */
export function forgetToken(tokenId: string): void {
  for (const [hash, entry] of entries.entries()) if (entry.user.tokenId === tokenId) entries.delete(hash);
}

export function cachedTokenCount(): number {
  return entries.size;
}
