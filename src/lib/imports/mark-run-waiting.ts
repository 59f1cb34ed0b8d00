import type { AppError } from "~/lib/errors";
import { db } from "~/server/db";

/** Why a run waits, as the progress UI words it. */
export type WaitReason = "quota" | "rate_limit" | "upstream";

const REASON_OF: Partial<Record<AppError["code"], WaitReason>> = {
  QUOTA_EXHAUSTED: "quota",
  RATE_LIMITED: "rate_limit",
  UPSTREAM_UNAVAILABLE: "upstream",
};

/** Records that a run waits for `error.retryAt`, and why; the job is rescheduled for then by the worker. */
export async function markRunWaiting({ runId, error }: { runId: string; error: AppError & { retryAt: Date } }): Promise<void> {
  await db.importRun.update({
    where: { id: runId },
    data: { status: "waiting", resumeAt: error.retryAt, waitReason: REASON_OF[error.code] ?? "upstream", error: error.message },
  });
}
