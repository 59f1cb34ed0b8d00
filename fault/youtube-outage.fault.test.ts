/**
 * Fault: YouTube is down — every Data API and feed request answers 5xx — for OUTAGE_MS while a channel
 * import and a sync cycle run on a real worker. Scaled down from the 2 minutes to 20 s: the
 * breaker's own timings (10 s window, 10 calls, 30 s before a probe) are the production ones, so the
 * outage still opens it and the first probe lands after the outage has ended.
 * Checked: the breaker opens (worker metric), jobs are rescheduled (not retried, so no retry is burned),
 * the run waits with a resume time and creates no project while Google is down, synced channels back off
 * (full jitter between the retry floor and the backoff ceiling, never before the breaker's retry time)
 * without creating any, and after recovery everything completes with exact counts.
 */
import { describe, expect, it } from "vitest";
import { FAILURE_RETRY_FLOOR_MS, failureBackoffMs } from "~/lib/sync/check-schedule";
import { BREAKER_RESET_TIMEOUT_MS, BREAKER_ROLLING_WINDOW_MS } from "~/lib/upstream/circuit-breaker";
import { db } from "~/server/db";
import {
  accountedFor,
  channelsCheckedSince,
  channelWithUploads,
  control,
  counters,
  expectImportedExactly,
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
  untilRunDone,
  workerMetrics,
} from "@test/fault-harness";

const OUTAGE_MS = 20_000;
const VIDEOS = 150;
const SYNCED_CHANNELS = 12;
const DATA_API_OPEN = 'youtube_circuit_state{upstream="youtube_data_api"}';
const FEEDS_OPEN = 'youtube_circuit_state{upstream="youtube_feeds"}';

cleanUpAfterEachScenario();

describe("YouTube outage", () => {
  it("100 % 5xx for 20 s during an import and a sync cycle: breaker opens, jobs wait, nothing partial, exact counts after recovery", async () => {
    const synced = await followedChannels(SYNCED_CHANNELS);
    // Detected uploads are enriched a second after detection instead of the production batching wait.
    const worker = await startReadyWorker({ AI_BASE_URL: "", SYNC_ENRICH_MAX_WAIT_SECONDS: "1" });

    // Baseline check: each channel's current window is remembered, so only uploads after it count as new.
    const baselineAt = await scheduleChecksNow(synced.channelIds);
    await until(
      async () => (await channelsCheckedSince(synced.channelIds, baselineAt)) === SYNCED_CHANNELS,
      "the baseline sync",
      60_000,
    );
    const baselineDoneAt = Date.now();
    const channel = await channelWithUploads(VIDEOS);
    // The baseline's successful feed reads must leave the breaker's window first, or 12 failures against
    // 12 successes would be exactly 50 % — not over the threshold.
    await sleep(Math.max(0, BREAKER_ROLLING_WINDOW_MS - (Date.now() - baselineDoneAt)));
    const published = await Promise.all(
      synced.channelIds.map((id) =>
        control<{ id: string }>("POST", `/channels/${id}/videos`, { kind: "video", privacy: "public" }),
      ),
    );

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
    // The channels' schedules as the outage ends (Google still down), taken when no check holds a claim: a
    // claimed row's nextCheckAt is its lease, not a backoff.
    let schedules: {
      channelId: string;
      nextCheckAt: Date | null;
      failures: number;
      lastOutcome: string | null;
      claimToken: string | null;
    }[] = [];
    let snapshotAt = new Date();
    await until(
      async () => {
        snapshotAt = new Date();
        schedules = await db.channelSchedule.findMany({
          where: { channel: { youtubeChannelId: { in: synced.channelIds } } },
          select: { channelId: true, nextCheckAt: true, failures: true, lastOutcome: true, claimToken: true },
        });
        return schedules.every((row) => row.claimToken === null);
      },
      "a moment with no check in flight",
      10_000,
    );
    const failedChecks = schedules.filter((row) => row.failures > 0 && row.lastOutcome === "failed").length;
    const lastFailedCheck = await db.syncRun.groupBy({
      by: ["channelId"],
      where: {
        channelId: { in: schedules.map((row) => row.channelId) },
        outcome: "failed",
        startedAt: { lt: snapshotAt },
      },
      _max: { startedAt: true, finishedAt: true },
    });
    const syncProjectsDuringOutage = await db.project.count({
      where: { youtubeVideoId: { in: published.map((video) => video.id) } },
    });
    await control("DELETE", "/faults");
    const recoveredAt = Date.now();

    expect(dataApiOpened).toBe(true);
    expect(feedsOpened).toBe(true);
    expect(sawWaiting).toMatchObject({ waitReason: "upstream", resumeAt: expect.any(Date) });
    expect(failedChecks).toBe(SYNCED_CHANNELS);
    expect(syncProjectsDuringOutage).toBe(0);

    await untilRunDone(runId, "the import to finish after recovery", 120_000);
    const importDoneInMs = Date.now() - recoveredAt;
    // Each failed check backed its channel off with full jitter: no sooner than the retry floor, no later
    // than the breaker's retry time plus the backoff ceiling for its failure count. The backoff counts from
    // when the check ended, which lies between its run's start and the write of its result: the floor is
    // held to the first, the ceiling to the second. The test stands in for those minutes passing by making
    // the channels due again below.
    const lastFailure = new Map(
      lastFailedCheck.map((row) => [
        row.channelId,
        { startedAt: row._max.startedAt!.getTime(), finishedAt: row._max.finishedAt!.getTime() },
      ]),
    );
    const backoffs = schedules.map((row) => {
      const failure = lastFailure.get(row.channelId)!;
      return {
        failures: row.failures,
        waitMs: row.nextCheckAt!.getTime() - failure.startedAt,
        sinceWrittenMs: row.nextCheckAt!.getTime() - failure.finishedAt,
      };
    });
    for (const { failures, waitMs, sinceWrittenMs } of backoffs) {
      expect(waitMs).toBeGreaterThanOrEqual(FAILURE_RETRY_FLOOR_MS);
      expect(sinceWrittenMs).toBeLessThanOrEqual(BREAKER_RESET_TIMEOUT_MS + failureBackoffMs(failures));
    }
    // Spread over the window, not one wave: a ±10 % jitter around 5 min would keep all 12 within 60 s.
    const waits = backoffs.map((row) => row.waitMs);
    expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(60_000);
    // The feeds breaker half-opens 30 s after it opened; one check is its probe and closes it, then the rest run.
    await until(
      async () => metricValue(await workerMetrics(worker), FEEDS_OPEN) !== 2,
      "the feeds breaker to half-open",
      60_000,
    );
    const [probe, ...rest] = synced.channelIds;
    const probeAt = await scheduleChecksNow([probe!]);
    await until(async () => (await channelsCheckedSince([probe!], probeAt)) === 1, "the probe check", 30_000);
    expect(metricValue(await workerMetrics(worker), FEEDS_OPEN)).toBe(0);
    const resyncAt = await scheduleChecksNow(rest);
    await until(
      async () => (await channelsCheckedSince(rest, resyncAt)) === rest.length,
      "the sync after recovery",
      60_000,
    );
    // The checks detected the uploads; sync.enrich turns them into projects.
    const publishedIds = published.map((video) => video.id);
    await until(
      async () => (await db.project.count({ where: { youtubeVideoId: { in: publishedIds } } })) >= SYNCED_CHANNELS,
      "the enrichment after recovery",
      60_000,
    );

    const { run, projects } = await expectImportedExactly({ user, runId }, VIDEOS, { waitReason: null });
    const retriesUsed = await retriesUsedByRun(runId);
    expect(retriesUsed).toBe(0);
    const [rescheduled] = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM pgboss.job WHERE data->>'runId' = ${runId} AND output ? 'rescheduledTo'`;
    expect(Number(rescheduled?.count)).toBeGreaterThan(0);
    const syncProjects = await db.project.groupBy({
      by: ["userId", "youtubeVideoId"],
      where: { youtubeVideoId: { in: published.map((video) => video.id) } },
      _count: true,
    });
    expect(syncProjects).toHaveLength(SYNCED_CHANNELS);
    expect(syncProjects.every((row) => row._count === 1)).toBe(true);
    // Checks are not jobs and back off instead of failing; nothing of the import or of sync dead-letters.
    const dead = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM pgboss.job WHERE name LIKE '%.dead-letter'
         AND (data->>'runId' = ${runId} OR name LIKE 'sync.%' OR data->>'channelId' IS NOT NULL AND created_on > ${new Date(outageStartedAt)})`;
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
      backoffSeconds: backoffs.map((row) => Math.round(row.waitMs / 1000)).sort((a, b) => a - b),
      syncProjectsDuringOutage,
      syncProjectsAfterRecovery: syncProjects.length,
      deadLetters: Number(dead[0]?.count),
    });
  });
});
