import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import { sourceSummarySelect, toSourceSummary } from "./selects";

/** One of the user's sources; someone else's is as unknown as a missing one. */
export async function getSourceOrThrow({ userId, sourceId }: { userId: string; sourceId: string }) {
  const row = await db.contentSource.findFirst({ where: { id: sourceId, userId }, select: sourceSummarySelect });
  if (!row) throw new AppError("NOT_FOUND", "That followed channel was not found.");
  return toSourceSummary(row);
}
