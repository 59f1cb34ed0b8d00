/**
 * GET /api/data-export: hands the owner their export file, once. Claiming the download is one conditional
 * UPDATE (ready, not yet downloaded, not expired, theirs), so two requests racing for it cannot both get
 * it. The file is then read a chunk (DATA_EXPORT_CHUNK_BYTES) per statement as the response is sent, and
 * deleted once sent; an interrupted download leaves the chunks to data-export.prune, and the user asks
 * for a new export.
 */
import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";

async function* readChunks(exportId: string, chunks: number, logger: Logger): AsyncGenerator<Uint8Array> {
  for (let seq = 0; seq < chunks; seq += 1) {
    const chunk = await db.dataExportChunk.findUnique({
      where: { exportId_seq: { exportId, seq } },
      select: { data: true },
    });
    if (!chunk) throw new Error(`data export ${exportId} lost chunk ${seq}`);
    yield chunk.data;
  }
  await db.dataExportChunk.deleteMany({ where: { exportId } });
  logger.info({ exportId, chunks }, "data_export.downloaded");
}

export async function openDataExportDownload({
  userId,
  exportId,
  logger,
}: {
  userId: string;
  exportId: string;
  logger: Logger;
}) {
  const [claimed] = await db.$queryRaw<{ bytes: bigint; chunks: number; readyAt: Date }[]>`
    UPDATE "DataExport" SET "downloadedAt" = now()
     WHERE "id" = ${exportId}::uuid AND "userId" = ${userId} AND "status" = 'ready' AND "downloadedAt" IS NULL AND "expiresAt" > now()
    RETURNING "bytes", "chunks", "readyAt"`;
  if (!claimed) {
    const row = await db.dataExport.findFirst({
      where: { id: exportId, userId },
      select: { status: true, downloadedAt: true },
    });
    if (!row) throw new AppError("NOT_FOUND", "There is no export at this address.");
    if (row.downloadedAt)
      throw new AppError(
        "CONFLICT",
        "This export was already downloaded; each file can be downloaded once. Ask for a new one in Settings.",
      );
    if (row.status === "ready")
      throw new AppError("CONFLICT", "This export has expired. Ask for a new one in Settings.");
    throw new AppError("CONFLICT", "This export is not ready yet.");
  }
  return {
    filename: `showreel-export-${claimed.readyAt.toISOString().slice(0, 10)}.json`,
    bytes: Number(claimed.bytes),
    body: readChunks(exportId, claimed.chunks, logger),
  };
}
