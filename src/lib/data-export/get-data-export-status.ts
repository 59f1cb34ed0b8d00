/**
 * account.exportStatus: the user's latest export as Settings shows it — preparing (with progress), ready to
 * download until it expires, downloaded, expired or failed — or null when they never asked for one.
 */
import { db } from "~/server/db";
import { dataExportStatusSelect } from "./selects";

export type DataExportState = "preparing" | "ready" | "downloaded" | "expired" | "failed";

export async function getDataExportStatus({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const row = await db.dataExport.findFirst({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: dataExportStatusSelect,
  });
  if (!row) return null;
  const { status, bytes, ...rest } = row;
  let state: DataExportState;
  if (status === "queued" || status === "running") state = "preparing";
  else if (status === "failed") state = "failed";
  else if (row.downloadedAt) state = "downloaded";
  else if (!row.expiresAt || row.expiresAt <= now) state = "expired";
  else state = "ready";
  return { ...rest, state, bytes: Number(bytes) };
}
