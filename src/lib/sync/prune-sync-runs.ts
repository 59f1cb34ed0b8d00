/** sync.prune-runs: SyncRun is history for the sources page and /ops, kept for a month. */
import { db } from "~/server/db";

export const SYNC_RUN_RETENTION_DAYS = 30;

export async function pruneSyncRuns({ now = new Date() }: { now?: Date } = {}) {
  const cutoff = new Date(now.getTime() - SYNC_RUN_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const { count } = await db.syncRun.deleteMany({ where: { startedAt: { lt: cutoff } } });
  return { deleted: count };
}
