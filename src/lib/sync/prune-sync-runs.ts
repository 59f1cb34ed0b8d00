/**
 * sync.prune-runs: SyncRun is history for the sources page and /ops, kept for a month; WebSub delivery
 * digests (replay protection) are kept for WEBSUB_DELIVERY_RETENTION_DAYS; detected video ids sync.enrich
 * has handled are kept DONE_RETENTION_MS; stored My Videos pages untouched for MY_VIDEOS_PAGE_RETENTION_DAYS go too.
 */
import { pruneMyVideosPages } from "~/lib/youtube-connection/my-videos-page-cache";
import { db } from "~/server/db";
import { DONE_RETENTION_MS, pruneDoneSyncVideos } from "./enrich-videos";
import { WEBSUB_DELIVERY_RETENTION_DAYS } from "./websub";

export const SYNC_RUN_RETENTION_DAYS = 30;

export async function pruneSyncRuns({ now = new Date() }: { now?: Date } = {}) {
  const cutoff = new Date(now.getTime() - SYNC_RUN_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const { count } = await db.syncRun.deleteMany({ where: { startedAt: { lt: cutoff } } });
  const deliveryCutoff = new Date(now.getTime() - WEBSUB_DELIVERY_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const deliveries = await db.webSubDelivery.deleteMany({ where: { receivedAt: { lt: deliveryCutoff } } });
  const videosDeleted = await pruneDoneSyncVideos(new Date(now.getTime() - DONE_RETENTION_MS));
  const myVideosPagesDeleted = await pruneMyVideosPages({ now });
  return { deleted: count, deliveriesDeleted: deliveries.count, videosDeleted, myVideosPagesDeleted };
}
