/**
 * sync.enrich: the video ids checks and pushes detected (SyncVideo), looked up 50 per videos.list call —
 * one unit for up to 50 new uploads from any channels — and turned into projects for every follower.
 *
 * A run takes ready batches while 50 ids wait or the oldest has waited SYNC_ENRICH_MAX_WAIT_SECONDS, so a
 * lone upload is a project within about that long, and a burst shares units. Each batch:
 * 1. claims up to 50 ids (oldest first, SKIP LOCKED), pushing their "notBefore" out by a lease: a run that
 *    dies with its worker leaves them to the next run after the lease, never lost;
 * 2. videos.list (1 unit); quota or an outage puts the batch back for later, not counted as an attempt;
 * 3. one transaction: projects for each channel's auto-sync followers (uploads since they followed; a
 *    push's edit of an old video is not an upload), the AI pass queued, vanished ids that YouTube no longer
 *    returns marked unavailable (projects are never deleted), a SyncRun per channel, and each id marked
 *    done — or, for an upcoming premiere or an id YouTube does not return yet, left for a later look.
 * Done ids are kept SYNC_VIDEO_DONE_RETENTION_DAYS (src/lib/retention/policies.ts) so a feed that still
 * lists one does not send it round again.
 */
import { fromPrisma } from "pg-boss";
import type { Prisma } from "~/generated/prisma/client";
import type { SyncVideoReason } from "~/generated/prisma/enums";
import { env } from "~/env";
import { isAiConfigured } from "~/lib/analysis/ai-client";
import { loadCatalogIndex, type CatalogIndex } from "~/lib/analysis/catalog-matcher";
import { isAppError } from "~/lib/errors";
import { ANALYSIS_PRIORITY_BULK, analyzeProjectJob } from "~/lib/jobs/analyze-project.job";
import { enqueueMany, type JobSender } from "~/lib/jobs/enqueue";
import { createProjectsFromVideos, type CreatedProject } from "~/lib/projects/create-projects-from-videos";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import type { YouTubeVideo } from "~/lib/youtube/normalize";
import { MAX_IDS_PER_CALL } from "~/lib/youtube/quota-costs";
import { db, pool } from "~/server/db";
import type { Logger } from "~/server/logger";
import { metrics } from "~/server/metrics";
import { FOLLOW_GRACE_MS, MAX_ERROR_CHARS } from "./check-plan";
import { nextCheckAfterQuotaReset } from "./check-schedule";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A claimed batch not finished within this (its worker died) is claimable again. */
const ENRICH_CLAIM_LEASE_MS = 5 * MINUTE_MS;
/**
 * Batches one run works on at once (each a videos.list call, then one transaction): a burst of uploads —
 * 5 % of a million channels in one cycle — is imported at three times one lane's pace.
 */
const ENRICH_PARALLEL_BATCHES = 3;
/** One run stops taking batches after this long; the next kick continues. */
const ENRICH_RUN_BUDGET_MS = 60_000;
/** An id YouTube does not return yet (still processing) is asked about this many times, with backoff. */
const MAX_LOOKUP_ATTEMPTS = 8;
/** First wait before asking again about an id YouTube did not return; doubles per attempt, capped at 6 h. */
const UNRESOLVED_RETRY_MS = 5 * MINUTE_MS;
/** An upcoming premiere with no scheduled time is looked at again this often, for up to UPCOMING_MAX_MS. */
const UPCOMING_RECHECK_MS = HOUR_MS;
const UPCOMING_MAX_MS = 30 * DAY_MS;
/** A push announcing a video published longer ago than this is an edit of an old video, not an upload. */
const PUSH_UPLOAD_WINDOW_MS = 2 * DAY_MS;
/** Backoff after an outage or unexpected error before a batch is tried again. */
const BATCH_RETRY_MS = 2 * MINUTE_MS;

type ClaimedVideo = { videoId: string; channelId: string; reason: SyncVideoReason; detectedAt: Date; attempts: number };
type ChannelInfo = { id: string; youtubeChannelId: string; lastVideoPublishedAt: Date | null };
type Follower = { id: string; userId: string; channelId: string; createdAt: Date };

/** Ready ids (notBefore passed) and how long the oldest of them has waited. One scan of the partial index. */
export async function readEnrichBacklog(): Promise<{ ready: number; oldestWaitMs: number }> {
  const result = await pool.query<{ ready: number; oldest: number | null }>({
    name: "sync_enrich_backlog",
    text: `SELECT count(*)::int AS "ready", (extract(epoch FROM now() - min("detectedAt")) * 1000)::float8 AS "oldest"
             FROM "SyncVideo" WHERE "doneAt" IS NULL AND "notBefore" <= now()`,
  });
  const row = result.rows[0];
  return { ready: row?.ready ?? 0, oldestWaitMs: Math.max(0, row?.oldest ?? 0) };
}

/** Whether a run should take a batch now: a full unit's worth waits, or the oldest has waited long enough. */
export function isEnrichDue(backlog: { ready: number; oldestWaitMs: number }, maxWaitMs: number): boolean {
  return backlog.ready >= MAX_IDS_PER_CALL || (backlog.ready > 0 && backlog.oldestWaitMs >= maxWaitMs);
}

/**
 * Claims a full batch of 50 ready ids, or fewer only when the oldest of them has waited `maxWaitMs`: lanes
 * claiming at once never split 60 waiting ids into 50 and 10 (two units where one and a later full batch
 * would do). The candidates are locked SKIP LOCKED, so a concurrent claim sees only the rest.
 */
async function claimBatch(maxWaitMs: number): Promise<ClaimedVideo[]> {
  const result = await pool.query<ClaimedVideo>({
    name: "sync_enrich_claim",
    text: `WITH next AS MATERIALIZED (
             SELECT "videoId", "detectedAt" FROM "SyncVideo" WHERE "doneAt" IS NULL AND "notBefore" <= now()
              ORDER BY "notBefore" LIMIT $1 FOR UPDATE SKIP LOCKED)
           UPDATE "SyncVideo" AS v SET "notBefore" = now() + $2 * interval '1 millisecond', "attempts" = v."attempts" + 1
             FROM next
            WHERE v."videoId" = next."videoId"
              AND ((SELECT count(*) FROM next) = $1 OR (SELECT min("detectedAt") FROM next) <= now() - $3 * interval '1 millisecond')
           RETURNING v."videoId", v."channelId", v."reason", v."detectedAt", v."attempts"`,
    values: [MAX_IDS_PER_CALL, ENRICH_CLAIM_LEASE_MS, maxWaitMs],
  });
  return result.rows;
}

/** Puts a batch back for later without counting the attempt (quota, outage). */
async function releaseBatch(ids: readonly string[], notBefore: Date): Promise<void> {
  await pool.query({
    name: "sync_enrich_release",
    text: `UPDATE "SyncVideo" SET "notBefore" = $2, "attempts" = greatest(0, "attempts" - 1) WHERE "videoId" = ANY($1::text[])`,
    values: [ids, notBefore],
  });
}

/**
 * The channels whose new uploads wait for Google (quota, or Showreel's own configuration): their followers
 * see "waiting" until the next check, and the wait is recorded as a run.
 */
async function markChannelsWaiting(
  channelIds: readonly string[],
  outcome: "quota_wait" | "config_wait",
  message: string,
): Promise<void> {
  await pool.query({
    name: "sync_enrich_mark_waiting",
    text: `WITH marked AS (
             UPDATE "ChannelSchedule" SET "lastOutcome" = $2::"SyncOutcome", "lastError" = $3 WHERE "channelId" = ANY($1::uuid[]) RETURNING "channelId")
           INSERT INTO "SyncRun" ("channelId", "trigger", "method", "outcome", "error", "startedAt")
           SELECT "channelId", 'schedule', 'feed', $2::"SyncOutcome", $3, now() FROM marked`,
    values: [channelIds, outcome, message.slice(0, MAX_ERROR_CHARS)],
  });
}

export type EnrichResult = {
  batches: number;
  lookedUp: number;
  projectsCreated: number;
  unitsSpent: number;
  stoppedBy: "drained" | "budget" | "quota" | "config" | "error";
};

export async function enrichDetectedVideos({
  boss,
  logger,
  maxWaitMs = env.SYNC_ENRICH_MAX_WAIT_SECONDS * 1000,
  budgetMs = ENRICH_RUN_BUDGET_MS,
  now = () => new Date(),
}: {
  /** Queues the AI pass for the projects created, in the same transaction. */
  boss: JobSender;
  logger: Logger;
  maxWaitMs?: number;
  budgetMs?: number;
  now?: () => Date;
}): Promise<EnrichResult> {
  const startedAt = Date.now();
  const totals: EnrichResult = { batches: 0, lookedUp: 0, projectsCreated: 0, unitsSpent: 0, stoppedBy: "drained" };
  let catalog: Promise<CatalogIndex> | null = null;
  // A wait for Google (or an outage) seen by one lane stops every lane: the next batch would meet it too.
  let stop: "quota" | "config" | "error" | null = null;

  async function lane(): Promise<EnrichResult["stoppedBy"]> {
    while (Date.now() - startedAt < budgetMs) {
      if (stop) return stop;
      if (!isEnrichDue(await readEnrichBacklog(), maxWaitMs)) return "drained";
      const batch = await claimBatch(maxWaitMs);
      if (batch.length === 0) return "drained";
      let unitsSpent = 0;
      const client = createDefaultYouTubeClient({
        logger,
        purpose: "background",
        onUnitsSpent: (units) => (unitsSpent += units),
      });
      let fetched;
      try {
        fetched = await client.getVideos({ ids: batch.map((item) => item.videoId) });
      } catch (error) {
        stop = await putBack(batch, error, logger);
        return stop;
      }
      catalog ??= loadCatalogIndex();
      const missing = new Set([...fetched.missingIds, ...fetched.invalid.map((item) => item.videoId)]);
      const created = await applyBatch({
        batch,
        videos: fetched.videos,
        missing,
        catalog: await catalog,
        unitsSpent,
        boss,
        at: now(),
      });
      totals.batches += 1;
      totals.lookedUp += batch.length;
      totals.projectsCreated += created;
      totals.unitsSpent += unitsSpent;
      metrics.syncEnrichedVideosTotal.inc(batch.length);
    }
    return "budget";
  }

  const lanes = await Promise.all(Array.from({ length: ENRICH_PARALLEL_BATCHES }, () => lane()));
  totals.stoppedBy = stop ?? (lanes.includes("budget") ? "budget" : "drained");
  if (totals.batches > 0 || totals.stoppedBy !== "drained")
    logger.info({ ...totals, ms: Date.now() - startedAt }, "sync.enriched");
  return totals;
}

/** A batch videos.list refused goes back untouched, until the reset or the upstream's retry time. */
async function putBack(
  batch: readonly ClaimedVideo[],
  error: unknown,
  logger: Logger,
): Promise<"quota" | "config" | "error"> {
  const ids = batch.map((item) => item.videoId);
  const channelIds = [...new Set(batch.map((item) => item.channelId))];
  if (isAppError(error, "QUOTA_EXHAUSTED") && error.retryAt) {
    await releaseBatch(ids, nextCheckAfterQuotaReset(error.retryAt));
    await markChannelsWaiting(channelIds, "quota_wait", error.message);
    logger.warn({ retryAt: error.retryAt, waiting: ids.length }, "sync.enrich_quota_wait");
    return "quota";
  }
  if (isAppError(error, "UPSTREAM_MISCONFIGURED") && error.retryAt) {
    await releaseBatch(ids, error.retryAt);
    await markChannelsWaiting(channelIds, "config_wait", error.message);
    logger.warn({ retryAt: error.retryAt, waiting: ids.length }, "sync.enrich_config_wait");
    return "config";
  }
  const retryAt = isAppError(error) && error.retryAt ? error.retryAt : new Date(Date.now() + BATCH_RETRY_MS);
  await releaseBatch(ids, retryAt);
  logger.warn({ err: error, waiting: ids.length, retryAt }, "sync.enrich_failed");
  return "error";
}

type Disposition = { videoId: string; doneAt: Date | null; notBefore: Date | null };

async function applyBatch({
  batch,
  videos,
  missing,
  catalog,
  unitsSpent,
  boss,
  at,
}: {
  batch: readonly ClaimedVideo[];
  videos: readonly YouTubeVideo[];
  missing: ReadonlySet<string>;
  catalog: CatalogIndex;
  unitsSpent: number;
  boss: JobSender;
  at: Date;
}): Promise<number> {
  const channelIds = [...new Set(batch.map((item) => item.channelId))];
  const [channels, followers] = await Promise.all([
    db.channel.findMany({
      where: { id: { in: channelIds } },
      select: { id: true, youtubeChannelId: true, lastVideoPublishedAt: true },
    }),
    db.contentSource.findMany({
      where: { channelId: { in: channelIds }, syncEnabled: true },
      select: { id: true, userId: true, channelId: true, createdAt: true },
    }),
  ]);
  const channelById = new Map<string, ChannelInfo>(channels.map((channel) => [channel.id, channel]));
  const { dispositions, publishable, removed } = sortBatch({ batch, videos, missing, channelById, at });

  const isAiPending = isAiConfigured();
  return db.$transaction(
    async (tx) => {
      // Every channel's followers and every channel's videos in one INSERT: each follower gets the uploads of
      // the channel they follow, published since they followed.
      const owners = ownersOf(followers, channelById, publishable);
      const videos = [...publishable.values()].flat();
      const result = await createProjectsFromVideos({ tx, owners, videos, importRunId: null, catalog, isAiPending });
      const created: CreatedProject[] = result.created;
      if (isAiPending) {
        await enqueueMany(
          boss,
          analyzeProjectJob,
          result.createdProjectIds.map((projectId) => ({ projectId })),
          { priority: ANALYSIS_PRIORITY_BULK, db: fromPrisma(tx) },
        );
      }
      await countImports(tx, created, at);
      for (const [youtubeChannelId, ids] of removed) {
        await tx.project.updateMany({
          where: { youtubeVideoId: { in: ids }, youtubeChannelId, availability: "available" },
          data: { availability: "deleted" },
        });
      }
      await tx.$executeRaw`
        UPDATE "SyncVideo" AS v SET "doneAt" = d."doneAt", "notBefore" = coalesce(d."notBefore", v."notBefore")
          FROM jsonb_to_recordset(${JSON.stringify(dispositions)}::jsonb) AS d("videoId" text, "doneAt" timestamptz, "notBefore" timestamptz)
         WHERE v."videoId" = d."videoId"`;
      const runs = syncRunsOf({ batch, publishable, created, unitsSpent, at });
      if (runs.length > 0) await tx.syncRun.createMany({ data: runs });
      return created.length;
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
}

type SortedBatch = {
  /** Each video's new state: done, or looked at again not before a time. */
  dispositions: Disposition[];
  /** The videos to turn into projects, by channel id. */
  publishable: Map<string, YouTubeVideo[]>;
  /** Ids YouTube no longer returns, by YouTube channel id. */
  removed: Map<string, string[]>;
};

/** What videos.list said about each claimed video: publish it, mark it removed, or look again later. */
function sortBatch({
  batch,
  videos,
  missing,
  channelById,
  at,
}: {
  batch: readonly ClaimedVideo[];
  videos: readonly YouTubeVideo[];
  missing: ReadonlySet<string>;
  channelById: ReadonlyMap<string, ChannelInfo>;
  at: Date;
}): SortedBatch {
  const videoById = new Map(videos.map((video) => [video.id, video]));
  const dispositions: Disposition[] = [];
  const publishable = new Map<string, YouTubeVideo[]>();
  const removed = new Map<string, string[]>();
  const done = (videoId: string) => dispositions.push({ videoId, doneAt: at, notBefore: null });
  const later = (videoId: string, notBefore: Date) => dispositions.push({ videoId, doneAt: null, notBefore });

  for (const item of batch) {
    const video = videoById.get(item.videoId);
    const channel = channelById.get(item.channelId);
    if (!channel) continue;
    if (item.reason === "vanished") {
      // Still returned: it only left the feed window. Not returned: deleted or made private.
      if (!video && missing.has(item.videoId))
        removed.set(channel.youtubeChannelId, [...(removed.get(channel.youtubeChannelId) ?? []), item.videoId]);
      done(item.videoId);
      continue;
    }
    if (!video) {
      // Not returned yet (still processing, or already gone): ask again later, a bounded number of times.
      if (item.attempts >= MAX_LOOKUP_ATTEMPTS) done(item.videoId);
      else
        later(
          item.videoId,
          new Date(at.getTime() + Math.min(UNRESOLVED_RETRY_MS * 2 ** (item.attempts - 1), 6 * HOUR_MS)),
        );
      continue;
    }
    if (video.kind === "upcoming") {
      // A premiere or scheduled stream: imported once it is live, looked at again around its start.
      const start = video.live?.scheduledStartAt?.getTime() ?? 0;
      const tooOld = at.getTime() - item.detectedAt.getTime() > UPCOMING_MAX_MS;
      if (tooOld) done(item.videoId);
      else later(item.videoId, new Date(Math.max(start, at.getTime() + UPCOMING_RECHECK_MS)));
      continue;
    }
    done(item.videoId);
    if (item.reason === "push" && !isRecentUpload(video, channel, item.detectedAt)) continue;
    publishable.set(item.channelId, [...(publishable.get(item.channelId) ?? []), video]);
  }
  return { dispositions, publishable, removed };
}

/** Every follower of a channel with videos to publish, with the date their uploads count from. */
function ownersOf(
  followers: readonly Follower[],
  channelById: ReadonlyMap<string, ChannelInfo>,
  publishable: ReadonlyMap<string, YouTubeVideo[]>,
) {
  return followers.flatMap((follower) => {
    const channel = channelById.get(follower.channelId);
    return channel && publishable.has(follower.channelId)
      ? [
          {
            userId: follower.userId,
            contentSourceId: follower.id,
            publishedSince: new Date(follower.createdAt.getTime() - FOLLOW_GRACE_MS),
            youtubeChannelId: channel.youtubeChannelId,
          },
        ]
      : [];
  });
}

/** One sync run per channel that had new videos, with the projects created for it. */
function syncRunsOf({
  batch,
  publishable,
  created,
  unitsSpent,
  at,
}: {
  batch: readonly ClaimedVideo[];
  publishable: ReadonlyMap<string, YouTubeVideo[]>;
  created: readonly CreatedProject[];
  unitsSpent: number;
  at: Date;
}) {
  const channelOfVideo = new Map(batch.map((item) => [item.videoId, item.channelId]));
  const perChannel = new Map<string, { newVideos: number; projectsCreated: number }>();
  for (const [channelId, channelVideos] of publishable)
    perChannel.set(channelId, { newVideos: channelVideos.length, projectsCreated: 0 });
  for (const project of created) {
    const counts = perChannel.get(channelOfVideo.get(project.youtubeVideoId) ?? "");
    if (counts) counts.projectsCreated += 1;
  }
  const reasons = new Map(batch.map((item) => [item.channelId, item.reason]));
  return [...perChannel].map(([channelId, counts], index) => ({
    channelId,
    trigger: reasons.get(channelId) === "push" ? ("push" as const) : ("schedule" as const),
    method: reasons.get(channelId) === "push" ? ("push" as const) : ("feed" as const),
    outcome: "new_videos" as const,
    newVideos: counts.newVideos,
    projectsCreated: counts.projectsCreated,
    // The batch's units are one call shared by every channel in it: recorded once, on the first.
    unitsSpent: index === 0 ? unitsSpent : 0,
    startedAt: at,
  }));
}

/** A pushed id is an upload if it is recent; a push also announces edits of old videos, which are not. */
function isRecentUpload(video: YouTubeVideo, channel: ChannelInfo, detectedAt: Date): boolean {
  const published = video.publishedAt.getTime();
  if (published >= detectedAt.getTime() - PUSH_UPLOAD_WINDOW_MS) return true;
  return !!channel.lastVideoPublishedAt && published >= channel.lastVideoPublishedAt.getTime() - FOLLOW_GRACE_MS;
}

/** Adds each source's new projects to its count, and stamps when it last received something. */
async function countImports(tx: Prisma.TransactionClient, created: readonly CreatedProject[], at: Date) {
  const perSource = new Map<string, number>();
  for (const project of created) {
    if (project.contentSourceId)
      perSource.set(project.contentSourceId, (perSource.get(project.contentSourceId) ?? 0) + 1);
  }
  if (perSource.size === 0) return;
  const rows = [...perSource].map(([id, count]) => ({ id, count }));
  await tx.$executeRaw`
    UPDATE "ContentSource" AS s SET "importedCount" = s."importedCount" + r.count, "lastSyncedAt" = ${at}, "updatedAt" = ${at}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, count int)
     WHERE s."id" = r.id`;
}
