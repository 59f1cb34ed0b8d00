/**
 * One batch of an import run (youtube.import-videos): fetch the videos YouTube still has, create projects
 * for the ones the user does not have yet, and add the outcome to the run's counters — all writes in one
 * transaction, applied at most once per (run, batch), so a retried or duplicated job never counts twice.
 * When YouTube makes us wait (quota, rate limit, outage) the run is marked waiting with resumeAt, and the
 * error goes up so the worker reschedules the job for then (import-run-state.ts).
 */
import { fromPrisma } from "pg-boss";
import { env } from "~/env";
import type { Prisma } from "~/generated/prisma/client";
import { isAiConfigured } from "~/lib/analysis/ai-client";
import { loadCatalogIndex, type CatalogIndex } from "~/lib/analysis/catalog-matcher";
import {
  ANALYSIS_PRIORITY_BULK,
  ANALYSIS_PRIORITY_INTERACTIVE,
  analyzeProjectJob,
} from "~/lib/jobs/analyze-project.job";
import { enqueueMany, type JobSender } from "~/lib/jobs/enqueue";
import { consumeRateLimit, IMPORT_BATCH_RATE_LIMIT } from "~/lib/rate-limit/limiters";
import { findYouTubeAccess, tokenProviderFor } from "~/lib/google-oauth/get-access-token";
import { createProjectsFromVideos } from "~/lib/projects/create-projects-from-videos";
import type { VideosResult } from "~/lib/youtube/client";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import { db } from "~/server/db";
import { withBindings, type Logger } from "~/server/logger";
import { applyBatch, isPausedForReconnect, runStep, startRun, type BatchCounts } from "./import-run-state";
import type { SkipReasonCounts } from "./imports.schema";

/** The batch's videos the user has not imported yet, as YouTube has them; runs as the user when connected. */
async function fetchNewVideos({
  runId,
  userId,
  videoIds,
  log,
  signal,
}: {
  runId: string;
  userId: string;
  videoIds: readonly string[];
  log: Logger;
  signal: AbortSignal | undefined;
}) {
  const existing = await db.project.findMany({
    where: { userId, youtubeVideoId: { in: [...videoIds] } },
    select: { youtubeVideoId: true },
  });
  const existingIds = new Set(existing.map((project) => project.youtubeVideoId));
  const toFetch = videoIds.filter((id) => !existingIds.has(id));

  // The user's own token sees their unlisted and private uploads; without a connection the API key is used.
  const connection = await findYouTubeAccess({ userId });
  const asUser = connection?.status === "active";
  let unitsSpent = 0;
  const client = createDefaultYouTubeClient({
    logger: log,
    purpose: "interactive",
    userId,
    getAccessToken: asUser ? tokenProviderFor(connection.connectionId, log) : undefined,
    onUnitsSpent: (units) => (unitsSpent += units),
  });

  let fetched: VideosResult = { videos: [], missingIds: [], invalid: [] };
  if (toFetch.length > 0) {
    fetched = await runStep(runId, async () => {
      // Over the global cap this throws RATE_LIMITED with a retryAt a second away; the job is rescheduled.
      await consumeRateLimit(IMPORT_BATCH_RATE_LIMIT, "global");
      return client.getVideos({ ids: toFetch, asUser, signal });
    });
  }
  return { existingIds, fetched, unitsSpent };
}

/** Creates the batch's projects, queues their AI pass and adds the outcome to the run, in `tx`. */
async function recordBatch({
  tx,
  runId,
  userId,
  batch,
  batchSize,
  contentSourceId,
  presetSkips,
  fetchedVideos: { existingIds, fetched, unitsSpent },
  catalog,
  boss,
}: {
  tx: Prisma.TransactionClient;
  runId: string;
  userId: string;
  batch: number;
  batchSize: number;
  contentSourceId: string | null;
  presetSkips: SkipReasonCounts;
  fetchedVideos: Awaited<ReturnType<typeof fetchNewVideos>>;
  catalog: CatalogIndex;
  boss: JobSender;
}): Promise<BatchCounts | null> {
  const publishable = fetched.videos.filter((video) => video.kind !== "upcoming");
  const isAiPending = isAiConfigured();
  const { createdVideoIds, createdProjectIds } = await createProjectsFromVideos({
    tx,
    owners: [{ userId, contentSourceId }],
    videos: publishable,
    importRunId: runId,
    catalog,
    isAiPending,
  });
  if (isAiPending) {
    // Big imports already carry the matcher's tags; their AI pass waits behind interactive work.
    const priority =
      batchSize > env.AI_ANALYSIS_BULK_THRESHOLD ? ANALYSIS_PRIORITY_BULK : ANALYSIS_PRIORITY_INTERACTIVE;
    const payloads = createdProjectIds.map((projectId) => ({ projectId }));
    await enqueueMany(boss, analyzeProjectJob, payloads, { priority, db: fromPrisma(tx) });
  }
  const skipReasons = {
    // Videos the user already had, plus any another import created between our check and our insert.
    already_imported: existingIds.size + (publishable.length - createdVideoIds.length),
    unavailable: fetched.missingIds.length + (presetSkips.unavailable ?? 0),
    not_published: fetched.videos.length - publishable.length,
    unreadable: fetched.invalid.length,
  };
  const counts: BatchCounts = {
    imported: createdVideoIds.length,
    skipped: skipReasons.already_imported + skipReasons.unavailable + skipReasons.not_published,
    failed: skipReasons.unreadable,
    unitsSpent,
    skipReasons,
  };
  return (await applyBatch(tx, { runId, batch, counts })) ? counts : null;
}

export async function importVideoBatch({
  runId,
  batch,
  videoIds,
  presetSkips = {},
  contentSourceId = null,
  boss,
  logger,
  signal,
}: {
  /** Queues the AI pass for the projects created, in the same transaction. */
  boss: JobSender;
  runId: string;
  batch: number;
  videoIds: readonly string[];
  /** Skips already known to the caller (private/deleted entries of a channel's playlist page). */
  presetSkips?: SkipReasonCounts;
  /** Set when the videos come from a followed channel, so projects remember their source. */
  contentSourceId?: string | null;
  logger: Logger;
  signal?: AbortSignal;
}) {
  const run = await db.importRun.findUnique({
    where: { id: runId },
    select: { userId: true, status: true, waitReason: true },
  });
  if (!run) return { outcome: "run_gone" as const };
  if (isPausedForReconnect(run)) return { outcome: "paused_for_reconnect" as const };
  const { userId } = run;
  // Every line about this batch names its run and whose it is.
  const log = withBindings(logger, { runId, userId });
  await startRun(runId);

  const fetchedVideos = await fetchNewVideos({ runId, userId, videoIds, log, signal });
  const catalog = await loadCatalogIndex();
  return db.$transaction(async (tx) => {
    const counts = await recordBatch({
      tx,
      runId,
      userId,
      batch,
      batchSize: videoIds.length,
      contentSourceId,
      presetSkips,
      fetchedVideos,
      catalog,
      boss,
    });
    if (!counts) {
      // An earlier attempt already applied this batch; its projects exist, so this attempt inserted none.
      log.info({ batch }, "imports.batch_already_applied");
      return { outcome: "already_applied" as const };
    }
    const { imported, skipped, failed, unitsSpent } = counts;
    log.info({ batch, imported, skipped, failed, unitsSpent }, "imports.batch_done");
    return { outcome: "applied" as const, imported, skipped, failed, unitsSpent };
  });
}
