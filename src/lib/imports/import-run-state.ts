/**
 * The life of an import run: every change of ImportRun.status is written here, and nowhere else.
 *
 *              startRun                     applyBatch, once every video is counted
 *   queued ──────────────▶ running ───────────────────────────────────────────▶ done, or partial
 *     ▲                     │   ▲           (a channel run: once its last page is listed too)
 *     │      recordRunError │   │ startRun (the job, rescheduled for resumeAt, runs again)
 *     │      (retryAt)      ▼   │
 *     │              waiting: quota | rate_limit | upstream | configuration, with resumeAt
 *     │
 *     │ reopenAfterReconnect             recordRunError (RECONNECT_REQUIRED)
 *     └──────────────── waiting: reconnect ◀──────────────── running
 *                       (no resumeAt: its jobs do nothing until the user reconnects)
 *
 *   any unfinished state ── failRun, or recordRunError (any other AppError) ──▶ failed
 *
 * done, partial and failed are the ends: startRun, failRun and the pause for a reconnect move only a run that
 * has not reached one.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { ImportRunStatus, ImportRunWaitReason } from "~/generated/prisma/enums";
import { isAppError, type AppError } from "~/lib/errors";
import { db } from "~/server/db";
import type { SkipReason } from "./imports.schema";

const FINISHED: ImportRunStatus[] = ["done", "partial", "failed"];

/** The wait reason of each error that carries a resume time; any other such error is an outage. */
const WAIT_REASON_OF: Partial<Record<AppError["code"], ImportRunWaitReason>> = {
  QUOTA_EXHAUSTED: "quota",
  RATE_LIMITED: "rate_limit",
  UPSTREAM_UNAVAILABLE: "upstream",
  UPSTREAM_MISCONFIGURED: "configuration",
};

/** Done, partial or failed: no job changes the run any more. */
export const isRunFinished = (run: { status: ImportRunStatus }) => FINISHED.includes(run.status);

/** A run paused for a reconnect: its jobs do nothing until reconnecting re-queues them. */
export const isPausedForReconnect = (run: { status: ImportRunStatus; waitReason: ImportRunWaitReason | null }) =>
  run.status === "waiting" && run.waitReason === "reconnect";

/** A job of the run has begun its work: a queued or waiting run is running from now. */
export async function startRun(runId: string): Promise<void> {
  await db.importRun.updateMany({
    where: { id: runId, status: { in: ["queued", "waiting"] } },
    data: { status: "running", startedAt: new Date(), resumeAt: null, waitReason: null },
  });
}

/**
 * Ends a run whose work cannot continue (the input is unusable, the channel does not exist, an error no
 * wait can fix): a run must never be left "running" after its job gave up.
 */
export async function failRun({ runId, message }: { runId: string; message: string }): Promise<void> {
  await db.importRun.updateMany({
    where: { id: runId, status: { notIn: FINISHED } },
    data: { status: "failed", error: message, waitReason: null, resumeAt: null, finishedAt: new Date() },
  });
}

/** Records that a run waits until `retryAt`, and why; the worker reschedules the job for then. */
async function waitUntil({ runId, error, retryAt }: { runId: string; error: AppError; retryAt: Date }) {
  await db.importRun.update({
    where: { id: runId },
    data: {
      status: "waiting",
      resumeAt: retryAt,
      waitReason: WAIT_REASON_OF[error.code] ?? "upstream",
      error: error.message,
    },
  });
}

/**
 * Pauses a run whose user's YouTube grant was revoked mid-import: no resume time (it waits for the user,
 * not for Google); its jobs stop as they come up, and reconnecting re-queues what is left
 * (resume-runs-after-reconnect.ts).
 */
async function pauseForReconnect({ runId, error }: { runId: string; error: AppError }) {
  await db.importRun.updateMany({
    where: { id: runId, status: { notIn: FINISHED } },
    data: { status: "waiting", waitReason: "reconnect", resumeAt: null, error: error.message },
  });
}

/**
 * What an error thrown by a run's job does to the run: one with a resume time makes it wait, a revoked grant
 * pauses it for a reconnect, any other AppError fails it. Anything else leaves it as it is: the worker
 * retries the job. The caller throws the error on.
 */
async function recordRunError({ runId, error }: { runId: string; error: unknown }): Promise<void> {
  if (!isAppError(error)) return;
  const { retryAt } = error;
  if (retryAt) await waitUntil({ runId, error, retryAt });
  else if (error.code === "RECONNECT_REQUIRED") await pauseForReconnect({ runId, error });
  else await failRun({ runId, message: error.message });
}

/** Does a step of a run's work; an error it throws is recorded on the run (recordRunError) and thrown on. */
export async function runStep<T>(runId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await recordRunError({ runId, error });
    throw error;
  }
}

export type BatchCounts = {
  imported: number;
  skipped: number;
  failed: number;
  unitsSpent: number;
  skipReasons: Record<SkipReason, number>;
};

/**
 * Adds one batch's outcome to the run's counters and decides, in the same statement, whether the run is
 * still running, done or partial — so two batches finishing at once cannot both leave it running. Applied
 * at most once per (run, batch): false when an earlier attempt already applied this batch.
 */
export async function applyBatch(
  tx: Prisma.TransactionClient,
  { runId, batch, counts }: { runId: string; batch: number; counts: BatchCounts },
): Promise<boolean> {
  const { imported, skipped, failed, unitsSpent } = counts;
  const processed = imported + skipped + failed;
  const applied = await tx.$executeRaw`
      UPDATE "ImportRun" SET
        "imported" = "imported" + ${imported}::int,
        "skipped" = "skipped" + ${skipped}::int,
        "failed" = "failed" + ${failed}::int,
        "unitsSpent" = "unitsSpent" + ${unitsSpent}::int,
        "skipReasons" = (
          SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb) FROM (
            SELECT key, sum(value::int) AS total FROM (
              SELECT * FROM jsonb_each_text("ImportRun"."skipReasons")
              UNION ALL SELECT * FROM jsonb_each_text(${JSON.stringify(counts.skipReasons)}::jsonb)
            ) AS counts WHERE value::int > 0 GROUP BY key) AS merged),
        "cursor" = jsonb_set(coalesce("cursor", '{}'::jsonb), '{appliedBatches}',
                             coalesce("cursor"->'appliedBatches', '[]'::jsonb) || to_jsonb(${batch}::int)),
        -- Whether the run still has work after this batch ("open"; a channel run's total grows page by page,
        -- so it can finish only once its last page is known), read from the row being updated: two batches
        -- landing at once see each other's counts and cannot both leave the run open. A batch that was under
        -- way when another job of the run had to wait (quota spent, a revoked grant) still lands, and the run
        -- keeps waiting, with its reason, resume time and message; a finished run waits for nothing.
        ("status", "finishedAt", "waitReason", "resumeAt", "error") = (
          SELECT
            CASE WHEN open THEN (CASE WHEN waiting THEN 'waiting' ELSE 'running' END)::"ImportRunStatus"
                 WHEN "ImportRun"."failed" + ${failed}::int > 0 THEN 'partial'::"ImportRunStatus"
                 ELSE 'done'::"ImportRunStatus" END,
            CASE WHEN open THEN NULL ELSE now() END,
            CASE WHEN open AND waiting THEN "ImportRun"."waitReason" END,
            CASE WHEN open AND waiting THEN "ImportRun"."resumeAt" END,
            CASE WHEN open AND waiting THEN "ImportRun"."error" END
          FROM (SELECT
              "ImportRun"."imported" + "ImportRun"."skipped" + "ImportRun"."failed" + ${processed}::int
                  < "ImportRun"."total"
                OR ("ImportRun"."kind" = 'channel'
                    AND coalesce(("ImportRun"."cursor"->>'complete')::boolean, false) = false) AS open,
              "ImportRun"."status" = 'waiting' AS waiting) AS next),
        "updatedAt" = now()
      WHERE "id" = ${runId}::uuid
        AND NOT (coalesce("cursor"->'appliedBatches', '[]'::jsonb) @> to_jsonb(${batch}::int))`;
  return applied > 0;
}

/**
 * A run paused for a reconnect goes back to queued, so its re-queued jobs start it again; false when it was
 * not paused any more (another reconnect got there first).
 */
export async function reopenAfterReconnect(
  tx: Prisma.TransactionClient,
  { runId, userId }: { runId: string; userId: string },
): Promise<boolean> {
  const reopened = await tx.importRun.updateMany({
    where: { id: runId, userId, status: "waiting", waitReason: "reconnect" },
    data: { status: "queued", waitReason: null, error: null },
  });
  return reopened.count > 0;
}
