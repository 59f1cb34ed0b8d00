import type { Prisma } from "~/generated/prisma/client";
import { AppError } from "~/lib/errors";
import { db } from "~/server/db";

const pingSelect = {
  id: true,
  requestedAt: true,
  handledAt: true,
  handledBy: true,
} satisfies Prisma.SystemPingSelect;

export async function getPingOrThrow({ pingId }: { pingId: string }) {
  const ping = await db.systemPing.findUnique({ where: { id: pingId }, select: pingSelect });
  if (!ping) throw new AppError("NOT_FOUND", "That ping does not exist.");
  return ping;
}
