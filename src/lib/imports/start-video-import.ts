/**
 * imports.importVideos: parses every pasted link or id (all must be valid: the message names the first
 * bad line, so the user fixes it rather than losing it silently), de-duplicates, and creates the ImportRun
 * and its job in ONE statement: the run's insert rides in front of pg-boss's own job insert as a CTE, so
 * both commit together or not at all, in one round trip. Answers at once with the run id; the worker does
 * the rest.
 */
import { AppError, isAppError } from "~/lib/errors";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { importVideosJob } from "~/lib/jobs/import-videos.job";
import { parseVideoRef } from "~/lib/youtube/parse-youtube-url";
import { pool } from "~/server/db";
import { newRunId } from "./new-run-id";

type NewRun = { id: string; userId: string; total: number; label: string; params: object };

/**
 * A pg-boss executor (the `db` option of send) that puts the run's INSERT in front of the job INSERT
 * pg-boss hands it, as a data-modifying CTE, with the run's values numbered after pg-boss's own.
 */
function withRunInsert(run: NewRun) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const at = values.length;
      const insertRun = `"newRun" AS (
        INSERT INTO "ImportRun" ("id", "userId", "kind", "total", "label", "params", "updatedAt")
        VALUES ($${at + 1}::uuid, $${at + 2}, 'videos', $${at + 3}::int, $${at + 4}, $${at + 5}::jsonb, now()))`;
      const statement = text.trimStart();
      let combined: string;
      if (/^WITH\s+RECURSIVE\s/i.test(statement))
        throw new Error("pg-boss job insert has an unexpected shape (WITH RECURSIVE)");
      else if (/^WITH\s/i.test(statement)) combined = `WITH ${insertRun},\n${statement.replace(/^WITH\s/i, "")}`;
      else if (/^INSERT\s/i.test(statement)) combined = `WITH ${insertRun}\n${statement}`;
      else throw new Error("pg-boss job insert has an unexpected shape");
      // On the pool, as pg-boss itself would send it (and not through Prisma: a hot path, docs/architecture.md).
      const { rows } = await pool.query(combined, [
        ...values,
        run.id,
        run.userId,
        run.total,
        run.label,
        JSON.stringify(run.params),
      ]);
      return { rows };
    },
  };
}

export async function startVideoImport({
  userId,
  videos,
  jobs,
}: {
  userId: string;
  videos: readonly string[];
  jobs: JobSender;
}) {
  const ids: string[] = [];
  for (const [index, input] of videos.entries()) {
    try {
      ids.push(parseVideoRef(input).videoId);
    } catch (error) {
      if (!isAppError(error, "INVALID_INPUT")) throw error;
      throw new AppError("INVALID_INPUT", videos.length > 1 ? `Line ${index + 1}: ${error.message}` : error.message, {
        cause: error,
      });
    }
  }
  const videoIds = [...new Set(ids)];
  const run: NewRun = {
    id: newRunId(),
    userId,
    total: videoIds.length,
    label: videoIds.length === 1 ? "1 video" : `${videoIds.length} videos`,
    params: { videoIds },
  };
  const jobId = await enqueue(jobs, importVideosJob, { runId: run.id, batch: 0, videoIds }, { db: withRunInsert(run) });
  // The queue has no singleton key, so pg-boss always inserts; a null id would mean a run without its job.
  if (!jobId) throw new Error(`import run ${run.id}: pg-boss inserted no job`);
  return { runId: run.id };
}
