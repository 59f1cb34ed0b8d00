/**
 * Importing videos through the tRPC procedure and the worker's handler, against the emulator and the
 * run's database: counts, idempotency, races, skipped reasons, bad input and our own rate limit.
 */
import { randomUUID } from "node:crypto";
import type { Job } from "pg-boss";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { encryptSecret } from "~/lib/crypto/secret-box";
import { isAppError } from "~/lib/errors";
import { IMPORT_BATCH_RATE_LIMIT, rateLimiterFor } from "~/lib/rate-limit/limiters";
import { importVideosJob } from "~/lib/jobs/import-videos.job";
import { getOpsOverview } from "~/lib/ops/get-ops-overview";
import { CONFIG_RECHECK_DELAY_MS } from "~/lib/youtube/client";
import { youtubeBreakers } from "~/lib/youtube/default-client";
import { db, onQuery } from "~/server/db";
import { metrics } from "~/server/metrics";
import { createContextInner } from "~/trpc/context";
import { createCaller } from "~/trpc/routers/_app";
import { handleImportVideos } from "../../../worker/handlers/import-videos";
import { testEmulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import { jobContext, testBoss } from "@test/job-harness";
import { createJobRunner } from "../../../worker/lib/run-job";

const control = testEmulatorControl();

async function channelWithVideos(count: number): Promise<string[]> {
  const channel = await control<{ id: string }>("POST", "/channels", {
    title: `Import test ${randomUUID().slice(0, 6)}`,
  });
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const title = index % 2 === 0 ? `Color grading in DaVinci Resolve #${index}` : `Blender modelling session ${index}`;
    ids.push(
      (
        await control<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
          kind: "video",
          privacy: "public",
          title,
        })
      ).id,
    );
  }
  return ids;
}

/** Runs the job the procedure enqueued, the way the worker would, by reading it back from pg-boss. */
async function runQueuedJob(runId: string) {
  const [job] = await db.$queryRaw<{ data: { runId: string; batch: number; videoIds: string[] } }[]>`
    SELECT data FROM pgboss.job WHERE name = 'youtube.import-videos' AND data->>'runId' = ${runId}`;
  expect(job).toBeDefined();
  return handleImportVideos(job!.data, await jobContext());
}

const runOf = (runId: string) => db.importRun.findUniqueOrThrow({ where: { id: runId } });

const videosListRequests = async () =>
  (await control<{ requests: { byEndpoint: Record<string, number> } }>("GET", "/counters")).requests.byEndpoint[
    "videos.list"
  ] ?? 0;

async function configOutcomes(): Promise<number> {
  const { values } = await metrics.youtubeApiRequestsTotal.get();
  return values.find((value) => value.labels.method === "videos.list" && value.labels.outcome === "config")?.value ?? 0;
}

describe("imports.importVideos", () => {
  it("imports 50 videos in one videos.list call, tags them, and a second import skips them all", async () => {
    const videoIds = await channelWithVideos(50);
    const user = await createTestUser();
    const caller = createCaller(user.context);
    const { runId } = await caller.imports.importVideos({
      videos: videoIds.map((id, index) => (index % 3 === 0 ? `https://youtu.be/${id}` : id)),
    });
    expect(await caller.imports.get({ runId })).toMatchObject({
      status: "queued",
      total: 50,
      imported: 0,
      label: "50 videos",
    });

    await runQueuedJob(runId);
    expect(await caller.imports.get({ runId })).toMatchObject({
      status: "done",
      total: 50,
      imported: 50,
      skipped: 0,
      failed: 0,
      unitsSpent: 1,
    });
    const projects = await db.project.findMany({
      where: { userId: user.id },
      select: {
        youtubeVideoId: true,
        analysisStatus: true,
        slug: true,
        tools: { select: { tool: { select: { slug: true } } } },
      },
    });
    expect(projects).toHaveLength(50);
    expect(new Set(projects.map((project) => project.slug)).size).toBe(50);
    // The AI pass is queued (the emulator is the AI here): until it runs, the matcher's tags stand.
    expect(projects.every((project) => project.analysisStatus === "pending")).toBe(true);
    const tagged = projects.flatMap((project) => project.tools.map((link) => link.tool.slug));
    expect(tagged).toEqual(expect.arrayContaining(["davinci-resolve", "blender"]));

    const again = await caller.imports.importVideos({ videos: videoIds });
    await runQueuedJob(again.runId);
    expect(await caller.imports.get({ runId: again.runId })).toMatchObject({
      status: "done",
      imported: 0,
      skipped: 50,
      unitsSpent: 0,
      skipReasons: { already_imported: 50 },
    });
    expect(await db.project.count({ where: { userId: user.id } })).toBe(50);
  });

  it("creates the run and its job in one statement, together", async () => {
    const user = await createTestUser();
    const caller = createCaller(user.context);
    const statements: string[] = [];
    const stop = onQuery((event) => statements.push(event.query));
    let runId: string;
    try {
      ({ runId } = await caller.imports.importVideos({
        videos: ["dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ", "9bZkp7q19f0"],
      }));
    } finally {
      stop();
    }
    // The rate limit's statement, then the run and job insert.
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/"RateLimit"/);
    expect(statements[1]).toMatch(/INSERT INTO "ImportRun"/);
    expect(await runOf(runId)).toMatchObject({
      userId: user.id,
      kind: "videos",
      status: "queued",
      total: 2,
      label: "2 videos",
      params: { videoIds: ["dQw4w9WgXcQ", "9bZkp7q19f0"] },
    });
    // A UUIDv7, like the database's own ids: time-ordered.
    expect(runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const jobs = await db.$queryRaw<{ data: unknown; state: string }[]>`
      SELECT data, state::text AS state FROM pgboss.job WHERE name = 'youtube.import-videos' AND data->>'runId' = ${runId}`;
    expect(jobs).toEqual([{ data: { runId, batch: 0, videoIds: ["dQw4w9WgXcQ", "9bZkp7q19f0"] }, state: "created" }]);
  });

  it("two concurrent imports of the same 50 videos create 50 projects in total", async () => {
    const videoIds = await channelWithVideos(50);
    const user = await createTestUser();
    const caller = createCaller(user.context);
    const [first, second] = await Promise.all([
      caller.imports.importVideos({ videos: videoIds }),
      caller.imports.importVideos({ videos: videoIds }),
    ]);
    await Promise.all([runQueuedJob(first.runId), runQueuedJob(second.runId)]);
    expect(await db.project.count({ where: { userId: user.id } })).toBe(50);
    const [a, b] = [await runOf(first.runId), await runOf(second.runId)];
    expect(a.imported + b.imported).toBe(50);
    expect(a.imported + a.skipped).toBe(50);
    expect(b.imported + b.skipped).toBe(50);
  });

  it("a retried batch is applied once: counters do not move the second time", async () => {
    const videoIds = await channelWithVideos(3);
    const user = await createTestUser();
    const { runId } = await createCaller(user.context).imports.importVideos({ videos: videoIds });
    expect(await runQueuedJob(runId)).toMatchObject({ outcome: "applied", imported: 3 });
    expect(await runQueuedJob(runId)).toEqual({ outcome: "already_applied" });
    expect(await runOf(runId)).toMatchObject({ imported: 3, skipped: 0, status: "done" });
  });

  it("counts unknown and deleted videos as skipped with a reason", async () => {
    const [kept, deleted] = await channelWithVideos(2);
    await control("DELETE", `/videos/${deleted}`);
    const user = await createTestUser();
    const { runId } = await createCaller(user.context).imports.importVideos({
      videos: [kept!, deleted!, "AAAAAAAAAAA"],
    });
    await runQueuedJob(runId);
    expect(await runOf(runId)).toMatchObject({
      status: "done",
      imported: 1,
      skipped: 2,
      skipReasons: { unavailable: 2 },
    });
  });

  it("waits, with the resume time, when the quota is spent — and imports nothing meanwhile", async () => {
    const videoIds = await channelWithVideos(2);
    const user = await createTestUser();
    const { runId } = await createCaller(user.context).imports.importVideos({ videos: videoIds });
    await control("POST", "/faults", { kind: "quotaExceeded", count: 1, endpoint: "videos" });
    const error = await runQueuedJob(runId).catch((caught: unknown) => caught);
    expect(isAppError(error, "QUOTA_EXHAUSTED")).toBe(true);
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: "waiting", waitReason: "quota", imported: 0 });
    expect(run.resumeAt!.getTime()).toBe((error as { retryAt: Date }).retryAt.getTime());
    expect(await db.project.count({ where: { userId: user.id } })).toBe(0);
    // Clear the day the emulator's fault closed, so later tests can spend units again.
    await db.quotaDay.updateMany({ where: { scope: "project" }, data: { exhaustedUntil: null } });
  });

  it.each(["current", "legacy"] as const)(
    "a bad API key (%s layout) makes the run wait with reason configuration, once, and tells the operator",
    async (layout) => {
      const videoIds = await channelWithVideos(2);
      const user = await createTestUser();
      const { runId } = await createCaller(user.context).imports.importVideos({ videos: videoIds });
      await control("POST", "/faults", { kind: "apiKeyInvalid", layout, endpoint: "videos" });
      const requestsBefore = await videosListRequests();
      const configBefore = await configOutcomes();
      const startedAt = Date.now();
      // The worker's own wrapper around the real handler, on the job the procedure queued.
      const [queued] = await db.$queryRaw<{ id: string; data: unknown }[]>`
        SELECT id, data FROM pgboss.job WHERE name = ${importVideosJob.name} AND data->>'runId' = ${runId}`;
      const job: Job<unknown> = {
        id: queued!.id,
        data: queued!.data,
        name: importVideosJob.name,
        expireInSeconds: importVideosJob.defaults.expireInSeconds ?? 0,
        heartbeatSeconds: null,
        retryCount: 0,
        signal: new AbortController().signal,
      };
      const runner = createJobRunner({
        contract: importVideosJob,
        handler: handleImportVideos,
        boss: await testBoss(),
        logger: pino({ level: "silent" }),
      });
      const [result] = await runner([job]);
      await control("DELETE", "/faults");

      // Rescheduled for the recheck: neither failed (pg-boss would retry at once) nor dead-lettered.
      expect(result).toMatchObject({ status: "completed", output: { code: "UPSTREAM_MISCONFIGURED" } });
      const rescheduledTo = new Date((result!.output as { rescheduledTo: string }).rescheduledTo);
      expect(rescheduledTo.getTime()).toBeGreaterThanOrEqual(startedAt + CONFIG_RECHECK_DELAY_MS);
      const run = await runOf(runId);
      expect(run).toMatchObject({
        status: "waiting",
        waitReason: "configuration",
        imported: 0,
        error: "Showreel cannot reach YouTube because of a configuration problem; an administrator has been told.",
      });
      expect(run.resumeAt).toEqual(rescheduledTo);
      // Never retried: one request reached Google.
      expect((await videosListRequests()) - requestsBefore).toBe(1);
      // The operator's signals: the counter, and the /ops line naming the reason.
      expect((await configOutcomes()) - configBefore).toBe(1);
      const reason = layout === "current" ? "API_KEY_INVALID" : "keyInvalid";
      await expect
        .poll(async () => (await getOpsOverview()).configErrors.find((seen) => seen.reason === reason))
        .toMatchObject({
          method: "videos.list",
          status: 400,
        });
      expect(youtubeBreakers().dataApi.state()).toBe("closed");
      // Once the key is fixed, the rescheduled copy imports the videos.
      const [copy] = await db.$queryRaw<
        { data: { runId: string; batch: number; videoIds: string[] }; startAfter: Date }[]
      >`
        SELECT data, start_after AS "startAfter" FROM pgboss.job
         WHERE name = ${importVideosJob.name} AND data->>'runId' = ${runId} AND id <> ${queued!.id}::uuid`;
      expect(copy!.startAfter).toEqual(rescheduledTo);
      await handleImportVideos(copy!.data, await jobContext());
      expect(await runOf(runId)).toMatchObject({ status: "done", imported: 2, waitReason: null });
    },
  );

  it("rejects bad input with a message naming the line, and more than 50 videos", async () => {
    const caller = createCaller((await createTestUser()).context);
    await expect(
      caller.imports.importVideos({ videos: ["dQw4w9WgXcQ", "https://youtube.com.evil.com/watch?v=dQw4w9WgXcQ"] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^Line 2: .*isn't a YouTube address/),
    });
    await expect(
      caller.imports.importVideos({ videos: Array.from({ length: 51 }, () => "dQw4w9WgXcQ") }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.imports.importVideos({ videos: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.imports.get({ runId: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("allows 10 imports an hour per user, then answers TOO_MANY_REQUESTS with Retry-After", async () => {
    const user = await createTestUser();
    for (let index = 0; index < 10; index += 1)
      await createCaller(user.context).imports.importVideos({ videos: ["dQw4w9WgXcQ"] });
    const resHeaders = new Headers();
    const error = await createCaller(createContextInner({ session: user.session, resHeaders }))
      .imports.importVideos({ videos: ["dQw4w9WgXcQ"] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringContaining("10 imports this hour"),
    });
    const retryAfter = Number(resHeaders.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // Another user is not affected.
    await createCaller((await createTestUser()).context).imports.importVideos({ videos: ["dQw4w9WgXcQ"] });
  });

  it("caps import batches per second across all workers: over the cap the batch waits a moment", async () => {
    const videoIds = await channelWithVideos(1);
    const user = await createTestUser();
    const { runId } = await createCaller(user.context).imports.importVideos({ videos: videoIds });
    // As if other workers had just spent the cap: the shared key is blocked for two seconds.
    await rateLimiterFor(IMPORT_BATCH_RATE_LIMIT).block("global", 2);
    const error = await runQueuedJob(runId).catch((caught: unknown) => caught);
    expect(isAppError(error, "RATE_LIMITED")).toBe(true);
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: "waiting", waitReason: "rate_limit" });
    expect(run.resumeAt!.getTime() - Date.now()).toBeLessThanOrEqual(2000);
    // Once the block is over, the batch goes through.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await runQueuedJob(runId);
    expect(await runOf(runId)).toMatchObject({ status: "done", imported: 1, waitReason: null });
  });

  it("pauses the run (never leaves it running) when the user's YouTube grant turns out to be revoked", async () => {
    const videoIds = await channelWithVideos(1);
    const user = await createTestUser();
    await db.youTubeConnection.create({
      data: {
        userId: user.id,
        googleAccountId: `revoked-${user.id}`,
        youtubeChannelId: "UC_x5XG1OV2P6uZZ5FSM9Ttw",
        channelTitle: "Revoked",
        scopes: [],
        accessTokenEnc: encryptSecret("expired-token"),
        refreshTokenEnc: encryptSecret("1//unknown-refresh-token"),
        accessTokenExpiresAt: new Date(Date.now() - 1000),
      },
    });
    const { runId } = await createCaller(user.context).imports.importVideos({ videos: videoIds });
    const error = await runQueuedJob(runId).catch((caught: unknown) => caught);
    expect(isAppError(error, "RECONNECT_REQUIRED")).toBe(true);
    // Paused for the user, not failed: reconnecting re-queues it (fault/token-revoked.fault.test.ts).
    expect(await runOf(runId)).toMatchObject({
      status: "waiting",
      waitReason: "reconnect",
      resumeAt: null,
      error: expect.stringMatching(/Reconnect/),
    });
    expect((await db.youTubeConnection.findUniqueOrThrow({ where: { userId: user.id } })).status).toBe(
      "needs_reconnect",
    );
  });

  it("never shows one user's run to another", async () => {
    const owner = await createTestUser();
    const { runId } = await createCaller(owner.context).imports.importVideos({ videos: ["dQw4w9WgXcQ"] });
    await expect(createCaller((await createTestUser()).context).imports.get({ runId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
