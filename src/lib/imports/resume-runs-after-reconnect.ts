/**
 * After the user reconnects YouTube: every import run of theirs that paused because the grant was revoked
 * (status waiting, waitReason reconnect) goes back to queued and its unfinished work is queued again, in
 * the same transaction. Re-queued work is safe to repeat: batches apply at most once per (run, batch)
 * and a channel page's bookkeeping at most once per page, so nothing is imported or counted twice.
 * - a videos run: each 50-id batch of its params not yet applied;
 * - a channel run: each listed page whose batch is not applied, and the next page if the listing is not
 *   complete.
 */
import { fromPrisma } from "pg-boss";
import { z } from "zod";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { importChannelPageJob } from "~/lib/jobs/import-channel-page.job";
import { importVideosJob } from "~/lib/jobs/import-videos.job";
import { MAX_IDS_PER_CALL } from "~/lib/youtube/quota-costs";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";
import { reopenAfterReconnect } from "./import-run-state";

const cursorSchema = z.looseObject({
  page: z.number().int().min(0).optional(),
  complete: z.boolean().optional(),
  appliedBatches: z.array(z.number().int()).optional(),
});
const videosParamsSchema = z.looseObject({ videoIds: z.array(z.string()) });

export async function resumeRunsAfterReconnect({
  userId,
  boss,
  logger,
}: {
  userId: string;
  boss: JobSender;
  logger: Logger;
}): Promise<{ resumed: number }> {
  const paused = await db.importRun.findMany({
    where: { userId, status: "waiting", waitReason: "reconnect" },
    select: { id: true, kind: true, params: true, cursor: true },
  });
  for (const run of paused) {
    const cursor = cursorSchema.safeParse(run.cursor ?? {});
    const applied = new Set(cursor.success ? (cursor.data.appliedBatches ?? []) : []);
    await db.$transaction(async (tx) => {
      if (!(await reopenAfterReconnect(tx, { runId: run.id, userId }))) return; // Another reconnect got here first.
      const options = { db: fromPrisma(tx) };
      if (run.kind === "channel") {
        const listedPages = cursor.success ? (cursor.data.page ?? 0) : 0;
        for (let page = 0; page < listedPages; page += 1) {
          if (!applied.has(page)) await enqueue(boss, importChannelPageJob, { runId: run.id, page }, options);
        }
        if (!(cursor.success && cursor.data.complete))
          await enqueue(boss, importChannelPageJob, { runId: run.id, page: listedPages }, options);
        return;
      }
      const params = videosParamsSchema.safeParse(run.params);
      const videoIds = params.success ? params.data.videoIds : [];
      for (let batch = 0; batch * MAX_IDS_PER_CALL < videoIds.length; batch += 1) {
        if (applied.has(batch)) continue;
        await enqueue(
          boss,
          importVideosJob,
          { runId: run.id, batch, videoIds: videoIds.slice(batch * MAX_IDS_PER_CALL, (batch + 1) * MAX_IDS_PER_CALL) },
          options,
        );
      }
    });
  }
  if (paused.length > 0) logger.info({ userId, runs: paused.length }, "imports.resumed_after_reconnect");
  return { resumed: paused.length };
}
