/**
 * One batch of an import run (youtube.import-videos): fetch the videos YouTube still has, create projects
 * for the ones the user does not have yet, and add the outcome to the run's counters — all writes in one
 * transaction, applied at most once per (run, batch), so a retried or duplicated job never counts twice.
 * When YouTube makes us wait (quota, rate limit, outage) the run is marked waiting with resumeAt, and the
 * error goes up so the worker reschedules the job for then.
 */
import { fromPrisma } from "pg-boss";
import { env } from "~/env";
import { isAiConfigured } from "~/lib/analysis/ai-client";
import { loadCatalogIndex } from "~/lib/analysis/catalog-matcher";
import {
  ANALYSIS_PRIORITY_BULK,
  ANALYSIS_PRIORITY_INTERACTIVE,
  analyzeProjectJob,
} from "~/lib/jobs/analyze-project.job";
import { enqueueMany, type JobSender } from "~/lib/jobs/enqueue";
import { consumeRateLimit, IMPORT_BATCH_RATE_LIMIT } from "~/lib/rate-limit/limiters";
import { isAppError } from "~/lib/errors";
import { findYouTubeAccess, tokenProviderFor } from "~/lib/google-oauth/get-access-token";
import { createProjectsFromVideos } from "~/lib/projects/create-projects-from-videos";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import { db } from "~/server/db";
import { isPausedForReconnect, markRunFailed, markRunNeedsReconnect, markRunWaiting } from "./mark-run-waiting";
import { withBindings, type Logger } from "~/server/logger";

export type SkipReason = "already_imported" | "unavailable" | "unreadable" | "not_published";

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
  presetSkips?: Partial<Record<SkipReason, number>>;
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
  await db.importRun.updateMany({
    where: { id: runId, status: { in: ["queued", "waiting"] } },
    data: { status: "running", startedAt: new Date(), resumeAt: null, waitReason: null },
  });

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

  let fetched: Awaited<ReturnType<typeof client.getVideos>> = { videos: [], missingIds: [], invalid: [] };
  if (toFetch.length > 0) {
    try {
      // Over the global cap this throws RATE_LIMITED with a retryAt a second away; the job is rescheduled.
      await consumeRateLimit(IMPORT_BATCH_RATE_LIMIT, "global");
      fetched = await client.getVideos({ ids: toFetch, asUser, signal });
    } catch (error) {
      if (isAppError(error) && error.retryAt) {
        await markRunWaiting({ runId, error: error as typeof error & { retryAt: Date } });
      } else if (isAppError(error, "RECONNECT_REQUIRED")) {
        await markRunNeedsReconnect({ runId, error });
      } else if (isAppError(error)) {
        await markRunFailed({ runId, error });
      }
      throw error;
    }
  }
  const publishable = fetched.videos.filter((video) => video.kind !== "upcoming");
  const catalog = await loadCatalogIndex();

  return db.$transaction(async (tx) => {
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
        videoIds.length > env.AI_ANALYSIS_BULK_THRESHOLD ? ANALYSIS_PRIORITY_BULK : ANALYSIS_PRIORITY_INTERACTIVE;
      await enqueueMany(
        boss,
        analyzeProjectJob,
        createdProjectIds.map((projectId) => ({ projectId })),
        { priority, db: fromPrisma(tx) },
      );
    }
    const reasons: Record<SkipReason, number> = {
      // Videos the user already had, plus any another import created between our check and our insert.
      already_imported: existingIds.size + (publishable.length - createdVideoIds.length),
      unavailable: fetched.missingIds.length + (presetSkips.unavailable ?? 0),
      not_published: fetched.videos.length - publishable.length,
      unreadable: 0,
    };
    const skipped = reasons.already_imported + reasons.unavailable + reasons.not_published;
    const failed = fetched.invalid.length;
    reasons.unreadable = failed;
    const applied = await tx.$executeRaw`
      UPDATE "ImportRun" SET
        "imported" = "imported" + ${createdVideoIds.length}::int,
        "skipped" = "skipped" + ${skipped}::int,
        "failed" = "failed" + ${failed}::int,
        "unitsSpent" = "unitsSpent" + ${unitsSpent}::int,
        "skipReasons" = (
          SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb) FROM (
            SELECT key, sum(value::int) AS total FROM (
              SELECT * FROM jsonb_each_text("ImportRun"."skipReasons")
              UNION ALL SELECT * FROM jsonb_each_text(${JSON.stringify(reasons)}::jsonb)
            ) AS counts WHERE value::int > 0 GROUP BY key) AS merged),
        "cursor" = jsonb_set(coalesce("cursor", '{}'::jsonb), '{appliedBatches}',
                             coalesce("cursor"->'appliedBatches', '[]'::jsonb) || to_jsonb(${batch}::int)),
        "status" = CASE
          WHEN "imported" + "skipped" + "failed" + ${createdVideoIds.length + skipped + failed}::int < "total"
            -- A channel run's total grows page by page; it can finish only once its last page is known.
            OR ("kind" = 'channel' AND coalesce(("cursor"->>'complete')::boolean, false) = false) THEN 'running'::"ImportRunStatus"
          WHEN "failed" + ${failed}::int > 0 THEN 'partial'::"ImportRunStatus"
          ELSE 'done'::"ImportRunStatus" END,
        "finishedAt" = CASE WHEN "imported" + "skipped" + "failed" + ${createdVideoIds.length + skipped + failed}::int >= "total"
            AND ("kind" <> 'channel' OR coalesce(("cursor"->>'complete')::boolean, false)) THEN now() ELSE NULL END,
        "error" = NULL,
        "updatedAt" = now()
      WHERE "id" = ${runId}::uuid
        AND NOT (coalesce("cursor"->'appliedBatches', '[]'::jsonb) @> to_jsonb(${batch}::int))`;
    if (applied === 0) {
      // An earlier attempt already applied this batch; its projects exist, so this attempt inserted none.
      log.info({ batch }, "imports.batch_already_applied");
      return { outcome: "already_applied" as const };
    }
    log.info({ batch, imported: createdVideoIds.length, skipped, failed, unitsSpent }, "imports.batch_done");
    return { outcome: "applied" as const, imported: createdVideoIds.length, skipped, failed, unitsSpent };
  });
}
