/**
 * Subscribing stores a fresh per-channel secret (encrypted at rest) and *what we asked for* (mode and time)
 * before calling the hub, so the hub's intent check (websub-intent.ts) is answered only for topics we
 * requested.
 */
import { randomBytes } from "node:crypto";
import { env } from "~/env";
import { decryptSecret, encryptSecret } from "~/lib/crypto/secret-box";
import { sendVendorRequest, vendorStatusError } from "~/lib/upstream/vendor-request";
import { db } from "~/server/db";
import { httpAgent } from "~/server/http";
import { withBindings, type Logger } from "~/server/logger";
import { callbackUrlFor, isWebSubEnabled, REQUESTED_LEASE_SECONDS, topicUrlFor } from "./websub-topic";

/** When the hub never checked our intent, ask again after this long. */
export const SUBSCRIBE_RETRY_MS = 24 * 60 * 60 * 1000;
export const HUB_TIMEOUT_MS = 10_000;
const SECRET_BYTES = 32;

/**
 * websub.subscribe: asks the hub to subscribe a followed channel (or renew), or to unsubscribe one nobody
 * follows any more — decided now, from the channel as it is. The hub confirms at our callback.
 */
export async function requestSubscription({ channelId, logger }: { channelId: string; logger: Logger }) {
  if (!isWebSubEnabled()) return { outcome: "disabled" as const };
  const channel = await db.channel.findUnique({
    where: { id: channelId },
    select: {
      youtubeChannelId: true,
      hubSecret: true,
      leaseExpiresAt: true,
      schedule: { select: { nextCheckAt: true } },
    },
  });
  if (!channel) return { outcome: "gone" as const };
  const now = new Date();
  // Parked = nobody follows it with auto-sync.
  const mode = channel.schedule?.nextCheckAt ? "subscribe" : "unsubscribe";
  if (mode === "unsubscribe" && !(channel.leaseExpiresAt && channel.leaseExpiresAt > now)) {
    await db.channel.update({ where: { id: channelId }, data: { hubRenewAt: null } });
    return { outcome: "not_subscribed" as const };
  }
  const secret = channel.hubSecret ? decryptSecret(channel.hubSecret) : randomBytes(SECRET_BYTES).toString("hex");
  await db.channel.update({
    where: { id: channelId },
    data: {
      hubSecret: channel.hubSecret ?? encryptSecret(secret),
      hubRequestedAt: now,
      hubRequestedMode: mode,
      hubRenewAt: mode === "subscribe" ? new Date(now.getTime() + SUBSCRIBE_RETRY_MS) : null,
    },
  });
  const form = new URLSearchParams({
    "hub.mode": mode,
    "hub.topic": topicUrlFor(channel.youtubeChannelId),
    "hub.callback": callbackUrlFor(channel.youtubeChannelId),
    "hub.verify": "async",
  });
  if (mode === "subscribe") {
    form.set("hub.secret", secret);
    form.set("hub.lease_seconds", String(REQUESTED_LEASE_SECONDS));
  }
  const reply = await sendVendorRequest({
    upstream: "WebSub hub",
    url: env.YOUTUBE_WEBSUB_HUB_URL,
    method: "POST",
    dispatcher: httpAgent,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    timeoutMs: HUB_TIMEOUT_MS,
  });
  if (reply.status !== 202 && reply.status !== 204) {
    // 5xx is the hub's usual transient trouble: the job retries with backoff.
    throw vendorStatusError("WebSub hub", reply, `${mode} for ${channel.youtubeChannelId}`);
  }
  // The websub.subscribe job's logger already names the channel; withBindings adds it only for other callers.
  withBindings(logger, { channelId }).info({ mode, status: reply.status }, "websub.requested");
  return { outcome: "requested" as const, mode, status: reply.status };
}
