import { db } from "~/server/db";
import { hashAccessToken, LAST_USED_RESOLUTION_MS, looksLikeAccessToken } from "./token-format";

export type TokenUser = { id: string; email: string; name: string; role: "user" | "admin"; tokenId: string };

/** The user a bearer token belongs to, or null for anything unknown, revoked or malformed. */
export async function authenticateAccessToken({ token }: { token: string }): Promise<TokenUser | null> {
  if (!looksLikeAccessToken(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashAccessToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { ...row.user, role: row.user.role === "admin" ? "admin" : "user", tokenId: row.id };
}
