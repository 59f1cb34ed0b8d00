/**
 * WebSub end to end against the emulator's hub: the callback (the same Request → Response function the
 * Next route serves) on the lane's PUBLIC_URL port, the real job runners consuming the real queues, and
 * the hub's signed pushes. A publish must reach the follower's projects in under 5 s; forged, unsigned
 * and foreign pushes must change nothing.
 */
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { PgBoss } from "pg-boss";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobContract } from "~/lib/jobs/define-job";
import { syncCheckChannelJob } from "~/lib/jobs/sync-check-channel";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { handleSyncCheckChannel } from "../../../worker/handlers/sync-check-channel";
import { handleWebsubSubscribe } from "../../../worker/handlers/websub-subscribe";
import { createJobRunner, type JobHandler } from "../../../worker/lib/run-job";
import { testEmulatorControl } from "../../../scripts/test/emulator-control";
import { createTestUser } from "../../../scripts/test/fixtures";
import { testBoss } from "../../../scripts/test/job-harness";
import { scheduleDueChannels } from "./schedule-due";
import { handleWebSubRequest } from "./websub-endpoint";
import { callbackUrlFor, topicUrlFor } from "./websub";

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
      void handleWebSubRequest(request, { boss: async () => boss, logger: silent }).then(async (response) => {
        reply.writeHead(response.status, Object.fromEntries(response.headers));
        reply.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => callbackServer.listen(Number(process.env.TEST_WEBSUB_PORT), "127.0.0.1", resolve));
  await work(syncCheckChannelJob, handleSyncCheckChannel);
  await work(websubSubscribeJob, handleWebsubSubscribe);
});

afterAll(async () => {
  // Stop this file's consumers, or they would take jobs later test files drain themselves.
  await boss.offWork(syncCheckChannelJob.name);
  await boss.offWork(websubSubscribeJob.name);
  await new Promise((resolve) => callbackServer.close(resolve));
  await control("POST", "/websub/settings", { paused: false });
  await db.channel.updateMany({ data: { nextCheckAt: null } });
});

async function followedChannel() {
  const handle = `push${randomUUID().slice(0, 8)}`;
  const channel = await control<{ id: string }>("POST", "/channels", { title: `Push ${handle}`, handle: `@${handle}` });
  await control("POST", `/channels/${channel.id}/videos`, { kind: "video", privacy: "public", publishedAt: new Date(Date.now() - 86_400_000).toISOString() });
  const user = await createTestUser();
  const caller = createCaller(user.context);
  await caller.sources.add({ channel: channel.id });
  // The follow queued the hub subscription; the hub verifies our intent at the callback.
  const subscribed = await waitFor(
    () => db.channel.findFirst({ where: { youtubeChannelId: channel.id, leaseExpiresAt: { gt: new Date() } }, select: { id: true, hubSecret: true } }),
    "the hub to confirm the subscription",
  );
  // First check: the baseline.
  await scheduleDueChannels({ boss, logger: silent, limits: { claimBatch: 100, maxQueuedChecks: 10_000, budgetMs: 10_000 } });
  await waitFor(() => db.channel.findFirst({ where: { id: subscribed.id, lastCheckedAt: { not: null } } }), "the baseline check");
  return { youtubeChannelId: channel.id, channelId: subscribed.id, user, caller };
}

const projectsOf = (userId: string) => db.project.findMany({ where: { userId }, select: { youtubeVideoId: true, availability: true } });

describe("WebSub", () => {
  it("turns a publish into the follower's project through a signed push, and a deletion into an unavailable project", async () => {
    const { youtubeChannelId, channelId, user, caller } = await followedChannel();
    const source = (await caller.sources.list({})).items[0];
    expect(source?.sync.isPushActive).toBe(true);

    const startedAt = Date.now();
    const video = await control<{ id: string }>("POST", `/channels/${youtubeChannelId}/videos`, { kind: "video", privacy: "public" });
    await waitFor(async () => ((await projectsOf(user.id)).length > 0 ? true : null), "the pushed upload's project", PUSH_DEADLINE_MS);
    console.log(`websub: publish to project in ${Date.now() - startedAt} ms (one sample; not asserted)`);
    expect(await projectsOf(user.id)).toEqual([{ youtubeVideoId: video.id, availability: "available" }]);
    // The run is recorded just after the projects' transaction commits.
    const run = await waitFor(() => db.syncRun.findFirst({ where: { channelId, outcome: "new_videos" } }), "the sync run", 2_000);
    expect(run).toMatchObject({ trigger: "push", method: "push", newVideos: 1 });

    await control("DELETE", `/videos/${video.id}`);
    await waitFor(async () => ((await projectsOf(user.id))[0]?.availability === "deleted" ? true : null), "the tombstone", PUSH_DEADLINE_MS);
  });

  it("drops forged, unsigned and foreign pushes without queueing anything, and answers intent checks only for what it asked", async () => {
    const { youtubeChannelId, channelId, user } = await followedChannel();
    await control("POST", "/websub/settings", { paused: true });
    const unannounced = await control<{ id: string }>("POST", `/channels/${youtubeChannelId}/videos`, { kind: "video", privacy: "public" });
    const body = `<?xml version="1.0" encoding="UTF-8"?><feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom"><entry><id>yt:video:${unannounced.id}</id><yt:videoId>${unannounced.id}</yt:videoId><yt:channelId>${youtubeChannelId}</yt:channelId><title>forged</title><link rel="alternate" href="https://www.youtube.com/watch?v=${unannounced.id}"/><author><name>x</name><uri>https://www.youtube.com/channel/${youtubeChannelId}</uri></author><published>2026-11-25T00:00:00+00:00</published><updated>2026-11-25T00:00:00+00:00</updated></entry></feed>`;
    const post = (url: string, headers: Record<string, string>, payload: string = body) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/atom+xml", ...headers }, body: payload });
    const forgedSignature = `sha1=${createHmac("sha1", "not-the-secret").update(body).digest("hex")}`;

    const answers = [
      await post(callbackUrlFor(youtubeChannelId), { "x-hub-signature": forgedSignature }),
      await post(callbackUrlFor(youtubeChannelId), {}),
      await post(callbackUrlFor("UCzzzzzzzzzzzzzzzzzzzzzA"), { "x-hub-signature": forgedSignature }),
      await post(callbackUrlFor(youtubeChannelId), { "x-hub-signature": "sha1=zz" }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([204, 204, 204, 204]);
    const oversized = await post(callbackUrlFor(youtubeChannelId), { "x-hub-signature": forgedSignature }, "x".repeat(300 * 1024));
    expect(oversized.status).toBe(413);

    const channel = await db.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(channel.pendingVideoIds).toEqual([]);
    expect(channel.lastPushAt).toBeNull();
    const queued = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM pgboss.job WHERE name = ${syncCheckChannelJob.name} AND data->>'channelId' = ${channelId} AND data->>'trigger' = 'push'`;
    expect(Number(queued[0]?.count)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await projectsOf(user.id)).toEqual([]);

    const challenge = (topic: string, id: string, mode = "subscribe") =>
      fetch(`${callbackUrlFor(id)}&hub.mode=${mode}&hub.topic=${encodeURIComponent(topic)}&hub.challenge=abc&hub.lease_seconds=100`);
    expect((await challenge(topicUrlFor(youtubeChannelId), youtubeChannelId)).status).toBe(404);
    expect((await challenge(topicUrlFor(youtubeChannelId), youtubeChannelId, "unsubscribe")).status).toBe(404);
    expect((await challenge(topicUrlFor("UCzzzzzzzzzzzzzzzzzzzzzA"), "UCzzzzzzzzzzzzzzzzzzzzzA")).status).toBe(404);
    expect((await db.channel.findUniqueOrThrow({ where: { id: channelId } })).leaseExpiresAt).toEqual(channel.leaseExpiresAt);

    // The safety-net poll finds the upload the hub never pushed: the channel is marked push-unhealthy.
    await db.channel.update({ where: { id: channelId }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
    await scheduleDueChannels({ boss, logger: silent, limits: { claimBatch: 100, maxQueuedChecks: 10_000, budgetMs: 10_000 } });
    await waitFor(async () => ((await projectsOf(user.id)).length > 0 ? true : null), "the safety-net poll");
    const after = await db.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(after.pushUnhealthySince).not.toBeNull();
    expect(after.hubRenewAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(after.nextCheckAt!.getTime() - Date.now()).toBeLessThan(20 * 60_000);
    await control("POST", "/websub/settings", { paused: false });
  });
});
