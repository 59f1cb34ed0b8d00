import { db } from "~/server/db";

export async function countUnreadNotifications({ userId }: { userId: string }): Promise<{ count: number }> {
  return { count: await db.notification.count({ where: { userId, readAt: null } }) };
}
