/**
 * The hub's notifications.
 * - A push is verified before it is parsed: HMAC-SHA1 of the raw body under the channel's secret,
 *   compared in constant time. Forged, unsigned, oversized or foreign pushes change nothing and are
 *   answered 2xx (the spec's advice: never teach a forger what failed).
 * - A signature never expires, so a verified push's digest is kept (WEBSUB_DELIVERY_RETENTION_DAYS in
 *   src/lib/retention/policies.ts): the same body again — a replay, or the hub redelivering what we
 *   already took — changes nothing.
 * - A verified push records the announced ids in SyncVideo (sync.enrich looks them up, 50 per unit, and
 *   creates the projects) and makes the channel due now — or right after a check that holds it — so its
 *   remembered window catches up; an `at:deleted-entry` tombstone marks projects unavailable.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { decryptSecret } from "~/lib/crypto/secret-box";
import { FeedParseError, parseFeed } from "~/lib/youtube/feed";
import { isChannelId } from "~/lib/youtube/parse-youtube-url";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";
import { metrics } from "~/server/metrics";

/** A real notification is a few KB; anything bigger is refused before hashing. */
export const MAX_PUSH_BYTES = 256 * 1024;
/** Ids one push may announce that are recorded; a real notification carries one. */
export const MAX_PENDING_VIDEO_IDS = 200;

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
