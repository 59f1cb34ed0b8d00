import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import { toImportRunDto } from "./import-run-dto";
import { importRunSelect } from "./selects";

export async function getImportRunOrThrow({ userId, runId }: { userId: string; runId: string }) {
  const run = await db.importRun.findFirst({ where: { id: runId, userId }, select: importRunSelect });
  if (!run) throw new AppError("NOT_FOUND", "That import does not exist.");
  return toImportRunDto(run);
}
