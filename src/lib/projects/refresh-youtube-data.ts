/**
 * projects.refresh: renews the YouTube data of the projects whose data is oldest, so none is older than 30
 * days (docs/operations.md, "YouTube data freshness and revocation"; pacing in refresh-plan.ts). Runs in the
 * background quota share, after sync enrichment: it steps aside while enrichment is behind, keeps
 * REFRESH_ENRICH_RESERVE of the share for them, and stops cleanly — nothing written, nothing lost — when its
 * part of the share or Google's quota is spent; the next run goes on from the oldest.
 *
 * One batch:
 * 1. the oldest projects past REFRESH_MIN_AGE_MS (a few hundred rows of the youtubeDataAt index);
 * 2. their distinct video ids, up to 50, in ONE videos.list call with Showreel's API key (1 unit): a video in
 *    many creators' portfolios is asked for once, and its answer written set-based into every one of its
 *    projects (write-refreshed-videos.ts). Ids YouTube no longer returns are asked again with the owner's
 *    authorization when the video is a connected creator's own (it may have gone private), else marked gone;
 * 3. projects of private and unlisted videos, which an API key cannot read (or whose details only their
 *    owner's authorization could read), go per creator: up to 50 of the creator's such projects in one call
 *    made with the creator's token — which also re-checks, every cycle, that the authorization still holds.
 *    A creator no longer connected has those details removed (remove-authorized-details.ts) instead.
 */
import { env } from "~/env";
import { isAppError } from "~/lib/errors";
import { findYouTubeAccess, tokenProviderFor } from "~/lib/google-oauth/get-access-token";
import { nextQuotaReset, quotaDayDate } from "~/lib/quota/next-reset";
import { configuredQuotaLimits, PROJECT_QUOTA_SCOPE, type QuotaLimits } from "~/lib/quota/reserve-quota";
import { readEnrichBacklog } from "~/lib/sync/enrich-videos";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import type { VideosResult } from "~/lib/youtube/client";
import { MAX_IDS_PER_CALL } from "~/lib/youtube/quota-costs";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";
import {
  isEnrichBehind,
  projectsDueThisRun,
  REFRESH_MIN_AGE_MS,
  REFRESH_PARTIAL_CALL_AGE_MS,
  REFRESH_TICK_MS,
  refreshUnitsLeft,
  REQUEUED_AT,
  unitsAllowedThisRun,
} from "./refresh-plan";
import { removeAuthorizedDetails } from "./remove-authorized-details";
import { markVideosGone, writeRefreshedVideos, type WriteScope } from "./write-refreshed-videos";

/** Oldest rows one batch reads: enough for 50 distinct videos even when many projects share them. */
const REFRESH_SLICE_ROWS = 500;
/** A run stops after this long or this many calls; the next run goes on. */
const REFRESH_RUN_BUDGET_MS = 60_000;
const REFRESH_MAX_CALLS_PER_RUN = 100;

export type RefreshStop =
  /** Everything due this run was renewed. */
  | "done"
  /** Fewer than 50 videos are due and none is old enough to spend a unit on them alone. */
  | "waiting_for_batch"
  /** sync.enrich is behind (isEnrichBehind): new uploads go first. */
  | "enrich"
  /** The refresh's part of today's background share is spent, or this run's even share of it. */
  | "quota_share"
  /** Google or the ledger refused a call for quota. */
  | "quota"
  /** YouTube is down, rate limiting, or refusing Showreel's configuration; the next run tries again. */
  | "upstream"
  | "budget";

export type RefreshResult = {
  due: number;
  calls: number;
  units: number;
  videos: number;
  projectsUpdated: number;
  projectsGone: number;
  creatorsRemoved: number;
  stoppedBy: RefreshStop;
};

type SliceRow = { id: string; userId: string; youtubeVideoId: string; youtubeDataAt: Date; isOwnerOnly: boolean };

/** What the refresh may spend today: the project's row of the ledger, read once per run. */
async function readRefreshUnitsLeft(now: Date, limits: QuotaLimits): Promise<number> {
  const row = await db.quotaDay.findUnique({
    where: { day_scope: { day: quotaDayDate(now), scope: PROJECT_QUOTA_SCOPE } },
    select: { used: true, exhaustedUntil: true },
  });
  if (row?.exhaustedUntil && row.exhaustedUntil > now) return 0;
  return refreshUnitsLeft({
    projectDaily: limits.projectDaily,
    backgroundShare: limits.backgroundShare,
    used: row?.used ?? 0,
  });
}

/** How many projects are past the minimum age (and how many were requeued), and the oldest: one index range. */
async function readDue(cutoff: Date): Promise<{ eligible: number; requeued: number; oldestAt: Date | null }> {
  const [row] = await db.$queryRaw<{ eligible: number; requeued: number; oldestAt: Date | null }[]>`
    SELECT count(*) FILTER (WHERE "youtubeDataAt" > ${REQUEUED_AT})::int AS "eligible",
           count(*) FILTER (WHERE "youtubeDataAt" <= ${REQUEUED_AT})::int AS "requeued",
           min("youtubeDataAt") FILTER (WHERE "youtubeDataAt" > ${REQUEUED_AT}) AS "oldestAt"
      FROM "Project" WHERE "youtubeDataAt" < ${cutoff}`;
  return row ?? { eligible: 0, requeued: 0, oldestAt: null };
}

/** The oldest rows past the minimum age, skipping videos this run could not read. */
async function readSlice(cutoff: Date, skipped: ReadonlySet<string>): Promise<SliceRow[]> {
  return db.$queryRaw<SliceRow[]>`
    SELECT "id", "userId", "youtubeVideoId", "youtubeDataAt",
           (coalesce("privacyStatus" IN ('private', 'unlisted'), false) OR "youtubeDetailsRemovedAt" IS NOT NULL) AS "isOwnerOnly"
      FROM "Project"
     WHERE "youtubeDataAt" < ${cutoff} AND NOT ("youtubeVideoId" = ANY(${[...skipped]}::text[]))
     ORDER BY "youtubeDataAt" LIMIT ${REFRESH_SLICE_ROWS}`;
}

/** One batch's work: up to 50 distinct ids for the key call, the creators whose own projects go with their token. */
function planBatch(slice: readonly SliceRow[]) {
  const keyIds = new Set<string>();
  const owners = new Set<string>();
  let covered = 0;
  let oldestKeyAt: Date | null = null;
  for (const row of slice) {
    if (row.isOwnerOnly) owners.add(row.userId);
    else if (keyIds.has(row.youtubeVideoId) || keyIds.size < MAX_IDS_PER_CALL) {
      keyIds.add(row.youtubeVideoId);
      oldestKeyAt ??= row.youtubeDataAt;
    } else break;
    covered += 1;
  }
  return { keyIds: [...keyIds], owners: [...owners], covered, oldestKeyAt };
}

/**
 * Creators whose own video the key no longer sees: it may be private now, which only their token can tell.
 * Only a connected creator's projects of their own channel's videos qualify.
 */
async function ownersOfMissing(videoIds: readonly string[]): Promise<Map<string, string[]>> {
  if (videoIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ userId: string; youtubeVideoId: string }[]>`
    SELECT p."userId", p."youtubeVideoId" FROM "Project" p
      JOIN "YouTubeConnection" c ON c."userId" = p."userId" AND c."status" = 'active' AND c."youtubeChannelId" = p."youtubeChannelId"
     WHERE p."youtubeVideoId" = ANY(${[...videoIds]}::text[]) AND p."youtubeDetailsRemovedAt" IS NULL`;
  const byUser = new Map<string, string[]>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.youtubeVideoId]);
  return byUser;
}

/** The ids a reply left out: deleted, or private to someone else (unreadable ones are not "left out"). */
function notReturned(ids: readonly string[], reply: VideosResult): string[] {
  const returned = new Set([...reply.videos.map((video) => video.id), ...reply.invalid.map((item) => item.videoId)]);
  return ids.filter((id) => !returned.has(id));
}

/** A creator's projects that only their authorization can renew, oldest first: one call's worth. */
async function ownerOnlyVideoIds(userId: string): Promise<string[]> {
  const rows = await db.project.findMany({
    where: {
      userId,
      OR: [{ privacyStatus: { in: ["private", "unlisted"] } }, { youtubeDetailsRemovedAt: { not: null } }],
    },
    select: { youtubeVideoId: true },
    orderBy: { youtubeDataAt: "asc" },
    take: MAX_IDS_PER_CALL,
  });
  return rows.map((row) => row.youtubeVideoId);
}

/** What one run's calls share: its tallies, its clock and cutoff, and the key client. */
type RefreshRun = {
  result: RefreshResult;
  logger: Logger;
  now: Date;
  cutoff: Date;
  signal: AbortSignal | undefined;
  countUnits: (units: number) => void;
  keyClient: ReturnType<typeof createDefaultYouTubeClient>;
  /** Videos this run could not read (unparseable replies): not asked about again until the next run. */
  skipped: Set<string>;
};

/** A call that Google or the ledger refused: the run stops, the rows stay as they were for the next one. */
function stopFor(error: unknown): RefreshStop {
  if (isAppError(error, "QUOTA_EXHAUSTED")) return "quota";
  if (isAppError(error) && error.retryAt) return "upstream";
  throw error;
}

async function fetchVideos(
  run: RefreshRun,
  ids: readonly string[],
  asOwner: { connectionId: string } | null,
): Promise<VideosResult> {
  run.result.calls += 1;
  const client = asOwner
    ? createDefaultYouTubeClient({
        logger: run.logger,
        purpose: "background",
        getAccessToken: tokenProviderFor(asOwner.connectionId, run.logger),
        onUnitsSpent: run.countUnits,
      })
    : run.keyClient;
  return client.getVideos({ ids, asUser: asOwner !== null, signal: run.signal });
}

/** Writes what a call returned; unreadable videos are left for the next run. */
async function writeReturned(run: RefreshRun, reply: VideosResult, scope: WriteScope): Promise<void> {
  run.result.videos += reply.videos.length;
  run.result.projectsUpdated += await writeRefreshedVideos({ videos: reply.videos, scope, now: run.now });
  for (const invalid of reply.invalid) run.skipped.add(invalid.videoId);
}

async function markGone(run: RefreshRun, videoIds: readonly string[], scope: WriteScope): Promise<void> {
  run.result.projectsGone += await markVideosGone({ videoIds, scope, now: run.now });
}

/** One key call for everyone's public videos; the ones it no longer sees go to their creators' tokens first. */
async function refreshWithKey(run: RefreshRun, keyIds: readonly string[]): Promise<RefreshStop | null> {
  let reply: VideosResult;
  try {
    reply = await fetchVideos(run, keyIds, null);
  } catch (error) {
    return stopFor(error);
  }
  await writeReturned(run, reply, { kind: "everyone" });
  const missing = notReturned(keyIds, reply);
  for (const [userId, ids] of await ownersOfMissing(missing)) {
    const stop = await refreshOwner(run, userId, ids);
    if (stop) return stop;
  }
  await markGone(run, missing, { kind: "everyone" });
  return null;
}

/**
 * One creator's projects that need their authorization (plus `extraIds` the key lost): read with their
 * token if they are still connected; otherwise what only that authorization could read is removed.
 */
async function refreshOwner(
  run: RefreshRun,
  userId: string,
  extraIds: readonly string[] = [],
): Promise<RefreshStop | null> {
  const { now, cutoff } = run;
  const access = await findYouTubeAccess({ userId });
  if (access?.status === "active") {
    const ids = [...new Set([...extraIds, ...(await ownerOnlyVideoIds(userId))])].slice(0, MAX_IDS_PER_CALL);
    if (ids.length === 0) return null;
    try {
      const reply = await fetchVideos(run, ids, { connectionId: access.connectionId });
      await writeReturned(run, reply, { kind: "owner", userId });
      await markGone(run, notReturned(ids, reply), { kind: "owner", userId });
      return null;
    } catch (error) {
      // Google refused the grant (the connection is now marked needs_reconnect, its details removed), or
      // the creator disconnected meanwhile.
      if (!isAppError(error, "RECONNECT_REQUIRED") && !isAppError(error, "NOT_FOUND")) return stopFor(error);
      run.logger.info({ userId, reason: error.code }, "projects.refresh_owner_disconnected");
    }
  }
  run.result.creatorsRemoved += (await removeAuthorizedDetails({ userId, now })) > 0 ? 1 : 0;
  // Nothing left to renew for them until they reconnect: their rows go to the back of the queue.
  await db.$executeRaw`
    UPDATE "Project" SET "youtubeDataAt" = ${now}
     WHERE "userId" = ${userId} AND "youtubeDataAt" < ${cutoff}
       AND ("privacyStatus" IN ('private', 'unlisted') OR "youtubeDetailsRemovedAt" IS NOT NULL)`;
  return null;
}

function emptyResult(): RefreshResult {
  return {
    due: 0,
    calls: 0,
    units: 0,
    videos: 0,
    projectsUpdated: 0,
    projectsGone: 0,
    creatorsRemoved: 0,
    stoppedBy: "done",
  };
}

/** Calls (one unit each) this run may make: its part of the refresh share left before the quota resets. */
async function callsAllowedThisRun(now: Date, limits: QuotaLimits, tickMs: number): Promise<number> {
  const unitsLeft = await readRefreshUnitsLeft(now, limits);
  return Math.min(
    REFRESH_MAX_CALLS_PER_RUN,
    unitsAllowedThisRun({ unitsLeft, now, nextResetAt: nextQuotaReset(now), tickMs }),
  );
}

export async function refreshYouTubeData({
  logger,
  now = new Date(),
  tickMs = REFRESH_TICK_MS,
  limits = configuredQuotaLimits(),
  budgetMs = REFRESH_RUN_BUDGET_MS,
  signal,
}: {
  logger: Logger;
  /** The run's clock: ages, `youtubeDataAt` written, and the quota day read. Tests move it. */
  now?: Date;
  /** How often runs come (the cron); tests stepping the clock by days pass their step. */
  tickMs?: number;
  limits?: QuotaLimits;
  budgetMs?: number;
  signal?: AbortSignal;
}): Promise<RefreshResult> {
  const startedAt = Date.now();
  const result = emptyResult();
  const enrichMaxWaitMs = env.SYNC_ENRICH_MAX_WAIT_SECONDS * 1000;
  const cutoff = new Date(now.getTime() - REFRESH_MIN_AGE_MS);
  const partialCallBefore = now.getTime() - REFRESH_PARTIAL_CALL_AGE_MS;

  const finish = (stoppedBy: RefreshStop) => {
    result.stoppedBy = stoppedBy;
    if (result.calls > 0 || stoppedBy !== "done")
      logger.info({ ...result, ms: Date.now() - startedAt }, "projects.refreshed");
    return result;
  };

  if (isEnrichBehind(await readEnrichBacklog(), enrichMaxWaitMs)) return finish("enrich");
  const due = await readDue(cutoff);
  result.due = projectsDueThisRun({ ...due, now, tickMs });
  if (result.due === 0) return finish("done");
  const unitsAllowed = await callsAllowedThisRun(now, limits, tickMs);
  if (unitsAllowed === 0) return finish("quota_share");

  const countUnits = (units: number) => (result.units += units);
  const run: RefreshRun = {
    result,
    logger,
    now,
    cutoff,
    signal,
    countUnits,
    keyClient: createDefaultYouTubeClient({ logger, purpose: "background", onUnitsSpent: countUnits }),
    skipped: new Set<string>(),
  };
  let taken = 0;

  while (taken < result.due) {
    if (Date.now() - startedAt > budgetMs) return finish("budget");
    if (result.calls >= unitsAllowed) return finish("quota_share");
    if (result.calls > 0 && isEnrichBehind(await readEnrichBacklog(), enrichMaxWaitMs)) return finish("enrich");
    const slice = await readSlice(cutoff, run.skipped);
    if (slice.length === 0) return finish("done");
    const batch = planBatch(slice);
    // The last rows fill less than a call, and the oldest of them is young: wait for more to join them.
    const isPartialCallEarly =
      batch.keyIds.length < MAX_IDS_PER_CALL &&
      slice.length < REFRESH_SLICE_ROWS &&
      batch.oldestKeyAt !== null &&
      batch.oldestKeyAt.getTime() > partialCallBefore;

    for (const userId of batch.owners) {
      if (result.calls >= unitsAllowed) return finish("quota_share");
      const stop = await refreshOwner(run, userId);
      if (stop) return finish(stop);
    }
    if (batch.keyIds.length > 0 && isPartialCallEarly) return finish("waiting_for_batch");
    if (batch.keyIds.length > 0) {
      const stop = await refreshWithKey(run, batch.keyIds);
      if (stop) return finish(stop);
    }
    taken += batch.covered;
  }
  return finish("done");
}
