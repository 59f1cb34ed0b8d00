import { AppError } from "~/lib/errors";
import { ANALYSIS_PRIORITY_INTERACTIVE, analyzeProjectJob } from "~/lib/jobs/analyze-project.job";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { db } from "~/server/db";

/** Re-analyze: marks the project pending (the badge says so at once) and queues the AI pass ahead of bulk work. */
export async function requestReanalysis({ userId, id, jobs }: { userId: string; id: string; jobs: JobSender }) {
  const { count } = await db.project.updateMany({
    where: { id, userId },
    data: { analysisStatus: "pending", analysisNote: "Re-analysis queued." },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "That project does not exist.");
  await enqueue(jobs, analyzeProjectJob, { projectId: id }, { priority: ANALYSIS_PRIORITY_INTERACTIVE });
  return { queued: true as const };
}
