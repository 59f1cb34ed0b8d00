/**
 * The hub checking our intent before it subscribes or unsubscribes a callback. On a confirmed subscribe the
 * granted lease is stored and its renewal scheduled (websub-topic.ts).
 */
import { isChannelId } from "~/lib/youtube/parse-youtube-url";
import { db } from "~/server/db";
import { REQUESTED_LEASE_SECONDS, renewAtFor, topicUrlFor } from "./websub-topic";

/** An intent check is accepted this long after we asked the hub; later ones are not ours. */
export const INTENT_WINDOW_MS = 60 * 60 * 1000;

/**
 * GET /api/websub/youtube: the hub checking our intent. Answers the challenge only when we asked for
 * exactly this (channel, mode) within INTENT_WINDOW_MS; anything else is a 404.
 */
export async function verifyIntent(
  params: URLSearchParams,
  now = new Date(),
): Promise<{ status: 200; challenge: string } | { status: 404 }> {
  const mode = params.get("hub.mode");
  const topic = params.get("hub.topic");
  const challenge = params.get("hub.challenge");
  const youtubeChannelId = params.get("channel_id");
  if (
    (mode !== "subscribe" && mode !== "unsubscribe") ||
    !topic ||
    !challenge ||
    !youtubeChannelId ||
    !isChannelId(youtubeChannelId)
  ) {
    return { status: 404 };
  }
  if (topic !== topicUrlFor(youtubeChannelId)) return { status: 404 };
  const channel = await db.channel.findUnique({
    where: { youtubeChannelId },
    select: { id: true, hubRequestedAt: true, hubRequestedMode: true },
  });
  const isOurs =
    channel?.hubRequestedMode === mode &&
    channel.hubRequestedAt &&
    now.getTime() - channel.hubRequestedAt.getTime() <= INTENT_WINDOW_MS;
  if (!channel || !isOurs) return { status: 404 };
  if (mode === "subscribe") {
    const granted = Number(params.get("hub.lease_seconds"));
    const leaseSeconds =
      Number.isInteger(granted) && granted > 0
        ? Math.min(granted, REQUESTED_LEASE_SECONDS)
        : REQUESTED_LEASE_SECONDS / 2;
    await db.channel.update({
      where: { id: channel.id },
      data: {
        leaseExpiresAt: new Date(now.getTime() + leaseSeconds * 1000),
        hubRenewAt: renewAtFor(leaseSeconds, now),
        hubRequestedMode: null,
        hubRequestedAt: null,
      },
    });
  } else {
    await db.channel.update({
      where: { id: channel.id },
      data: { leaseExpiresAt: null, hubSecret: null, hubRenewAt: null, hubRequestedMode: null, hubRequestedAt: null },
    });
  }
  return { status: 200, challenge };
}
