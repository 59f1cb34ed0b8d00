/**
 * A channel looked up on YouTube by UC id or @handle (channels.list, 1 unit) and recorded in the shared
 * Channel table, which every follower and every import of it reads. A new row starts parked: nothing checks
 * it until someone follows it (followChannel). A channel YouTube returns exists, so a row the sync engine
 * had marked gone is active again.
 */
import type { YouTubeClient } from "~/lib/youtube/client";
import { uploadsPlaylistIdOf, type ChannelLookup } from "~/lib/youtube/parse-youtube-url";
import { db } from "~/server/db";

/** What a caller says when YouTube has no channel for `lookup`. */
export const channelNotFoundMessage = (lookup: ChannelLookup) =>
  `No YouTube channel was found for ${"channelId" in lookup ? lookup.channelId : `@${lookup.handle}`}.`;

/** The channel's row and its uploads playlist; null when YouTube has no such channel. */
export async function upsertChannel({
  client,
  lookup,
  signal,
}: {
  client: YouTubeClient;
  lookup: ChannelLookup;
  signal?: AbortSignal;
}) {
  const channel =
    "channelId" in lookup
      ? ((await client.getChannels({ ids: [lookup.channelId], signal }))[0] ?? null)
      : await client.getChannelByHandle({ handle: lookup.handle, signal });
  if (!channel) return null;
  const details = {
    uploadsPlaylistId: channel.uploadsPlaylistId ?? uploadsPlaylistIdOf(channel.id),
    title: channel.title,
    handle: channel.handle,
    thumbnailUrl: channel.thumbnailUrl,
  };
  const row = await db.channel.upsert({
    where: { youtubeChannelId: channel.id },
    create: { youtubeChannelId: channel.id, ...details },
    update: { ...details, status: "active" },
    select: { id: true, youtubeChannelId: true, status: true },
  });
  return { ...row, uploadsPlaylistId: details.uploadsPlaylistId, title: channel.title };
}
