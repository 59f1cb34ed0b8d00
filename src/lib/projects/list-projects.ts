import { db } from "~/server/db";
import type { ListProjectsInput } from "./projects.schema";
import { projectCardSelect, toProjectCard } from "./selects";

/** The user's projects, newest first on the (userId, createdAt DESC) index, optionally by tool or category. */
export async function listProjects({ userId, input }: { userId: string; input: ListProjectsInput }) {
  const rows = await db.project.findMany({
    where: {
      userId,
      ...(input.tool ? { tools: { some: { tool: { slug: input.tool } } } } : {}),
      ...(input.category ? { categories: { some: { category: { slug: input.category } } } } : {}),
    },
    select: projectCardSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, input.limit).map(toProjectCard);
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}
