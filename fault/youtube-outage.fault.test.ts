/**
 * Fault: YouTube is down — every Data API and feed request answers 5xx — for OUTAGE_MS while a channel
 * import and a sync cycle run on a real worker. Scaled down from the 2 minutes to 20 s: the
 * breaker's own timings (10 s window, 10 calls, 30 s before a probe) are the production ones, so the
 * outage still opens it and the first probe lands after the outage has ended.
 * Checked: the breaker opens (worker metric), jobs are rescheduled (not retried, so no retry is burned),
 * the run waits with a resume time and creates no project while Google is down, synced channels back off
 * without creating any, and after recovery everything completes with exact counts.
 */
import { describe, expect, it } from "vitest";
import { BREAKER_ROLLING_WINDOW_MS } from "~/lib/upstream/circuit-breaker";
import { db } from "~/server/db";
import {
  accountedFor,
  channelsCheckedSince,
  channelWithUploads,
  control,
  counters,
  followedChannels,
  importRun,
  cleanUpAfterEachScenario,
  metricValue,
  printOutcome,
  projectsOf,
  retriesUsedByRun,
  scheduleChecksNow,
  sleep,
  startChannelImport,
  startReadyWorker,
  until,
  workerMetrics,
} from "../scripts/test/fault-harness";

const OUTAGE_MS = 20_000;
const VIDEOS = 150;
const SYNCED_CHANNELS = 12;
const DATA_API_OPEN = 'youtube_circuit_state{upstream="youtube_data_api"}';
const FEEDS_OPEN = 'youtube_circuit_state{upstream="youtube_feeds"}';

cleanUpAfterEachScenario();

describe("YouTube outage", () => {
  it("100 % 5xx for 20 s during an import and a sync cycle: breaker opens, jobs wait, nothing partial, exact counts after recovery", async () => {
    const synced = await followedChannels(SYNCED_CHANNELS);
    const worker = await startReadyWorker({ AI_BASE_URL: "" });

    // Baseline check: each channel's current window is remembered, so only uploads after it count as new.
    const baselineAt = await scheduleChecksNow(synced.channelIds);
    await until(async () => (await channelsCheckedSince(synced.channelIds, baselineAt)) === SYNCED_CHANNELS, "the baseline sync", 60_000);
    const baselineDoneAt = Date.now();
    const channel = await channelWithUploads(VIDEOS);
    // The baseline's successful feed reads must leave the breaker's window first, or 12 failures against
    // 12 successes would be exactly 50 % — not over the threshold.
    await sleep(Math.max(0, BREAKER_ROLLING_WINDOW_MS - (Date.now() - baselineDoneAt)));
    const published = await Promise.all(synced.channelIds.map((id) => control<{ id: string }>("POST", `/channels/${id}/videos`, { kind: "video", privacy: "public" })));

    await control("POST", "/faults", { kind: "5xx", rate: 1, endpoint: "*", status: 503 });
    const outageStartedAt = Date.now();
    const before = await counters();
    const { user, runId } = await startChannelImport(channel.id, VIDEOS);
    await scheduleChecksNow(synced.channelIds);

    let dataApiOpened = false;
    let feedsOpened = false;
    let sawWaiting: { waitReason: string | null; resumeAt: Date | null } | null = null;
    while (Date.now() - outageStartedAt < OUTAGE_MS) {
      const text = await workerMetrics(worker);
      dataApiOpened ||= metricValue(text, DATA_API_OPEN) === 2;
      feedsOpened ||= metricValue(text, FEEDS_OPEN) === 2;
      const run = await importRun(runId);
      if (run.status === "waiting") sawWaiting ??= { waitReason: run.waitReason, resumeAt: run.resumeAt };
      // No partial project while Google is down.
      expect((await projectsOf(user.id)).projects).toBe(0);
      await sleep(500);
    }
    const duringOutage = await counters();
    const failedChecks = await db.channel.count({ where: { youtubeChannelId: { in: synced.channelIds }, consecutiveFailures: { gt: 0 } } });
    const syncProjectsDuringOutage = await db.project.count({ where: { youtubeVideoId: { in: published.map((video) => video.id) } } });
    await control("DELETE", "/faults");
    const recoveredAt = Date.now();

    expect(dataApiOpened).toBe(true);
    expect(feedsOpened).toBe(true);
    expect(sawWaiting).toMatchObject({ waitReason: "upstream", resumeAt: expect.any(Date) });
    expect(failedChecks).toBe(SYNCED_CHANNELS);
    expect(syncProjectsDuringOutage).toBe(0);

    await until(async () => (await importRun(runId)).status === "done", "the import to finish after recovery", 120_000);
    const importDoneInMs = Date.now() - recoveredAt;
    // A failed check backs off this channel for 5 min (never before the breaker's retry time); the test
    // stands in for those minutes passing by making the channels due again.
    const backedOff = await db.channel.findMany({ where: { youtubeChannelId: { in: synced.channelIds } }, select: { nextCheckAt: true } });
    expect(backedOff.every((row) => row.nextCheckAt !== null && row.nextCheckAt.getTime() - recoveredAt > 4 * 60_000)).toBe(true);
    // The feeds breaker half-opens 30 s after it opened; one check is its probe and closes it, then the rest run.
    await until(async () => metricValue(await workerMetrics(worker), FEEDS_OPEN) !== 2, "the feeds breaker to half-open", 60_000);
    const [probe, ...rest] = synced.channelIds;
    const probeAt = await scheduleChecksNow([probe!]);
    await until(async () => (await channelsCheckedSince([probe!], probeAt)) === 1, "the probe check", 30_000);
    expect(metricValue(await workerMetrics(worker), FEEDS_OPEN)).toBe(0);
    const resyncAt = await scheduleChecksNow(rest);
    await until(async () => (await channelsCheckedSince(rest, resyncAt)) === rest.length, "the sync after recovery", 60_000);

    const run = await importRun(runId);
    const projects = await projectsOf(user.id);
    expect(run).toMatchObject({ status: "done", total: VIDEOS, imported: VIDEOS, skipped: 0, failed: 0, waitReason: null });
    expect(projects).toEqual({ projects: VIDEOS, duplicates: 0 });
    const retriesUsed = await retriesUsedByRun(runId);
    expect(retriesUsed).toBe(0);
    const [rescheduled] = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM pgboss.job WHERE data->>'runId' = ${runId} AND output ? 'rescheduledTo'`;
    expect(Number(rescheduled?.count)).toBeGreaterThan(0);
    const syncProjects = await db.project.groupBy({ by: ["userId", "youtubeVideoId"], where: { youtubeVideoId: { in: published.map((video) => video.id) } }, _count: true });
    expect(syncProjects).toHaveLength(SYNCED_CHANNELS);
    expect(syncProjects.every((row) => row._count === 1)).toBe(true);
    const dead = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM pgboss.job WHERE name LIKE '%.dead-letter' AND (data->>'runId' = ${runId} OR data->>'channelId' IS NOT NULL AND created_on > ${new Date(outageStartedAt)})`;
    expect(Number(dead[0]?.count)).toBe(0);

    printOutcome("youtube_outage", {
      outageMs: OUTAGE_MS,
      breakerOpened: { dataApi: dataApiOpened, feeds: feedsOpened },
      upstreamRequestsDuringOutage: duringOutage.requests.total - before.requests.total,
      runWhileDown: sawWaiting,
      jobsRescheduled: Number(rescheduled?.count),
      retriesUsed,
      importDoneAfterRecoveryMs: importDoneInMs,
      imported: run.imported,
      projects: projects.projects,
      duplicates: projects.duplicates,
      jobsLost: accountedFor(run),
      checksFailedDuringOutage: failedChecks,
      syncProjectsDuringOutage,
      syncProjectsAfterRecovery: syncProjects.length,
      deadLetters: Number(dead[0]?.count),
    });
  });
});
