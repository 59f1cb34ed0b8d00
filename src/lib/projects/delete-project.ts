import { AppError } from "~/lib/errors";
import { db } from "~/server/db";

/** Deletes the project (its tags go with it). The video stays on YouTube and can be imported again. */
export async function deleteProject({ userId, id }: { userId: string; id: string }) {
  const { count } = await db.project.deleteMany({ where: { id, userId } });
  if (count === 0) throw new AppError("NOT_FOUND", "That project does not exist.");
  return { deleted: true };
}
