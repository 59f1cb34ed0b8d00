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
import { channelNotFoundMessage, upsertChannel } from "~/lib/sources/upsert-channel";
import { followChannel } from "~/lib/sync/follow-channel";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import { MAX_PAGE_SIZE } from "~/lib/youtube/quota-costs";
import { db } from "~/server/db";
import { withBindings, type Logger } from "~/server/logger";
import { importVideoBatch } from "./import-video-batch";
import { failRun, isPausedForReconnect, isRunFinished, runStep, startRun } from "./import-run-state";

const paramsSchema = z.object({
  channelId: z.string().optional(),
  handle: z.string().optional(),
  maxVideos: z.number().int().positive(),
  follow: z.boolean(),
});
type Params = z.infer<typeof paramsSchema>;

const cursorSchema = z.looseObject({
  page: z.number().int().min(0),
  pageTokens: z.array(z.string().nullable()),
  channelId: z.string().optional(),
  playlistId: z.string().optional(),
  contentSourceId: z.string().nullable().optional(),
});
type Cursor = z.infer<typeof cursorSchema>;

/** A YouTube client that counts the units it spends, so each write of the run adds what was spent since the last. */
function meteredClient({ logger, userId }: { logger: Logger; userId: string }) {
  let spent = 0;
  const client = createDefaultYouTubeClient({
    logger,
    purpose: "interactive",
    userId,
    onUnitsSpent: (units) => (spent += units),
  });
  const takeUnits = () => {
    const units = spent;
    spent = 0;
    return units;
  };
  return { client, takeUnits };
}
type MeteredClient = ReturnType<typeof meteredClient>;

/**
 * Page 0's first step: the channel is looked up and recorded, and followed when asked. Returns the cursor
 * that now names its uploads playlist, or null when YouTube has no such channel (the run has failed).
 */
async function resolveChannel({
  runId,
  userId,
  params,
  cursor,
  youtube,
  boss,
  signal,
}: {
  runId: string;
  userId: string;
  params: Params;
  cursor: Cursor;
  youtube: MeteredClient;
  boss: JobSender;
  signal: AbortSignal | undefined;
}): Promise<Cursor | null> {
  const lookup = params.channelId ? { channelId: params.channelId } : { handle: params.handle ?? "" };
  const channel = await upsertChannel({ client: youtube.client, lookup, signal });
  if (!channel) {
    await db.importRun.update({ where: { id: runId }, data: { unitsSpent: { increment: youtube.takeUnits() } } });
    await failRun({ runId, message: channelNotFoundMessage(lookup) });
    return null;
  }
  const source = params.follow
    ? await db.$transaction((tx) => followChannel({ tx, userId, channelId: channel.id, boss }))
    : null;
  const resolved: Cursor = {
    ...cursor,
    channelId: channel.youtubeChannelId,
    playlistId: channel.uploadsPlaylistId,
    contentSourceId: source?.id ?? null,
  };
  await db.importRun.update({
    where: { id: runId },
    data: {
      cursor: resolved as Prisma.InputJsonObject,
      unitsSpent: { increment: youtube.takeUnits() },
      label: channel.title,
    },
  });
  return resolved;
}

type ListedPage = { videoIds: string[]; unavailable: number; nextPageToken: string | null };

/** The page's uploads; a channel without an uploads playlist has none, which is a result, not a failure. */
async function listPage({
  youtube,
  cursor,
  page,
  pageSize,
  signal,
}: {
  youtube: MeteredClient;
  cursor: Cursor;
  page: number;
  pageSize: number;
  signal: AbortSignal | undefined;
}): Promise<ListedPage> {
  try {
    const reply = await youtube.client.listUploadsPage({
      playlistId: cursor.playlistId!,
      pageToken: cursor.pageTokens[page] ?? null,
      pageSize,
      signal,
    });
    if ("notModified" in reply) throw new Error("unexpected 304 without an ETag");
    return {
      videoIds: reply.items.map((item) => item.videoId),
      unavailable: reply.skipped.private + reply.skipped.deleted,
      nextPageToken: reply.nextPageToken,
    };
  } catch (error) {
    if (!isAppError(error, "NOT_FOUND")) throw error;
    return { videoIds: [], unavailable: 0, nextPageToken: null };
  }
}

/** Grows the run's total and queues the next page, once per page: a retried job finds the page already done. */
async function recordPage({
  runId,
  page,
  listed,
  hasNext,
  unitsSpent,
  boss,
}: {
  runId: string;
  page: number;
  listed: ListedPage;
  hasNext: boolean;
  unitsSpent: number;
  boss: JobSender;
}) {
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
  if (!run || isRunFinished(run)) return { outcome: "finished" as const };
  if (isPausedForReconnect(run)) return { outcome: "paused_for_reconnect" as const };
  const params = paramsSchema.safeParse(run.params);
  const parsedCursor = cursorSchema.safeParse(run.cursor);
  if (!params.success || !parsedCursor.success) {
    await failRun({ runId, message: "This import's settings could not be read." });
    throw new AppError("INVALID_INPUT", `import run ${runId} has unreadable params or cursor`);
  }
  const { userId } = run;
  const log = withBindings(logger, { runId, userId });
  await startRun(runId);

  const youtube = meteredClient({ logger: log, userId });
  return runStep(runId, async () => {
    const cursor = parsedCursor.data.playlistId
      ? parsedCursor.data
      : await resolveChannel({ runId, userId, params: params.data, cursor: parsedCursor.data, youtube, boss, signal });
    if (!cursor) return { outcome: "channel_not_found" as const };

    const seenBefore = page * MAX_PAGE_SIZE;
    const pageSize = Math.min(MAX_PAGE_SIZE, params.data.maxVideos - seenBefore);
    const listed = await listPage({ youtube, cursor, page, pageSize, signal });
    const hasNext = listed.nextPageToken !== null && seenBefore + pageSize < params.data.maxVideos;
    await recordPage({ runId, page, listed, hasNext, unitsSpent: youtube.takeUnits(), boss });

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
  });
}
