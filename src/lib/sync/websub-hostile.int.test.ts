/**
 * Hostile WebSub traffic against the callback (the same Request → Response function the Next route serves)
 * on real Postgres: replayed bodies, a tombstone replayed after the video came back, a
 * push signed for another channel, signature spellings, bodies over the cap with and without a declared
 * length, entity bombs inside a correctly signed body, and intent checks nobody asked for. Each must be
 * dropped with nothing written: no SyncVideo row, the channel's schedule untouched, no job queued.
 * (websub.int.test.ts covers forged, unsigned and foreign pushes end to end through the emulator's hub.)
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { encryptSecret } from "~/lib/crypto/secret-box";
import { WEBSUB_DELIVERY_RETENTION_DAYS } from "~/lib/retention/policies";
import { pruneExpiredRows } from "~/lib/retention/prune-expired-rows";
import { db, pool } from "~/server/db";
import { createTestUser } from "@test/test-user";
import { handleWebSubRequest } from "./websub-endpoint";
import { MAX_PUSH_BYTES } from "./websub-push";
import { callbackUrlFor, topicUrlFor } from "./websub-topic";

const silent = pino({ level: "silent" });
const deps = { logger: silent };
const results: string[] = [];

afterAll(() => {
  console.log(`[hostile] websub:\n${results.join("\n")}`);
});

const randomChannelId = () => `UC${randomBytes(16).toString("base64url").slice(0, 21)}A`;
const randomVideoId = () => `${randomBytes(8).toString("base64url").slice(0, 10)}A`;

/** A followed (next check in an hour), subscribed channel with a known hub secret and one project from it. */
async function subscribedChannel() {
  const youtubeChannelId = randomChannelId();
  const secret = randomBytes(32).toString("hex");
  const channel = await db.channel.create({
    data: {
      youtubeChannelId,
      title: "Hostile",
      hubSecret: encryptSecret(secret),
      leaseExpiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  await db.channelSchedule.update({
    where: { channelId: channel.id },
    data: { nextCheckAt: new Date(Date.now() + 3_600_000) },
  });
  const user = await createTestUser();
  const videoId = randomVideoId();
  await db.project.create({
    data: {
      userId: user.id,
      slug: `p-${videoId}`,
      title: "Mine",
      youtubeVideoId: videoId,
      youtubeChannelId,
      externalUrl: `https://www.youtube.com/watch?v=${videoId}`,
    },
  });
  return { youtubeChannelId, channelId: channel.id, secret, videoId, userId: user.id };
}

const sign = (secret: string, body: string | Buffer) => `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
const publishBody = (youtubeChannelId: string, videoId: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom"><entry><id>yt:video:${videoId}</id><yt:videoId>${videoId}</yt:videoId><yt:channelId>${youtubeChannelId}</yt:channelId><title>new</title><published>${new Date().toISOString()}</published><updated>${new Date().toISOString()}</updated></entry></feed>`;
const tombstoneBody = (youtubeChannelId: string, videoId: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><feed xmlns:at="http://purl.org/atompub/tombstones/1.0" xmlns="http://www.w3.org/2005/Atom"><at:deleted-entry ref="yt:video:${videoId}" when="${new Date().toISOString()}"><link href="https://www.youtube.com/watch?v=${videoId}"/><at:by><name>x</name><uri>https://www.youtube.com/channel/${youtubeChannelId}</uri></at:by></at:deleted-entry></feed>`;

function push(youtubeChannelId: string, body: BodyInit, headers: Record<string, string> = {}) {
  return handleWebSubRequest(
    new Request(callbackUrlFor(youtubeChannelId), {
      method: "POST",
      headers: { "content-type": "application/atom+xml", ...headers },
      body,
      duplex: "half",
    } as RequestInit),
    deps,
  );
}

/**
 * What a push may change: the channel's push bookkeeping, its schedule (made due, or marked for a recheck),
 * the ids it recorded for enrichment, its projects' availability, and any job queued about the channel.
 */
async function footprint(channelId: string, userId: string) {
  const channel = await db.channel.findUniqueOrThrow({
    where: { id: channelId },
    select: { lastPushAt: true, leaseExpiresAt: true, hubRequestedMode: true },
  });
  const schedule = await db.channelSchedule.findUniqueOrThrow({
    where: { channelId },
    select: { nextCheckAt: true, recheck: true, claimToken: true },
  });
  const syncVideos = await db.syncVideo.findMany({
    where: { channelId },
    select: { videoId: true, reason: true, doneAt: true },
    orderBy: { videoId: "asc" },
  });
  const projects = await db.project.findMany({
    where: { userId },
    select: { youtubeVideoId: true, availability: true },
    orderBy: { youtubeVideoId: "asc" },
  });
  const [jobs] = await db.$queryRaw<
    { count: bigint }[]
  >`SELECT count(*) AS count FROM pgboss.job WHERE data->>'channelId' = ${channelId}`;
  return { channel, schedule, syncVideos, projects, jobs: Number(jobs!.count) };
}

async function expectUnchanged(
  label: string,
  world: { channelId: string; userId: string },
  run: () => Promise<Response>,
  status = 204,
) {
  const before = await footprint(world.channelId, world.userId);
  const response = await run();
  expect(response.status, label).toBe(status);
  expect(await footprint(world.channelId, world.userId), label).toEqual(before);
  results.push(`| ${label} | HTTP ${response.status}, nothing written, nothing recorded or made due |`);
}

describe("WebSub under attack", () => {
  it("applies a signed push once; the same body again (a replay, or a redelivery) changes nothing", async () => {
    const world = await subscribedChannel();
    const videoId = randomVideoId();
    const body = publishBody(world.youtubeChannelId, videoId);
    const first = await push(world.youtubeChannelId, body, { "x-hub-signature": sign(world.secret, body) });
    expect(first.status).toBe(204);
    const applied = await footprint(world.channelId, world.userId);
    expect(applied.syncVideos).toEqual([{ videoId, reason: "push", doneAt: null }]);
    expect(applied.schedule.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(applied.channel.lastPushAt).not.toBeNull();
    // The check ran and scheduled the next one; the id was handled and, days later, pruned (the digest is
    // kept longer). The replay must neither record the id again nor make the channel due.
    await db.channelSchedule.update({
      where: { channelId: world.channelId },
      data: { nextCheckAt: new Date(Date.now() + 3_600_000) },
    });
    await db.syncVideo.deleteMany({ where: { channelId: world.channelId } });
    await expectUnchanged("replayed signed publish", world, () =>
      push(world.youtubeChannelId, body, { "x-hub-signature": sign(world.secret, body) }),
    );
  });

  it("forgets delivery digests after their retention, and not before", async () => {
    const day = 24 * 60 * 60 * 1000;
    const [old, recent] = [`old-${randomUUID()}`, `recent-${randomUUID()}`];
    await db.webSubDelivery.createMany({
      data: [
        { digest: old, receivedAt: new Date(Date.now() - (WEBSUB_DELIVERY_RETENTION_DAYS + 1) * day) },
        { digest: recent, receivedAt: new Date(Date.now() - (WEBSUB_DELIVERY_RETENTION_DAYS - 1) * day) },
      ],
    });
    expect((await pruneExpiredRows({ pool, logger: silent })).pruned.WebSubDelivery).toBeGreaterThanOrEqual(1);
    expect(
      (await db.webSubDelivery.findMany({ where: { digest: { in: [old, recent] } }, select: { digest: true } })).map(
        (row) => row.digest,
      ),
    ).toEqual([recent]);
  });

  it("a tombstone replayed after the video came back does not hide it again", async () => {
    const world = await subscribedChannel();
    const body = tombstoneBody(world.youtubeChannelId, world.videoId);
    expect((await push(world.youtubeChannelId, body, { "x-hub-signature": sign(world.secret, body) })).status).toBe(
      204,
    );
    expect((await footprint(world.channelId, world.userId)).projects).toEqual([
      { youtubeVideoId: world.videoId, availability: "deleted" },
    ]);
    // The creator made the video public again and a check restored the project.
    await db.project.updateMany({ where: { userId: world.userId }, data: { availability: "available" } });
    await expectUnchanged("replayed tombstone", world, () =>
      push(world.youtubeChannelId, body, { "x-hub-signature": sign(world.secret, body) }),
    );
  });

  it("drops pushes signed for another channel, and every malformed signature", async () => {
    const world = await subscribedChannel();
    const elsewhere = await subscribedChannel();
    const body = publishBody(world.youtubeChannelId, randomVideoId());
    await expectUnchanged("push signed with another channel's secret", world, () =>
      push(world.youtubeChannelId, body, { "x-hub-signature": sign(elsewhere.secret, body) }),
    );
    const good = sign(world.secret, body);
    const spellings = [
      ["missing signature", {}],
      ["empty signature", { "x-hub-signature": "" }],
      ["sha256= prefix", { "x-hub-signature": good.replace("sha1=", "sha256=") }],
      ["no algorithm", { "x-hub-signature": good.replace("sha1=", "") }],
      ["truncated digest", { "x-hub-signature": good.slice(0, -2) }],
      ["digest plus junk", { "x-hub-signature": `${good}00` }],
      ["signature of a different body", { "x-hub-signature": sign(world.secret, `${body} `) }],
    ] as const;
    for (const [label, headers] of spellings)
      await expectUnchanged(label, world, () => push(world.youtubeChannelId, body, headers));
    await expectUnchanged("unknown topic (no such channel)", world, () =>
      push(randomChannelId(), body, { "x-hub-signature": good }),
    );
    await expectUnchanged("malformed channel_id", world, () =>
      push("not-a-channel", body, { "x-hub-signature": good }),
    );
  });

  it("refuses bodies over the cap whether or not they declare their length, and survives entity bombs in signed bodies", async () => {
    const world = await subscribedChannel();
    const huge = Buffer.alloc(MAX_PUSH_BYTES + 1, "x");
    await expectUnchanged(
      "oversized body (declared length)",
      world,
      () => push(world.youtubeChannelId, huge, { "x-hub-signature": sign(world.secret, huge) }),
      413,
    );
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let sent = 0; sent <= MAX_PUSH_BYTES; sent += 64 * 1024)
            controller.enqueue(new Uint8Array(64 * 1024).fill(120));
          controller.close();
        },
      });
    await expectUnchanged(
      "oversized body (streamed, no length)",
      world,
      () => push(world.youtubeChannelId, stream()),
      413,
    );

    const laughs = `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><feed xmlns="http://www.w3.org/2005/Atom"><entry><yt:videoId>${randomVideoId()}</yt:videoId><title>&d;</title></entry></feed>`;
    const startedAt = performance.now();
    await expectUnchanged("signed billion-laughs body", world, () =>
      push(world.youtubeChannelId, laughs, { "x-hub-signature": sign(world.secret, laughs) }),
    );
    expect(performance.now() - startedAt).toBeLessThan(2_000);
  });

  it("answers intent checks for topics it never asked about with 404, and changes nothing", async () => {
    const world = await subscribedChannel();
    const challenge = (youtubeChannelId: string, query: Record<string, string>) =>
      handleWebSubRequest(
        new Request(`${callbackUrlFor(youtubeChannelId)}&${new URLSearchParams(query).toString()}`),
        deps,
      );
    const base = { "hub.challenge": randomUUID(), "hub.lease_seconds": "1" };
    const cases = [
      [
        "challenge, subscribe nobody requested",
        world.youtubeChannelId,
        { ...base, "hub.mode": "subscribe", "hub.topic": topicUrlFor(world.youtubeChannelId) },
      ],
      [
        "challenge, unsubscribe nobody requested",
        world.youtubeChannelId,
        { ...base, "hub.mode": "unsubscribe", "hub.topic": topicUrlFor(world.youtubeChannelId) },
      ],
      [
        "challenge, topic of another channel",
        world.youtubeChannelId,
        { ...base, "hub.mode": "subscribe", "hub.topic": topicUrlFor(randomChannelId()) },
      ],
      [
        "challenge, unknown channel",
        randomChannelId(),
        { ...base, "hub.mode": "subscribe", "hub.topic": "https://evil.example/feed" },
      ],
      ["challenge, no mode", world.youtubeChannelId, { ...base, "hub.topic": topicUrlFor(world.youtubeChannelId) }],
    ] as const;
    for (const [label, channel, query] of cases)
      await expectUnchanged(label, world, () => challenge(channel, query), 404);
    // Even right after we asked to subscribe, the other mode is not ours.
    await db.channel.update({
      where: { id: world.channelId },
      data: { hubRequestedMode: "subscribe", hubRequestedAt: new Date() },
    });
    await expectUnchanged(
      "challenge, mode we did not ask for",
      world,
      () =>
        challenge(world.youtubeChannelId, {
          ...base,
          "hub.mode": "unsubscribe",
          "hub.topic": topicUrlFor(world.youtubeChannelId),
        }),
      404,
    );
  });
});
