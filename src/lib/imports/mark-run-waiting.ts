import type { AppError } from "~/lib/errors";
import { db } from "~/server/db";

/** Why a run waits, as the progress UI words it. */
export type WaitReason = "quota" | "rate_limit" | "upstream" | "configuration" | "reconnect";

const REASON_OF: Partial<Record<AppError["code"], WaitReason>> = {
  QUOTA_EXHAUSTED: "quota",
  RATE_LIMITED: "rate_limit",
  UPSTREAM_UNAVAILABLE: "upstream",
  UPSTREAM_MISCONFIGURED: "configuration",
};

/** Records that a run waits for `error.retryAt`, and why; the job is rescheduled for then by the worker. */
export async function markRunWaiting({
  runId,
  error,
}: {
  runId: string;
  error: AppError & { retryAt: Date };
}): Promise<void> {
  await db.importRun.update({
    where: { id: runId },
    data: {
      status: "waiting",
      resumeAt: error.retryAt,
      waitReason: REASON_OF[error.code] ?? "upstream",
      error: error.message,
    },
  });
}

/**
 * Pauses a run whose user's YouTube grant was revoked mid-import: no resume time (it waits for the user,
 * not for Google); its jobs stop as they come up, and reconnecting re-queues what is left
 * (resume-runs-after-reconnect.ts).
 */
export async function markRunNeedsReconnect({ runId, error }: { runId: string; error: AppError }): Promise<void> {
  await db.importRun.updateMany({
    where: { id: runId, status: { notIn: ["done", "partial", "failed"] } },
    data: { status: "waiting", waitReason: "reconnect", resumeAt: null, error: error.message },
  });
}

/** A run paused for a reconnect: its jobs do nothing until reconnecting re-queues them. */
export const isPausedForReconnect = (run: { status: string; waitReason: string | null }) =>
  run.status === "waiting" && run.waitReason === "reconnect";

/**
 * Ends a run whose work cannot continue (the grant was revoked, the input is unusable): a run must never
 * be left "running" after its job gave up.
 */
export async function markRunFailed({ runId, error }: { runId: string; error: AppError }): Promise<void> {
  await db.importRun.updateMany({
    where: { id: runId, status: { notIn: ["done", "partial", "failed"] } },
    data: { status: "failed", error: error.message, waitReason: null, resumeAt: null, finishedAt: new Date() },
  });
}
