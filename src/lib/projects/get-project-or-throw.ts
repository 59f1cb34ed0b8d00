import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import { projectDetailSelect, toProjectDetail } from "./selects";

export async function getProjectOrThrow({ userId, id }: { userId: string; id: string }) {
  const row = await db.project.findFirst({
    relationLoadStrategy: "join",
    where: { id, userId },
    select: projectDetailSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", "That project does not exist.");
  return toProjectDetail(row);
}
