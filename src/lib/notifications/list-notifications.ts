import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/server/db";

const notificationSelect = {
  id: true,
  kind: true,
  payload: true,
  readAt: true,
  createdAt: true,
} satisfies Prisma.NotificationSelect;

/** Newest first, on the (userId, createdAt DESC) index; the cursor is the last id of the previous page. */
export async function listNotifications({
  userId,
  limit,
  cursor,
}: {
  userId: string;
  limit: number;
  cursor?: string | null | undefined;
}) {
  const rows = await db.notification.findMany({
    where: { userId },
    select: notificationSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
