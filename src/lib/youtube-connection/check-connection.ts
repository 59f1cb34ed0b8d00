/**
 * Asks YouTube for the connected channel with the stored grant (refreshing the token if needed) and
 * updates its title and handle. A revoked grant surfaces here as RECONNECT_REQUIRED, and the connection is
 * marked needs_reconnect on the way (by getAccessToken), so the settings page can show the banner.
 */
import { AppError } from "~/lib/errors";
import { tokenProviderFor } from "~/lib/google-oauth/get-access-token";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";
import { getConnection } from "./get-connection";

export async function checkConnection({ userId, logger }: { userId: string; logger: Logger }) {
  const connection = await db.youTubeConnection.findUnique({
    where: { userId },
    select: { id: true, youtubeChannelId: true },
  });
  if (!connection) throw new AppError("NOT_FOUND", "YouTube is not connected.");
  const client = createDefaultYouTubeClient({
    logger,
    purpose: "interactive",
    userId,
    getAccessToken: tokenProviderFor(connection.id, logger),
  });
  const channel = await client.getMyChannel();
  if (!channel || channel.id !== connection.youtubeChannelId) {
    throw new AppError(
      "RECONNECT_REQUIRED",
      "The connected Google account no longer owns this channel. Reconnect YouTube.",
    );
  }
  await db.youTubeConnection.update({
    where: { id: connection.id },
    data: { channelTitle: channel.title, channelHandle: channel.handle },
  });
  return getConnection({ userId });
}
