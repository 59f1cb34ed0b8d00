/**
 * Whether a user is an administrator now, read from the database. The session cookie cache carries the
 * role as it was when the cache cookie was issued (up to SESSION_COOKIE_CACHE_SECONDS old), which is fine
 * for showing a menu but not for authority: every admin-only path (adminProcedure, /ops, /api/metrics)
 * asks here, so a promotion or a demotion takes effect on the next request. Admin calls are rare, so the
 * one primary-key read costs nothing the web tier notices.
 */
import { db } from "~/server/db";

export async function isAdmin(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  return user?.role === "admin";
}
