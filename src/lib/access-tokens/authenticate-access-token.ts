import { db } from "~/server/db";
import type { TokenUser } from "./selects";
import { findCachedTokenUser, rememberTokenUser } from "./token-cache";
import { hashAccessToken, LAST_USED_RESOLUTION_MS, looksLikeAccessToken } from "./token-format";

/**
 * The user a bearer token belongs to, or null for anything unknown, revoked or malformed. A token this
 * process looked up within ACCESS_TOKEN_CACHE_SECONDS is answered from memory (./token-cache.ts).
 */
export async function authenticateAccessToken({ token }: { token: string }): Promise<TokenUser | null> {
  if (!looksLikeAccessToken(token)) return null;
  const tokenHash = hashAccessToken(token);
  const cached = findCachedTokenUser(tokenHash);
  if (cached) return cached;
  const row = await db.apiToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true } },
    },
  });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const user: TokenUser = { ...row.user, role: row.user.role === "admin" ? "admin" : "user", tokenId: row.id };
  rememberTokenUser(tokenHash, user);
  return user;
}
