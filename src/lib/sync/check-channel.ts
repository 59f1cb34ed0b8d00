/**
 * sync.check-channel: one check of one shared channel, serving all its followers (DESIGN.md §6).
 *
 * 1. Read the RSS feed with If-None-Match / If-Modified-Since — 0 units; a 304 ends the check with one
 *    UPDATE. A feed that fails for this channel falls back to the uploads playlist (1 unit); a feed host
 *    outage (breaker open) backs off without spending quota.
 * 2. New = in the feed window (or announced by a WebSub push) and not in the window remembered from the
 *    last good check. A full window of unseen ids means more may have been missed: the uploads playlist
 *    is paged back to the first known id.
 * 3. videos.list for the new ids (1 unit per 50), then projects for every follower with auto-sync on, in
 *    one INSERT … ON CONFLICT DO NOTHING (a video seen by two checks is imported once), each follower
 *    getting uploads published since they followed.
 * 4. Ids that left the window before newer uploads could push them out were deleted or made private:
 *    their projects are marked unavailable, never deleted.
 * 5. Next check by tier with jitter; failures back off this channel only. Waits for Google (quota, rate,
 *    outage) are results, not exceptions: the channel's nextCheckAt is the retry.
 */
import { fromPrisma } from "pg-boss";
import type { Prisma } from "~/generated/prisma/client";
import { isAiConfigured } from "~/lib/analysis/ai-client";
import { loadCatalogIndex } from "~/lib/analysis/catalog-matcher";
import { isAppError } from "~/lib/errors";
import { ANALYSIS_PRIORITY_BULK, analyzeProjectJob } from "~/lib/jobs/analyze-project";
import { enqueue, enqueueMany, type JobSender } from "~/lib/jobs/enqueue";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe";
import type { SYNC_TRIGGERS } from "~/lib/jobs/sync-check-channel";
import { createProjectsFromVideos, type CreatedProject } from "~/lib/projects/create-projects-from-videos";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import type { YouTubeClient } from "~/lib/youtube/client";
import { YouTubeApiError } from "~/lib/youtube/errors";
import type { YouTubeVideo } from "~/lib/youtube/normalize";
import { uploadsPlaylistIdOf } from "~/lib/youtube/parse-youtube-url";
import { MAX_PAGE_SIZE } from "~/lib/youtube/quota-costs";
import { isWebSubEnabled } from "./websub";
import { db } from "~/server/db";
import { withBindings, type Logger } from "~/server/logger";
import { metrics } from "~/server/metrics";
import {
  GONE_RECHECK_INTERVAL_MS,
  nextCheckAfterFailure,
  nextCheckAfterQuotaReset,
  nextCheckAfterSuccess,
  tierFor,
  type CheckTier,
} from "./check-schedule";

export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];
type SyncMethod = "feed" | "playlist" | "push";
type SyncOutcome = "unchanged" | "baseline" | "new_videos" | "failed" | "quota_wait" | "config_wait" | "not_found";

/** YouTube's feed holds the 15 newest uploads; the remembered window has the same length. */
export const FEED_WINDOW = 15;
/** Pages of the uploads playlist walked when a whole feed window is new (50 videos each, 1 unit each). */
export const MAX_BACKFILL_PAGES = 4;
/** Consecutive "not found" answers before we spend a unit asking channels.list whether the channel is gone. */
export const NOT_FOUND_CONFIRMATIONS = 3;
/** Uploads published this long before a follow still count as "since they followed" (feeds lag). */
export const FOLLOW_GRACE_MS = 60 * 60 * 1000;
/** Many checks share a process's pool: wait for a connection rather than fail, and allow a big fan-out. */
const WRITE_TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 60_000 };
/** Error text stored on the channel is cut to this length. */
const MAX_ERROR_CHARS = 300;

const channelSelect = {
  id: true,
  youtubeChannelId: true,
  uploadsPlaylistId: true,
  title: true,
  status: true,
  feedEtag: true,
  feedLastModified: true,
  lastVideoPublishedAt: true,
  lastCheckedAt: true,
  consecutiveFailures: true,
  leaseExpiresAt: true,
  pushUnhealthySince: true,
  recentVideoIds: true,
  pendingVideoIds: true,
} satisfies Prisma.ChannelSelect;
type CheckedChannel = Prisma.ChannelGetPayload<{ select: typeof channelSelect }>;

export type CheckResult = {
  outcome: SyncOutcome | "parked" | "gone";
  method?: SyncMethod;
  newVideos?: number;
  projectsCreated?: number;
  unitsSpent?: number;
  nextCheckAt?: Date | null;
};

/** What the feed (or its fallback) says the channel's newest uploads are, newest first. */
type Window = {
  method: SyncMethod;
  entries: { videoId: string; publishedAt: Date | null; isShort: boolean }[];
  /** Only for method "feed": the validators to send next time. */
  etag?: string | null;
  lastModified?: string | null;
  /** The feed answered 304: nothing changed since the stored validators. */
  notModified?: boolean;
};

class ChannelNotFound extends Error {}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, MAX_ERROR_CHARS);
}

async function readWindow(client: YouTubeClient, channel: CheckedChannel, signal?: AbortSignal): Promise<Window> {
  try {
    const reply = await client.getFeed({ channelId: channel.youtubeChannelId, etag: channel.feedEtag, lastModified: channel.feedLastModified, signal });
    if (reply.status === "not_modified") return { method: "feed", entries: [], notModified: true };
    if (reply.status === "ok") {
      return {
        method: "feed",
        entries: reply.feed.entries.map((entry) => ({ videoId: entry.videoId, publishedAt: entry.publishedAt, isShort: entry.isShort })),
        etag: reply.etag,
        lastModified: reply.lastModified,
      };
    }
  } catch (error) {
    // The whole feed host is down (breaker open): the playlist would only burn the day's units fleet-wide.
    if (isAppError(error, "UPSTREAM_UNAVAILABLE")) throw error;
  }
  // This channel's feed is missing, unreadable or erroring: one playlist page (1 unit) instead.
  try {
    const page = await client.listUploadsPage({ playlistId: channel.uploadsPlaylistId ?? uploadsPlaylistIdOf(channel.youtubeChannelId), pageSize: FEED_WINDOW, signal });
    if ("notModified" in page) return { method: "playlist", entries: [], notModified: true };
    return { method: "playlist", entries: page.items.map((item) => ({ videoId: item.videoId, publishedAt: item.publishedAt, isShort: false })) };
  } catch (error) {
    if (isAppError(error, "NOT_FOUND")) throw new ChannelNotFound(`YouTube has no uploads list for ${channel.youtubeChannelId}`);
    throw error;
  }
}

/** Pages the uploads playlist back from the newest until a known id shows up (bounded). */
async function backfillIds(client: YouTubeClient, channel: CheckedChannel, known: ReadonlySet<string>, signal?: AbortSignal): Promise<string[]> {
  const ids: string[] = [];
  let pageToken: string | null = null;
  for (let page = 0; page < MAX_BACKFILL_PAGES; page += 1) {
    const reply = await client.listUploadsPage({ playlistId: channel.uploadsPlaylistId ?? uploadsPlaylistIdOf(channel.youtubeChannelId), pageToken, pageSize: MAX_PAGE_SIZE, signal });
    if ("notModified" in reply) break;
    for (const item of reply.items) {
      if (known.has(item.videoId)) return ids;
      ids.push(item.videoId);
    }
    pageToken = reply.nextPageToken;
    if (!pageToken) break;
  }
  return ids;
}

/**
 * Remembered ids that should still be in the window — newer uploads did not push them out — but are not:
 * YouTube removed them (deleted, or made private).
 */
export function vanishedIds(remembered: readonly string[], current: readonly string[], newCount: number): string[] {
  const present = new Set(current);
  const survivors = remembered.slice(0, Math.max(0, FEED_WINDOW - newCount));
  return current.length === 0 ? [] : survivors.filter((id) => !present.has(id));
}

type Follower = { id: string; userId: string; createdAt: Date };

async function loadFollowers(channelId: string): Promise<Follower[]> {
  return db.contentSource.findMany({ where: { channelId, syncEnabled: true }, select: { id: true, userId: true, createdAt: true } });
}

export async function checkChannel({
  channelId,
  trigger,
  boss,
  logger: parentLogger,
  signal,
  now = () => new Date(),
}: {
  channelId: string;
  trigger: SyncTrigger;
  /** Queues the AI pass for the projects created, in the same transaction. */
  boss: JobSender;
  logger: Logger;
  signal?: AbortSignal;
  now?: () => Date;
}): Promise<CheckResult> {
  const logger = withBindings(parentLogger, { channelId });
  const startedAt = now();
  // Whether anyone still wants it synced is one probe of the (channelId, syncEnabled) index; the followers
  // themselves are loaded only when there is news. (Not a relation _count: Prisma batches concurrent
  // findUniques into one IN query whose count joins an aggregate over every ContentSource row.)
  const [channel, anyFollower] = await Promise.all([
    db.channel.findUnique({ where: { id: channelId }, select: channelSelect }),
    db.contentSource.findFirst({ where: { channelId, syncEnabled: true }, select: { id: true } }),
  ]);
  if (!channel) return { outcome: "gone" };
  if (!anyFollower) {
    // Nobody wants this channel synced any more: park it until someone does, and leave the hub.
    await db.channel.update({ where: { id: channelId }, data: { nextCheckAt: null, hubRenewAt: null } });
    if (channel.leaseExpiresAt && channel.leaseExpiresAt > startedAt) {
      await enqueue(boss, websubSubscribeJob, { channelId }, { singletonKey: channelId });
    }
    return { outcome: "parked", nextCheckAt: null };
  }

  let unitsSpent = 0;
  const client = createDefaultYouTubeClient({ logger, purpose: "background", onUnitsSpent: (units) => (unitsSpent += units) });
  let method: SyncMethod = "feed";
  const finish = async (
    outcome: SyncOutcome,
    data: Prisma.ChannelUpdateInput,
    extra: { newVideos?: number; projectsCreated?: number; error?: string; consumed?: readonly string[] } = {},
  ) => {
    await db.channel.update({
      where: { id: channelId },
      data: { ...data, lastCheckMethod: method, lastCheckOutcome: outcome },
    });
    if (extra.consumed && extra.consumed.length > 0) {
      // Push-announced ids handled here leave the list; ids pushed while this check ran make it due again now.
      await db.$executeRaw`
        UPDATE "Channel" SET "pendingVideoIds" = ARRAY(SELECT unnest("pendingVideoIds") EXCEPT SELECT unnest(${[...extra.consumed]}::text[]))
         WHERE "id" = ${channelId}::uuid`;
      await db.$executeRaw`UPDATE "Channel" SET "nextCheckAt" = now() WHERE "id" = ${channelId}::uuid AND cardinality("pendingVideoIds") > 0`;
    }
    if (outcome !== "unchanged") {
      await db.syncRun.create({
        data: {
          channelId,
          trigger,
          method,
          outcome,
          newVideos: extra.newVideos ?? 0,
          projectsCreated: extra.projectsCreated ?? 0,
          unitsSpent,
          durationMs: Math.round(now().getTime() - startedAt.getTime()),
          error: extra.error ?? null,
          startedAt,
        },
      });
    }
    metrics.syncChecksTotal.inc({ method, outcome });
    return { outcome, method, newVideos: extra.newVideos ?? 0, projectsCreated: extra.projectsCreated ?? 0, unitsSpent, nextCheckAt: (data.nextCheckAt as Date | null | undefined) ?? null };
  };

  const isPushCovered = (at: Date) => !!channel.leaseExpiresAt && channel.leaseExpiresAt > at && !channel.pushUnhealthySince;
  try {
    const window = await readWindow(client, channel, signal);
    method = window.method;
    const pending = channel.pendingVideoIds.filter((id) => !channel.recentVideoIds.includes(id));
    if (trigger === "push" && pending.length > 0) method = "push";

    if (window.notModified && pending.length === 0) {
      const at = now();
      const tier = tierFor(channel.lastVideoPublishedAt, at);
      return await finish("unchanged", {
        lastCheckedAt: at,
        checkTier: tier,
        nextCheckAt: nextCheckAfterSuccess({ tier, isPushCovered: isPushCovered(at), now: at }),
        consecutiveFailures: 0,
        lastError: null,
      }, { consumed: channel.pendingVideoIds });
    }

    const followers = await loadFollowers(channelId);
    const remembered = channel.recentVideoIds;
    const known = new Set(remembered);
    const windowIds = window.entries.map((entry) => entry.videoId);
    const isBaseline = channel.lastCheckedAt === null && remembered.length === 0;
    const earliestFollow = Math.min(...followers.map((follower) => follower.createdAt.getTime())) - FOLLOW_GRACE_MS;
    let candidates: string[];
    if (isBaseline) {
      // First look at this channel: the window is history, except uploads since someone followed.
      candidates = window.entries.filter((entry) => entry.publishedAt && entry.publishedAt.getTime() >= earliestFollow).map((entry) => entry.videoId);
    } else {
      candidates = windowIds.filter((id) => !known.has(id));
      if (!window.notModified && candidates.length >= FEED_WINDOW) {
        // Every id in the window is new: more uploads may hide behind it.
        candidates = await backfillIds(client, channel, known, signal);
      }
    }
    candidates = [...new Set([...candidates, ...pending])];
    const gone = window.notModified ? [] : vanishedIds(remembered, windowIds, candidates.length);

    let videos: YouTubeVideo[] = [];
    let missing: string[] = [];
    const lookups = [...new Set([...candidates, ...gone])];
    if (lookups.length > 0) {
      const shortHints = new Map(window.entries.map((entry) => [entry.videoId, entry.isShort]));
      const fetched = await client.getVideos({ ids: lookups, shortHints, signal });
      const goneSet = new Set(gone);
      videos = fetched.videos.filter((video) => !goneSet.has(video.id) || candidates.includes(video.id));
      missing = fetched.missingIds;
    }
    const removed = gone.filter((id) => missing.includes(id));
    // Upcoming premieres and streams are left out of the remembered window, so they are picked up once live.
    const upcoming = new Set(videos.filter((video) => video.kind === "upcoming").map((video) => video.id));
    // A push also announces edits of old videos: those outside the window count only if they are recent uploads.
    const inWindow = new Set(windowIds);
    const pushFloor = (channel.lastVideoPublishedAt?.getTime() ?? 0) - FOLLOW_GRACE_MS;
    const publishable = videos.filter(
      (video) => video.kind !== "upcoming" && candidates.includes(video.id) && (inWindow.has(video.id) || !pending.includes(video.id) || video.publishedAt.getTime() >= pushFloor),
    );

    const at = now();
    const newest = [...window.entries.map((entry) => entry.publishedAt), ...publishable.map((video) => video.publishedAt)]
      .filter((date): date is Date => !!date)
      .reduce<Date | null>((latest, date) => (!latest || date > latest ? date : latest), channel.lastVideoPublishedAt);
    const tier: CheckTier = tierFor(newest, at);
    // A safety-net poll that finds uploads no push announced: the hub is not delivering for this channel.
    const missedByPush = trigger === "schedule" && isPushCovered(at) && publishable.some((video) => !pending.includes(video.id));
    const pushUnhealthySince = missedByPush ? at : trigger === "push" ? null : channel.pushUnhealthySince;
    // A new id the feed lists but videos.list does not return yet (still processing, or gone meanwhile) is not
    // remembered either: the next check asks again rather than losing an upload for good.
    const unresolved = new Set(missing.filter((id) => candidates.includes(id)));
    const nextWindow = window.notModified ? remembered : windowIds.filter((id) => !upcoming.has(id) && !unresolved.has(id)).slice(0, FEED_WINDOW);

    const catalog = publishable.length > 0 ? await loadCatalogIndex() : null;
    const created = !catalog && removed.length === 0 ? [] : await db.$transaction(async (tx) => {
      const isAiPending = isAiConfigured();
      const result = await createProjectsFromVideos({
        tx,
        owners: followers.map((follower) => ({
          userId: follower.userId,
          contentSourceId: follower.id,
          publishedSince: new Date(follower.createdAt.getTime() - FOLLOW_GRACE_MS),
        })),
        videos: publishable,
        importRunId: null,
        catalog: catalog ?? (await loadCatalogIndex()),
        isAiPending,
      });
      if (isAiPending) {
        await enqueueMany(boss, analyzeProjectJob, result.createdProjectIds.map((projectId) => ({ projectId })), { priority: ANALYSIS_PRIORITY_BULK, db: fromPrisma(tx) });
      }
      await countImports(tx, result.created, at);
      if (removed.length > 0) {
        await tx.project.updateMany({
          where: { youtubeVideoId: { in: removed }, youtubeChannelId: channel.youtubeChannelId, availability: "available" },
          data: { availability: "deleted" },
        });
      }
      return result.created;
    }, WRITE_TRANSACTION_OPTIONS);

    const outcome: SyncOutcome = isBaseline && created.length === 0 ? "baseline" : publishable.length > 0 || removed.length > 0 ? "new_videos" : "unchanged";
    const result = await finish(
      outcome,
      {
        lastCheckedAt: at,
        checkTier: tier,
        lastVideoPublishedAt: newest,
        recentVideoIds: nextWindow,
        ...(window.method === "feed" && !window.notModified ? { feedEtag: window.etag ?? null, feedLastModified: window.lastModified ?? null } : {}),
        nextCheckAt: nextCheckAfterSuccess({ tier, isPushCovered: isPushCovered(at) && !missedByPush, now: at }),
        consecutiveFailures: 0,
        lastError: null,
        pushUnhealthySince,
        // Pushes went missing: subscribe again at the next websub.renew, in case the hub dropped us.
        ...(missedByPush && isWebSubEnabled() ? { hubRenewAt: at } : {}),
        status: "active",
      },
      { newVideos: publishable.length, projectsCreated: created.length, consumed: channel.pendingVideoIds },
    );
    logger.info({ method, outcome, newVideos: publishable.length, projectsCreated: created.length, removed: removed.length, unitsSpent }, "sync.checked");
    return result;
  } catch (error) {
    // Only the uploads playlist (the feed's fallback) says "not found": record the check under that method.
    if (error instanceof ChannelNotFound) method = "playlist";
    return failCheck({ error, channel, finish, logger, now, client, signal });
  }
}

/** Adds each source's new projects to its count, and stamps when it last received something. */
async function countImports(tx: Prisma.TransactionClient, created: readonly CreatedProject[], at: Date) {
  const perSource = new Map<string, number>();
  for (const project of created) {
    if (project.contentSourceId) perSource.set(project.contentSourceId, (perSource.get(project.contentSourceId) ?? 0) + 1);
  }
  if (perSource.size === 0) return;
  const rows = [...perSource].map(([id, count]) => ({ id, count }));
  await tx.$executeRaw`
    UPDATE "ContentSource" AS s SET "importedCount" = s."importedCount" + r.count, "lastSyncedAt" = ${at}, "updatedAt" = ${at}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, count int)
     WHERE s."id" = r.id`;
}

type Finish = (outcome: SyncOutcome, data: Prisma.ChannelUpdateInput, extra?: { error?: string }) => Promise<CheckResult>;

async function failCheck({
  error,
  channel,
  finish,
  logger,
  now,
  client,
  signal,
}: {
  error: unknown;
  channel: CheckedChannel;
  finish: Finish;
  logger: Logger;
  now: () => Date;
  client: YouTubeClient;
  signal?: AbortSignal | undefined;
}): Promise<CheckResult> {
  const at = now();
  if (isAppError(error, "QUOTA_EXHAUSTED") && error.retryAt) {
    logger.warn({ retryAt: error.retryAt }, "sync.quota_wait");
    return finish("quota_wait", { nextCheckAt: nextCheckAfterQuotaReset(error.retryAt), lastError: error.message }, { error: error.message });
  }
  if (isAppError(error, "UPSTREAM_MISCONFIGURED") && error.retryAt) {
    // Google refused Showreel's key or project, not this channel: no failure counted, look again later.
    logger.warn({ retryAt: error.retryAt }, "sync.config_wait");
    return finish("config_wait", { nextCheckAt: error.retryAt, lastError: error.message }, { error: error.message });
  }
  const failures = channel.consecutiveFailures + 1;
  if (error instanceof ChannelNotFound) {
    // A channel that has never published has no uploads list, so Google 404s it: expected, not a miss.
    if (failures >= NOT_FOUND_CONFIRMATIONS || channel.lastVideoPublishedAt === null) {
      // Several misses in a row (or a channel never seen to publish): one unit to ask whether it is gone.
      const found = await client.getChannels({ ids: [channel.youtubeChannelId], signal }).catch(() => null);
      if (found && found.length > 0) {
        // It exists and simply has no public uploads yet: not a failure; look again on its tier.
        const tier = tierFor(channel.lastVideoPublishedAt, at);
        return finish("unchanged", {
          lastCheckedAt: at,
          checkTier: tier,
          consecutiveFailures: 0,
          lastError: null,
          status: "active",
          nextCheckAt: nextCheckAfterSuccess({ tier, isPushCovered: false, now: at }),
        });
      }
      if (found) {
        logger.warn("sync.channel_gone");
        return finish(
          "not_found",
          { status: "terminated", consecutiveFailures: failures, lastError: "YouTube says this channel no longer exists.", nextCheckAt: new Date(at.getTime() + GONE_RECHECK_INTERVAL_MS) },
          { error: "channel no longer exists" },
        );
      }
    }
    // A lone 404 is usually transient: back off this channel, never disable it.
  }
  if (!isAppError(error) && !(error instanceof YouTubeApiError) && !(error instanceof ChannelNotFound)) throw error;
  const retryAt = isAppError(error) ? error.retryAt : null;
  const message = errorText(error);
  logger.warn({ failures, error: message }, "sync.check_failed");
  return finish(
    "failed",
    { consecutiveFailures: failures, lastError: message, nextCheckAt: nextCheckAfterFailure({ consecutiveFailures: failures, now: at, retryAt: retryAt ?? null }) },
    { error: message },
  );
}

