import type { Prisma } from "~/generated/prisma/client";
import { removeAuthorizedDetails } from "~/lib/projects/remove-authorized-details";
import { db } from "~/server/db";
import { invalidateAccessToken } from "./access-token-cache";

export const RECONNECT_NOTIFICATION_KIND = "youtube.reconnect_required";

/**
 * Google no longer honours this connection's grant (revoked, expired, or the refresh token is gone).
 * Marks it needs_reconnect and tells the user once — a connection already marked gets no second notice —
 * and, in the same transaction, deletes what only that grant could read: the details of the user's private
 * and unlisted videos' projects (removeAuthorizedDetails; a reconnect and the next refresh restore them).
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
    await removeAuthorizedDetails({ userId: connection.userId, tx });
    await tx.notification.create({
      data: {
        userId: connection.userId,
        kind: RECONNECT_NOTIFICATION_KIND,
        payload: { channelTitle: connection.channelTitle, reason: "YouTube access was revoked or expired." },
      },
    });
  }
}
