import { db } from "~/server/db";
import { toImportRunDto } from "./import-run-dto";
import { importRunSelect } from "./selects";

export async function listImportRuns({ userId, limit }: { userId: string; limit: number }) {
  const runs = await db.importRun.findMany({
    where: { userId },
    select: importRunSelect,
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return runs.map(toImportRunDto);
}
