import { db } from "~/server/db";
import { importRunSelect } from "./selects";

export function listImportRuns({ userId, limit }: { userId: string; limit: number }) {
  return db.importRun.findMany({
    where: { userId },
    select: importRunSelect,
    orderBy: { createdAt: "desc" },
    take: limit,
  });
}
