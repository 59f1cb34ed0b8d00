import { randomInt } from "node:crypto";
import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import { accountSelect } from "./selects";
import { handleCandidates } from "./suggest-handle";

/**
 * The signed-in user's account as the settings page shows it. A user without a handle also gets a
 * suggestion that was free when asked (one query over the candidates); saving it is still their choice,
 * and set-handle.ts settles a race for the same handle.
 */
export async function getAccount({ userId }: { userId: string }) {
  const user = await db.user.findUnique({ where: { id: userId }, select: accountSelect });
  if (!user) throw new AppError("NOT_FOUND", "Your account no longer exists.");
  return { ...user, suggestedHandle: user.handle ? null : await suggestFreeHandle(user) };
}

async function suggestFreeHandle(user: { name: string; email: string }): Promise<string> {
  const candidates = handleCandidates(user);
  const taken = await db.user.findMany({ where: { handle: { in: candidates } }, select: { handle: true } });
  const takenHandles = new Set(taken.map((row) => row.handle));
  const free = candidates.find((handle) => !takenHandles.has(handle));
  if (free) return free;
  // Every numbered variant is taken (a very common name): a random 4-digit suffix is almost surely free.
  const base = (candidates[0] ?? "creator").slice(0, 25).replace(/-+$/g, "");
  return `${base}-${randomInt(1000, 10_000)}`;
}
