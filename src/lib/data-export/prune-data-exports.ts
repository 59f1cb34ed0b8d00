/**
 * data-export.prune (hourly): deletes export files past their use — expired, failed, or downloaded over an
 * hour ago (a download deletes its file when it finishes; an interrupted one leaves it) — and export rows
 * older than DATA_EXPORT_ROW_RETENTION_DAYS. DATA_EXPORT_PRUNE_CHUNK_ROWS per statement, so a backlog never
 * becomes one long DELETE of large rows.
 */
import { db } from "~/server/db";
import { DATA_EXPORT_PRUNE_CHUNK_ROWS, DATA_EXPORT_ROW_RETENTION_DAYS } from "./limits";

/** A download still streaming is given this long before its file may go. */
const DOWNLOAD_GRACE_MS = 60 * 60 * 1000;

async function untilNoneLeft(deleteChunk: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteChunk();
    total += deleted;
    if (deleted < DATA_EXPORT_PRUNE_CHUNK_ROWS) return total;
  }
}

export async function pruneDataExports({ now = new Date() }: { now?: Date } = {}) {
  const downloadedBefore = new Date(now.getTime() - DOWNLOAD_GRACE_MS);
  const rowsBefore = new Date(now.getTime() - DATA_EXPORT_ROW_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const chunksDeleted = await untilNoneLeft(
    () => db.$executeRaw`
      DELETE FROM "DataExportChunk" WHERE ctid = ANY(ARRAY(
        SELECT c.ctid FROM "DataExportChunk" AS c JOIN "DataExport" AS e ON e."id" = c."exportId"
         WHERE e."expiresAt" <= ${now} OR e."status" = 'failed' OR e."downloadedAt" <= ${downloadedBefore}
         LIMIT ${DATA_EXPORT_PRUNE_CHUNK_ROWS}::int))`,
  );
  const exportsDeleted = await untilNoneLeft(
    () => db.$executeRaw`
      DELETE FROM "DataExport" WHERE "id" = ANY(ARRAY(
        SELECT "id" FROM "DataExport" WHERE "createdAt" < ${rowsBefore} ORDER BY "createdAt" LIMIT ${DATA_EXPORT_PRUNE_CHUNK_ROWS}::int))`,
  );
  return { chunksDeleted, exportsDeleted };
}
