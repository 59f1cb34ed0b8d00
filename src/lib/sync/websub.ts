/**
 * WebSub (PubSubHubbub) for followed channels (docs/design.md#sync): the hub pushes new uploads to
 * `/api/websub/youtube?channel_id=UC…`, so a push-covered channel is polled only as a safety net.
 *
 * - Subscribing stores a fresh per-channel secret (encrypted at rest) and *what we asked for* (mode and
 *   time) before calling the hub, so the hub's intent check is answered only for topics we requested.
 * - The lease the hub grants is stored; renewal is due ~80 % into it, with jitter, so a day-0 follow of
 *   100K channels does not renew in one minute (websub-renewals.ts queues them at a rate that follows scale).
 * - A push is verified before it is parsed: HMAC-SHA1 of the raw body under the channel's secret,
 *   compared in constant time. Forged, unsigned, oversized or foreign pushes change nothing and are
 *   answered 2xx (the spec's advice: never teach a forger what failed).
 * - A signature never expires, so a verified push's digest is kept (WEBSUB_DELIVERY_RETENTION_DAYS in
 *   src/lib/retention/policies.ts): the same body again — a replay, or the hub redelivering what we
 *   already took — changes nothing.
 * - A verified push records the announced ids in SyncVideo (sync.enrich looks them up, 50 per unit, and
 *   creates the projects) and makes the channel due now — or right after a check that holds it — so its
 *   remembered window catches up; an `at:deleted-entry` tombstone marks projects unavailable.
 * Off entirely while PUBLIC_URL is unset: the hub could not reach us.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { request } from "undici";
import { env } from "~/env";
import { decryptSecret, encryptSecret } from "~/lib/crypto/secret-box";
import { FeedParseError, parseFeed } from "~/lib/youtube/feed";
import { isChannelId } from "~/lib/youtube/parse-youtube-url";
import { db } from "~/server/db";
import { httpAgent } from "~/server/http";
import { withBindings, type Logger } from "~/server/logger";
import { metrics } from "~/server/metrics";

/** We ask for the longest lease Google grants; it may give less, and says so in the intent check. */
export const REQUESTED_LEASE_SECONDS = 10 * 24 * 60 * 60;
/** Renewal falls between these shares of the granted lease (jitter spreads a mass follow). */
export const RENEW_AT_LEASE_SHARE_MIN = 0.75;
export const RENEW_AT_LEASE_SHARE_MAX = 0.85;
/** An intent check is accepted this long after we asked the hub; later ones are not ours. */
export const INTENT_WINDOW_MS = 60 * 60 * 1000;
/** When the hub never checked our intent, ask again after this long. */
export const SUBSCRIBE_RETRY_MS = 24 * 60 * 60 * 1000;
/** A real notification is a few KB; anything bigger is refused before hashing. */
export const MAX_PUSH_BYTES = 256 * 1024;
export const HUB_TIMEOUT_MS = 10_000;
const SECRET_BYTES = 32;
/** Ids one push may announce that are recorded; a real notification carries one. */
export const MAX_PENDING_VIDEO_IDS = 200;

export const isWebSubEnabled = () => !!env.PUBLIC_URL;

export const topicUrlFor = (youtubeChannelId: string) =>
  `https://www.youtube.com/xml/feeds/videos.xml?channel_id=${youtubeChannelId}`;

export function callbackUrlFor(youtubeChannelId: string): string {
  const url = new URL("/api/websub/youtube", env.PUBLIC_URL);
  url.searchParams.set("channel_id", youtubeChannelId);
  return url.toString();
}

/** When a lease granted at `now` renews: uniformly 75–85 % into it, so leases granted together spread out. */
export function renewAtFor(leaseSeconds: number, now: Date, random: () => number = Math.random): Date {
  const share = RENEW_AT_LEASE_SHARE_MIN + (RENEW_AT_LEASE_SHARE_MAX - RENEW_AT_LEASE_SHARE_MIN) * random();
  return new Date(now.getTime() + Math.round(leaseSeconds * 1000 * share));
}

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
  const reply = await request(env.YOUTUBE_WEBSUB_HUB_URL, {
    method: "POST",
    dispatcher: httpAgent,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    signal: AbortSignal.timeout(HUB_TIMEOUT_MS),
  });
  const text = (await reply.body.text()).slice(0, 200);
  if (reply.statusCode !== 202 && reply.statusCode !== 204) {
    // 5xx is the hub's usual transient trouble: the job retries with backoff.
    throw new Error(`WebSub hub answered ${reply.statusCode} to ${mode} for ${channel.youtubeChannelId}: ${text}`);
  }
  // The websub.subscribe job's logger already names the channel; withBindings adds it only for other callers.
  withBindings(logger, { channelId }).info({ mode, status: reply.statusCode }, "websub.requested");
  return { outcome: "requested" as const, mode, status: reply.statusCode };
}

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

/** Constant-time check of `X-Hub-Signature: sha1=<hex>` (the prefix names the algorithm). */
export function isValidSignature(header: string | null, body: Uint8Array, secret: string): boolean {
  if (!header) return false;
  const [algorithm, hex] = header.split("=", 2);
  if (algorithm !== "sha1" || !hex || !/^[0-9a-f]{40}$/i.test(hex)) return false;
  const expected = createHmac("sha1", secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hex, "hex"));
}

export type PushResult = {
  status: 200 | 413;
  verified: boolean;
  enqueued: boolean;
  announced: number;
  deleted: number;
};

/** POST /api/websub/youtube: a notification. Verified before parsed; answered at once. */
export async function receivePush({
  youtubeChannelId,
  signature,
  body,
  logger,
}: {
  youtubeChannelId: string | null;
  signature: string | null;
  /** The raw body; null when it was larger than MAX_PUSH_BYTES and not read. */
  body: Uint8Array | null;
  logger: Logger;
}): Promise<PushResult> {
  const dropped = (status: 200 | 413, reason: string): PushResult => {
    metrics.websubPushesTotal.inc({ verified: "false" });
    logger.warn({ youtubeChannelId, reason, bytes: body?.byteLength ?? null }, "websub.push_dropped");
    return { status, verified: false, enqueued: false, announced: 0, deleted: 0 };
  };
  if (body === null || body.byteLength > MAX_PUSH_BYTES) return dropped(413, "oversized");
  if (!youtubeChannelId || !isChannelId(youtubeChannelId)) return dropped(200, "unknown_topic");
  const channel = await db.channel.findUnique({
    where: { youtubeChannelId },
    select: { id: true, hubSecret: true, schedule: { select: { nextCheckAt: true } } },
  });
  if (!channel?.hubSecret) return dropped(200, "unknown_topic");
  if (!isValidSignature(signature, body, decryptSecret(channel.hubSecret))) return dropped(200, "bad_signature");
  const digest = createHash("sha256").update(`${youtubeChannelId}\n`).update(body).digest("hex");
  const isFirstDelivery =
    (await db.$executeRaw`INSERT INTO "WebSubDelivery" ("digest") VALUES (${digest}) ON CONFLICT DO NOTHING`) === 1;
  if (!isFirstDelivery) return dropped(200, "replayed");
  metrics.websubPushesTotal.inc({ verified: "true" });
  try {
    return await applyPush({ youtubeChannelId, channel, body, logger });
  } catch (error) {
    // Not applied: forget the digest so the hub's redelivery is not mistaken for a replay.
    await db.webSubDelivery.deleteMany({ where: { digest } });
    throw error;
  }
}

async function applyPush({
  youtubeChannelId,
  channel,
  body,
  logger,
}: {
  youtubeChannelId: string;
  channel: { id: string; schedule: { nextCheckAt: Date | null } | null };
  body: Uint8Array;
  logger: Logger;
}): Promise<PushResult> {
  let feed;
  try {
    feed = parseFeed(Buffer.from(body).toString("utf8"));
  } catch (error) {
    if (!(error instanceof FeedParseError)) throw error;
    logger.warn({ youtubeChannelId, error: error.message }, "websub.push_unreadable");
    return { status: 200, verified: true, enqueued: false, announced: 0, deleted: 0 };
  }
  const announced = [
    ...new Set(feed.entries.filter((entry) => entry.channelId === youtubeChannelId).map((entry) => entry.videoId)),
  ];
  const deleted = feed.deletedVideoIds;
  if (deleted.length > 0) {
    // Deleted or made private: keep the projects, say they are unavailable.
    await db.project.updateMany({
      where: { youtubeVideoId: { in: deleted }, youtubeChannelId, availability: "available" },
      data: { availability: "deleted" },
    });
  }
  let enqueued = false;
  if (announced.length > 0 && channel.schedule?.nextCheckAt) {
    // Whether or not a check of this channel is running, the ids are recorded and the channel is due again.
    await db.$transaction([
      db.$executeRaw`
        INSERT INTO "SyncVideo" ("videoId", "channelId", "reason")
        SELECT id, ${channel.id}::uuid, 'push' FROM unnest(${announced.slice(0, MAX_PENDING_VIDEO_IDS)}::text[]) AS id
        ON CONFLICT ("videoId") DO NOTHING`,
      db.$executeRaw`UPDATE "Channel" SET "lastPushAt" = now() WHERE "id" = ${channel.id}::uuid`,
      db.$executeRaw`
        UPDATE "ChannelSchedule" SET
          "nextCheckAt" = CASE WHEN "claimToken" IS NULL THEN least("nextCheckAt", now()) ELSE "nextCheckAt" END,
          "recheck" = "claimToken" IS NOT NULL
         WHERE "channelId" = ${channel.id}::uuid AND "nextCheckAt" IS NOT NULL`,
    ]);
    enqueued = true;
  }
  logger.info(
    { youtubeChannelId, announced: announced.length, deleted: deleted.length, enqueued },
    "websub.push_received",
  );
  return { status: 200, verified: true, enqueued, announced: announced.length, deleted: deleted.length };
}
