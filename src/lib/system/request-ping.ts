import { fromPrisma } from "pg-boss";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { systemPingJob } from "~/lib/jobs/system-ping.job";
import { db } from "~/server/db";

/**
 * Creates a SystemPing row and enqueues the job that stamps it, in one transaction: either both exist or
 * neither does (pg-boss writes through the same connection via fromPrisma).
 */
export async function requestPing({ userId, jobs }: { userId: string; jobs: JobSender }): Promise<{ pingId: string }> {
  return db.$transaction(async (tx) => {
    const ping = await tx.systemPing.create({ data: { requestedBy: userId }, select: { id: true } });
    await enqueue(jobs, systemPingJob, { pingId: ping.id }, { db: fromPrisma(tx) });
    return { pingId: ping.id };
  });
}
