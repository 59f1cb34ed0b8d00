/**
 * A creator reconnected YouTube: the projects whose details were removed when their earlier authorization
 * ended go to the front of projects.refresh's queue (youtubeDataAt at REQUEUED_AT), so the next run reads
 * them back with the new authorization instead of waiting for their turn in the cycle. One statement over the
 * creator's own rows.
 */
import { db } from "~/server/db";
import { REQUEUED_AT } from "./refresh-plan";

export async function requeueRemovedDetails({ userId }: { userId: string }): Promise<number> {
  return db.project
    .updateMany({ where: { userId, youtubeDetailsRemovedAt: { not: null } }, data: { youtubeDataAt: REQUEUED_AT } })
    .then((result) => result.count);
}
