/**
 * WebSub end to end against the emulator's hub: the callback (the same Request → Response function the
 * Next route serves) on the lane's PUBLIC_URL port, the real websub.subscribe runner, and the hub's signed
 * pushes; then the real sync engine and sync.enrich (test/sync-harness.ts). A verified push records
 * its ids in SyncVideo and makes the channel due — even while a check holds the claim — and the next cycle
 * imports them; forged, unsigned and foreign pushes must change nothing.
 */
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { PgBoss } from "pg-boss";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { JobContract } from "~/lib/jobs/define-job";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe.job";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { handleWebsubSubscribe } from "../../../worker/handlers/websub-subscribe";
import { createJobRunner, type JobHandler } from "../../../worker/lib/run-job";
import { testEmulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import { testBoss } from "@test/job-harness";
import { makeDue, parkAllChannels, runSyncCycle, scheduleOf } from "@test/sync-harness";
import { claimDueChannels, writeBack } from "./channel-schedule";
import { PUSH_MISS_GRACE_MS } from "./check-plan";
import { runCheck } from "./run-check";
import { createSyncClients } from "./sync-clients";
import { handleWebSubRequest } from "./websub-endpoint";
import { callbackUrlFor, topicUrlFor } from "./websub-topic";

const control = testEmulatorControl();
const silent = pino({ level: "silent" });
/** Generous, for a loaded 2-core machine: this checks that the push arrives, not how fast. */
const PUSH_DEADLINE_MS = 30_000;

let callbackServer: Server;
let boss: PgBoss;

async function waitFor<T>(probe: () => Promise<T | null | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function work<Contract extends JobContract>(job: Contract, handler: JobHandler<Contract>) {
  const runner = createJobRunner({ contract: job, handler, boss, logger: silent, parallel: true });
  await boss.work(job.name, { batchSize: 4, pollingIntervalSeconds: 0.5, perJobResults: true }, runner);
}

beforeAll(async () => {
  // Files share the database: channels an earlier file followed must not join this file's cycles.
  await parkAllChannels();
  boss = await testBoss();
  callbackServer = createServer((incoming, reply) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request = new Request(`http://127.0.0.1${incoming.url}`, {
        method: incoming.method,
        headers: incoming.headers as Record<string, string>,
        ...(incoming.method === "POST" ? { body: Buffer.concat(chunks) } : {}),
      });
      void handleWebSubRequest(request, { logger: silent }).then(async (response) => {
        reply.writeHead(response.status, Object.fromEntries(response.headers));
        reply.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) =>
    callbackServer.listen(Number(process.env.TEST_WEBSUB_PORT), "127.0.0.1", resolve),
  );
  await work(websubSubscribeJob, handleWebsubSubscribe);
});

afterEach(async () => {
  await control("POST", "/websub/settings", { paused: false });
  // Leave nothing due for the next test's cycle.
  await parkAllChannels();
});

afterAll(async () => {
  // Stop this file's consumer, or it would take jobs later test files drain themselves.
  await boss.offWork(websubSubscribeJob.name);
  await new Promise((resolve) => callbackServer.close(resolve));
});

async function followedChannel() {
  const handle = `push${randomUUID().slice(0, 8)}`;
  const channel = await control<{ id: string }>("POST", "/channels", { title: `Push ${handle}`, handle: `@${handle}` });
  await control("POST", `/channels/${channel.id}/videos`, {
    kind: "video",
    privacy: "public",
    publishedAt: new Date(Date.now() - 86_400_000).toISOString(),
  });
  const user = await createTestUser();
  const caller = createCaller(user.context);
  await caller.sources.add({ channel: channel.id });
  // The follow queued the hub subscription; the hub verifies our intent at the callback.
  const subscribed = await waitFor(
    () =>
      db.channel.findFirst({
        where: { youtubeChannelId: channel.id, leaseExpiresAt: { gt: new Date() } },
        select: { id: true, hubSecret: true },
      }),
    "the hub to confirm the subscription",
  );
  // First check: the baseline. The follow made the channel due; it is the only one.
  const { results } = await runSyncCycle();
  expect(results).toEqual([expect.objectContaining({ channelId: subscribed.id, outcome: "baseline" })]);
  const schedule = await scheduleOf(channel.id);
  // Push-covered: the next poll is a distant safety net, so a push making it due is visible.
  expect(schedule.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
  return { youtubeChannelId: channel.id, channelId: subscribed.id, user, caller };
}

const projectsOf = (userId: string) =>
  db.project.findMany({ where: { userId }, select: { youtubeVideoId: true, availability: true } });
const syncVideosOf = (channelId: string) =>
  db.syncVideo.findMany({ where: { channelId }, select: { videoId: true, reason: true, doneAt: true } });

/** Waits until the hub's push of `videoId` has been recorded. */
const pushRecorded = (videoId: string) =>
  waitFor(() => db.syncVideo.findUnique({ where: { videoId } }), `the push of ${videoId}`, PUSH_DEADLINE_MS);

describe("WebSub", () => {
  it("records a signed push's upload and makes the channel due; the next cycle imports it; a deletion makes the project unavailable", async () => {
    const { youtubeChannelId, channelId, user, caller } = await followedChannel();
    const source = (await caller.sources.list({})).items[0];
    expect(source?.sync.isPushActive).toBe(true);

    const startedAt = Date.now();
    const video = await control<{ id: string }>("POST", `/channels/${youtubeChannelId}/videos`, {
      kind: "video",
      privacy: "public",
    });
    expect(await pushRecorded(video.id)).toMatchObject({ channelId, reason: "push", doneAt: null });
    console.log(`websub: publish to recorded push in ${Date.now() - startedAt} ms (one sample; not asserted)`);
    const due = await scheduleOf(youtubeChannelId);
    expect(due.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(due.recheck).toBe(false);
    expect(due.channel.lastPushAt).not.toBeNull();
    // The push itself creates nothing: enrichment does, once.
    expect(await projectsOf(user.id)).toEqual([]);

    const { results, enriched } = await runSyncCycle();
    expect(results).toEqual([expect.objectContaining({ channelId, outcome: "new_videos" })]);
    expect(enriched).toMatchObject({ lookedUp: 1, projectsCreated: 1 });
    expect(await projectsOf(user.id)).toEqual([{ youtubeVideoId: video.id, availability: "available" }]);
    expect(await db.syncRun.findFirst({ where: { channelId, outcome: "new_videos" } })).toMatchObject({
      trigger: "push",
      method: "push",
      newVideos: 1,
    });
    expect(await syncVideosOf(channelId)).toEqual([{ videoId: video.id, reason: "push", doneAt: expect.any(Date) }]);

    await control("DELETE", `/videos/${video.id}`);
    await waitFor(
      async () => ((await projectsOf(user.id))[0]?.availability === "deleted" ? true : null),
      "the tombstone",
      PUSH_DEADLINE_MS,
    );
  });

  it("does not lose a push that arrives while a check of the channel holds the claim", async () => {
    const { youtubeChannelId, channelId, user } = await followedChannel();
    await makeDue([youtubeChannelId]);
    // A check claims the channel and reads the feed before the upload exists, as a worker's engine would.
    const token = randomUUID();
    const startedAt = new Date();
    const [claimed] = await claimDueChannels({ limit: 10, leaseMs: 60_000, token });
    expect(claimed?.channelId).toBe(channelId);
    const write = await runCheck({ channel: claimed!, clients: createSyncClients(silent), logger: silent });
    expect(write).toMatchObject({ outcome: "unchanged", detected: [] });
    const claimedUntil = (await scheduleOf(youtubeChannelId)).nextCheckAt!;

    // The upload is pushed while the check still holds the claim: recorded, and marked for a recheck.
    const video = await control<{ id: string }>("POST", `/channels/${youtubeChannelId}/videos`, {
      kind: "video",
      privacy: "public",
    });
    expect(await pushRecorded(video.id)).toMatchObject({ channelId, reason: "push", doneAt: null });
    const during = await scheduleOf(youtubeChannelId);
    expect(during).toMatchObject({ claimToken: token, recheck: true, nextCheckAt: claimedUntil });

    // The check that saw nothing new is written back: the channel is due again at once, not in hours.
    expect(await writeBack([{ ...write, token, startedAt }])).toMatchObject({ written: 1, stale: 0 });
    const after = await scheduleOf(youtubeChannelId);
    expect(after).toMatchObject({ claimToken: null, recheck: false });
    expect(after.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());

    // The next cycle checks it again (its window catches up) and enrichment imports the pushed id, once.
    const { results, enriched } = await runSyncCycle();
    expect(results).toEqual([expect.objectContaining({ channelId, outcome: "new_videos" })]);
    expect(enriched).toMatchObject({ lookedUp: 1, projectsCreated: 1 });
    expect(await projectsOf(user.id)).toEqual([{ youtubeVideoId: video.id, availability: "available" }]);
    expect((await scheduleOf(youtubeChannelId)).channel.recentVideoIds).toContain(video.id);
    expect((await runSyncCycle()).results).toEqual([]);
    expect(await db.project.count({ where: { youtubeVideoId: video.id } })).toBe(1);
  });

  it("drops forged, unsigned and foreign pushes without recording anything, and answers intent checks only for what it asked", async () => {
    const { youtubeChannelId, channelId, user } = await followedChannel();
    await control("POST", "/websub/settings", { paused: true });
    // Published longer ago than PUSH_MISS_GRACE_MS: a poll only blames the hub for uploads a push had time to announce.
    const publishedAt = new Date(Date.now() - 2 * PUSH_MISS_GRACE_MS).toISOString();
    const unannounced = await control<{ id: string }>("POST", `/channels/${youtubeChannelId}/videos`, {
      kind: "video",
      privacy: "public",
      publishedAt,
    });
    const body = `<?xml version="1.0" encoding="UTF-8"?><feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom"><entry><id>yt:video:${unannounced.id}</id><yt:videoId>${unannounced.id}</yt:videoId><yt:channelId>${youtubeChannelId}</yt:channelId><title>forged</title><link rel="alternate" href="https://www.youtube.com/watch?v=${unannounced.id}"/><author><name>x</name><uri>https://www.youtube.com/channel/${youtubeChannelId}</uri></author><published>2026-11-25T00:00:00+00:00</published><updated>2026-11-25T00:00:00+00:00</updated></entry></feed>`;
    const post = (url: string, headers: Record<string, string>, payload: string = body) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/atom+xml", ...headers }, body: payload });
    const forgedSignature = `sha1=${createHmac("sha1", "not-the-secret").update(body).digest("hex")}`;
    const scheduleBefore = await scheduleOf(youtubeChannelId);

    const answers = [
      await post(callbackUrlFor(youtubeChannelId), { "x-hub-signature": forgedSignature }),
      await post(callbackUrlFor(youtubeChannelId), {}),
      await post(callbackUrlFor("UCzzzzzzzzzzzzzzzzzzzzzA"), { "x-hub-signature": forgedSignature }),
      await post(callbackUrlFor(youtubeChannelId), { "x-hub-signature": "sha1=zz" }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([204, 204, 204, 204]);
    const oversized = await post(
      callbackUrlFor(youtubeChannelId),
      { "x-hub-signature": forgedSignature },
      "x".repeat(300 * 1024),
    );
    expect(oversized.status).toBe(413);

    const channel = await db.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(channel.lastPushAt).toBeNull();
    expect(await db.syncVideo.findUnique({ where: { videoId: unannounced.id } })).toBeNull();
    const scheduleAfter = await scheduleOf(youtubeChannelId);
    expect({
      nextCheckAt: scheduleAfter.nextCheckAt,
      recheck: scheduleAfter.recheck,
      claimToken: scheduleAfter.claimToken,
    }).toEqual({
      nextCheckAt: scheduleBefore.nextCheckAt,
      recheck: false,
      claimToken: null,
    });
    // Nothing is due, so a cycle checks nothing and imports nothing.
    expect((await runSyncCycle()).results).toEqual([]);
    expect(await projectsOf(user.id)).toEqual([]);

    const challenge = (topic: string, id: string, mode = "subscribe") =>
      fetch(
        `${callbackUrlFor(id)}&hub.mode=${mode}&hub.topic=${encodeURIComponent(topic)}&hub.challenge=abc&hub.lease_seconds=100`,
      );
    expect((await challenge(topicUrlFor(youtubeChannelId), youtubeChannelId)).status).toBe(404);
    expect((await challenge(topicUrlFor(youtubeChannelId), youtubeChannelId, "unsubscribe")).status).toBe(404);
    expect((await challenge(topicUrlFor("UCzzzzzzzzzzzzzzzzzzzzzA"), "UCzzzzzzzzzzzzzzzzzzzzzA")).status).toBe(404);
    expect((await db.channel.findUniqueOrThrow({ where: { id: channelId } })).leaseExpiresAt).toEqual(
      channel.leaseExpiresAt,
    );

    // The safety-net poll finds the upload the hub never pushed: the channel is marked push-unhealthy.
    await makeDue([youtubeChannelId]);
    await runSyncCycle();
    expect(await projectsOf(user.id)).toEqual([{ youtubeVideoId: unannounced.id, availability: "available" }]);
    const after = await scheduleOf(youtubeChannelId);
    expect(after.channel.pushUnhealthySince).not.toBeNull();
    expect(after.channel.hubRenewAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(after.nextCheckAt!.getTime() - Date.now()).toBeLessThan(20 * 60_000);
  });
});
