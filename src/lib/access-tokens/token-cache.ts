/**
 * The web process's memory of personal access tokens it has looked up, so a script calling in a loop
 * costs one lookup per ACCESS_TOKEN_CACHE_SECONDS instead of one per request. Keyed by the token's hash
 * (the token itself is never kept). Revoking a token in this process forgets it at once; a token revoked
 * through another process is still accepted here until its entry lapses. Unknown tokens are not
 * remembered, so guessing cannot push real entries out.
 */
import { env } from "~/env";
import type { TokenUser } from "./selects";

/** Entries per process: ~200 bytes each, so the cap holds memory under a few MB whatever callers send. */
export const ACCESS_TOKEN_CACHE_MAX = 10_000;

type Entry = { user: TokenUser; expiresAt: number };

const globalForTokens = globalThis as unknown as { showreelTokenCache?: Map<string, Entry> };
const entries = (globalForTokens.showreelTokenCache ??= new Map<string, Entry>());

export function findCachedTokenUser(tokenHash: string, now = Date.now()): TokenUser | null {
  const entry = entries.get(tokenHash);
  if (!entry) return null;
  if (entry.expiresAt <= now) {
    entries.delete(tokenHash);
    return null;
  }
  return entry.user;
}

export function rememberTokenUser(tokenHash: string, user: TokenUser, now = Date.now()): void {
  const ttlMs = env.ACCESS_TOKEN_CACHE_SECONDS * 1000;
  if (ttlMs === 0) return;
  entries.delete(tokenHash);
  // A Map iterates in insertion order: the first key is the entry written longest ago.
  if (entries.size >= ACCESS_TOKEN_CACHE_MAX) {
    const oldest = entries.keys().next();
    if (!oldest.done) entries.delete(oldest.value);
  }
  entries.set(tokenHash, { user, expiresAt: now + ttlMs });
}

/** Forgets a revoked token (by its id) in this process. */
export function forgetToken(tokenId: string): void {
  for (const [hash, entry] of entries) if (entry.user.tokenId === tokenId) entries.delete(hash);
}

export function cachedTokenCount(): number {
  return entries.size;
}
