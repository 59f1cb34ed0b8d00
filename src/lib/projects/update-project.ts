import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import { getProjectOrThrow } from "./get-project-or-throw";
import type { UpdateProjectInput } from "./projects.schema";

export async function updateProject({ userId, id, data }: { userId: string } & UpdateProjectInput) {
  const { count } = await db.project.updateMany({ where: { id, userId }, data });
  if (count === 0) throw new AppError("NOT_FOUND", "That project does not exist.");
  return getProjectOrThrow({ userId, id });
}
