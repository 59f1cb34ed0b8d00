/**
 * youtube.import-channel-page: one page of a channel import. Page 0 first resolves the channel (1 unit),
 * records it as a shared Channel row and, when asked, follows it. Each page lists ≤ 50 uploads (1 unit),
 * grows the run's total, enqueues the next page — those three in one transaction, guarded by the page
 * number so a retried job never double-counts — and then imports the page's videos as batch <page>
 * (1 unit, applied once). 2 units per 50 videos in all.
 */
import { fromPrisma } from "pg-boss";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { AppError, isAppError } from "~/lib/errors";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { importChannelPageJob } from "~/lib/jobs/import-channel-page.job";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import { MAX_PAGE_SIZE } from "~/lib/youtube/quota-costs";
import { uploadsPlaylistIdOf } from "~/lib/youtube/parse-youtube-url";
import { db } from "~/server/db";
import { isPausedForReconnect, markRunFailed, markRunNeedsReconnect, markRunWaiting } from "./mark-run-waiting";
import { withBindings, type Logger } from "~/server/logger";
import { importVideoBatch } from "./import-video-batch";
import { followChannel } from "~/lib/sync/follow-channel";

const paramsSchema = z.object({
  channelId: z.string().optional(),
  handle: z.string().optional(),
  maxVideos: z.number().int().positive(),
  follow: z.boolean(),
});

const cursorSchema = z.looseObject({
  page: z.number().int().min(0),
  pageTokens: z.array(z.string().nullable()),
  channelId: z.string().optional(),
  playlistId: z.string().optional(),
  contentSourceId: z.string().nullable().optional(),
});
type Cursor = z.infer<typeof cursorSchema>;

const FINISHED = new Set(["done", "failed", "partial"]);

async function failRun(runId: string, message: string) {
  await db.importRun.update({
    where: { id: runId },
    data: { status: "failed", error: message, finishedAt: new Date() },
  });
}

export async function importChannelPage({
  runId,
  page,
  boss,
  logger,
  signal,
}: {
  runId: string;
  page: number;
  boss: JobSender;
  logger: Logger;
  signal?: AbortSignal;
}) {
  const run = await db.importRun.findUnique({
    where: { id: runId },
    select: { userId: true, status: true, waitReason: true, params: true, cursor: true },
  });
  if (!run || FINISHED.has(run.status)) return { outcome: "finished" as const };
  if (isPausedForReconnect(run)) return { outcome: "paused_for_reconnect" as const };
  const params = paramsSchema.safeParse(run.params);
  const parsedCursor = cursorSchema.safeParse(run.cursor);
  if (!params.success || !parsedCursor.success) {
    await failRun(runId, "This import's settings could not be read.");
    throw new AppError("INVALID_INPUT", `import run ${runId} has unreadable params or cursor`);
  }
  let cursor: Cursor = parsedCursor.data;
  const { userId } = run;
  const log = withBindings(logger, { runId, userId });
  await db.importRun.updateMany({
    where: { id: runId, status: { in: ["queued", "waiting"] } },
    data: { status: "running", startedAt: new Date(), resumeAt: null, waitReason: null },
  });

  let unitsSpent = 0;
  const client = createDefaultYouTubeClient({
    logger: log,
    purpose: "interactive",
    userId,
    onUnitsSpent: (units) => (unitsSpent += units),
  });
  try {
    if (!cursor.playlistId) {
      const channel = params.data.channelId
        ? ((await client.getChannels({ ids: [params.data.channelId], signal }))[0] ?? null)
        : await client.getChannelByHandle({ handle: params.data.handle ?? "", signal });
      if (!channel) {
        const asked = params.data.channelId ?? `@${params.data.handle}`;
        await db.importRun.update({ where: { id: runId }, data: { unitsSpent: { increment: unitsSpent } } });
        await failRun(runId, `No YouTube channel was found for ${asked}.`);
        return { outcome: "channel_not_found" as const };
      }
      const playlistId = channel.uploadsPlaylistId ?? uploadsPlaylistIdOf(channel.id);
      const shared = await db.channel.upsert({
        where: { youtubeChannelId: channel.id },
        // A channel imported without a follow stays parked: nothing to check until someone follows it.
        create: {
          youtubeChannelId: channel.id,
          uploadsPlaylistId: playlistId,
          title: channel.title,
          handle: channel.handle,
          thumbnailUrl: channel.thumbnailUrl,
        },
        update: {
          uploadsPlaylistId: playlistId,
          title: channel.title,
          handle: channel.handle,
          thumbnailUrl: channel.thumbnailUrl,
        },
        select: { id: true },
      });
      const source = params.data.follow
        ? await db.$transaction((tx) => followChannel({ tx, userId, channelId: shared.id, boss }))
        : null;
      cursor = { ...cursor, channelId: channel.id, playlistId, contentSourceId: source?.id ?? null };
      await db.importRun.update({
        where: { id: runId },
        data: { cursor: cursor as Prisma.InputJsonObject, unitsSpent: { increment: unitsSpent }, label: channel.title },
      });
      unitsSpent = 0;
    }

    const seenBefore = page * MAX_PAGE_SIZE;
    const pageSize = Math.min(MAX_PAGE_SIZE, params.data.maxVideos - seenBefore);
    let listed: { videoIds: string[]; unavailable: number; nextPageToken: string | null };
    try {
      const reply = await client.listUploadsPage({
        playlistId: cursor.playlistId!,
        pageToken: cursor.pageTokens[page] ?? null,
        pageSize,
        signal,
      });
      if ("notModified" in reply) throw new Error("unexpected 304 without an ETag");
      listed = {
        videoIds: reply.items.map((item) => item.videoId),
        unavailable: reply.skipped.private + reply.skipped.deleted,
        nextPageToken: reply.nextPageToken,
      };
    } catch (error) {
      // No uploads playlist: a channel without public uploads imports nothing, which is a result, not a failure.
      if (!isAppError(error, "NOT_FOUND")) throw error;
      listed = { videoIds: [], unavailable: 0, nextPageToken: null };
    }
    const hasNext = listed.nextPageToken !== null && seenBefore + pageSize < params.data.maxVideos;

    await db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<
        { cursor: unknown }[]
      >`SELECT "cursor" FROM "ImportRun" WHERE "id" = ${runId}::uuid FOR UPDATE`;
      const current = cursorSchema.parse(locked?.cursor);
      if (current.page !== page) return; // This page's bookkeeping was already done by an earlier attempt.
      const pageTokens = [...current.pageTokens];
      pageTokens[page + 1] = listed.nextPageToken;
      await tx.importRun.update({
        where: { id: runId },
        data: {
          total: { increment: listed.videoIds.length + listed.unavailable },
          unitsSpent: { increment: unitsSpent },
          cursor: { ...current, page: page + 1, pageTokens, complete: !hasNext } as Prisma.InputJsonObject,
        },
      });
      if (hasNext) await enqueue(boss, importChannelPageJob, { runId, page: page + 1 }, { db: fromPrisma(tx) });
    });

    return importVideoBatch({
      runId,
      batch: page,
      videoIds: listed.videoIds,
      presetSkips: { unavailable: listed.unavailable },
      contentSourceId: cursor.contentSourceId ?? null,
      boss,
      logger: log,
      signal,
    });
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
