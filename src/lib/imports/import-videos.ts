/**
 * imports.importVideos: parses every pasted link or id (all must be valid: the message names the first
 * bad line, so the user fixes it rather than losing it silently), de-duplicates, and creates the ImportRun
 * and its job in one transaction. Answers at once with the run id; the worker does the rest.
 */
import { fromPrisma, type PgBoss } from "pg-boss";
import { AppError, isAppError } from "~/lib/errors";
import { enqueue } from "~/lib/jobs/enqueue";
import { importVideosJob } from "~/lib/jobs/import-videos";
import { parseVideoRef } from "~/lib/youtube/parse-youtube-url";
import { db } from "~/server/db";

export async function importVideos({ userId, videos, boss }: { userId: string; videos: readonly string[]; boss: PgBoss }) {
  const ids: string[] = [];
  for (const [index, input] of videos.entries()) {
    try {
      ids.push(parseVideoRef(input).videoId);
    } catch (error) {
      if (!isAppError(error, "INVALID_INPUT")) throw error;
      throw new AppError("INVALID_INPUT", videos.length > 1 ? `Line ${index + 1}: ${error.message}` : error.message, { cause: error });
    }
  }
  const videoIds = [...new Set(ids)];
  return db.$transaction(async (tx) => {
    const run = await tx.importRun.create({
      data: { userId, kind: "videos", total: videoIds.length, label: videoIds.length === 1 ? "1 video" : `${videoIds.length} videos`, params: { videoIds } },
      select: { id: true },
    });
    await enqueue(boss, importVideosJob, { runId: run.id, batch: 0, videoIds }, { db: fromPrisma(tx) });
    return { runId: run.id };
  });
}
