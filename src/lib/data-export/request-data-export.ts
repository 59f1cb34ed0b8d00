/**
 * account.requestExport: starts an "Export my data" file in the background. One export per user at a time:
 * while one is queued or running (for less than an hour), asking again answers CONFLICT; a new request replaces an earlier file
 * (downloaded or not), so each user has at most one file stored. The export row and its job are written
 * in one transaction. The procedure is rate limited (DATA_EXPORT_RATE_LIMIT).
 */
import { fromPrisma } from "pg-boss";
import { AppError } from "~/lib/errors";
import { dataExportBuildJob } from "~/lib/jobs/data-export-build.job";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { db } from "~/server/db";
import { dataExportStatusSelect } from "./selects";

/** An export still preparing after this long is taken as lost (its worker died for good): a new one may start. */
const DATA_EXPORT_STALE_MS = 60 * 60 * 1000;

export async function requestDataExport({ userId, jobs }: { userId: string; jobs: JobSender }) {
  return db.$transaction(async (tx) => {
    // Serializes two clicks of one user: the second waits here, then sees the first's export.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('data-export'), hashtext(${userId}))`;
    const busy = await tx.dataExport.findFirst({
      where: {
        userId,
        status: { in: ["queued", "running"] },
        createdAt: { gt: new Date(Date.now() - DATA_EXPORT_STALE_MS) },
      },
      select: { id: true },
    });
    if (busy) throw new AppError("CONFLICT", "Your export is already being prepared. It will be ready here shortly.");
    await tx.dataExportChunk.deleteMany({ where: { export: { userId } } });
    const created = await tx.dataExport.create({ data: { userId }, select: dataExportStatusSelect });
    await enqueue(jobs, dataExportBuildJob, { exportId: created.id }, { db: fromPrisma(tx) });
    return created;
  });
}
