import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/server/db";
import { invalidateAccessToken } from "./access-token-cache";

export const RECONNECT_NOTIFICATION_KIND = "youtube.reconnect_required";

/**
 * Google no longer honours this connection's grant (revoked, expired, or the refresh token is gone).
 * Marks it needs_reconnect and tells the user once — a connection already marked gets no second notice.
 */
export async function markReconnectRequired({
  connectionId,
  reason,
  tx = db,
}: {
  connectionId: string;
  reason: string;
  tx?: Prisma.TransactionClient;
}): Promise<void> {
  invalidateAccessToken({ connectionId });
  const marked = await tx.youTubeConnection.updateManyAndReturn({
    where: { id: connectionId, status: "active" },
    data: { status: "needs_reconnect", lastError: reason.slice(0, 500) },
    select: { userId: true, channelTitle: true },
  });
  for (const connection of marked) {
    await tx.notification.create({
      data: {
        userId: connection.userId,
        kind: RECONNECT_NOTIFICATION_KIND,
        payload: { channelTitle: connection.channelTitle, reason: "YouTube access was revoked or expired." },
      },
    });
  }
}
