import { db } from "~/server/db";
import type { MarkNotificationsReadInput } from "./notifications.schema";

/** Marks the user's own notifications read; ids of other users' notifications are simply not matched. */
export async function markNotificationsRead({ userId, ...input }: { userId: string } & MarkNotificationsReadInput) {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: count };
}
