import { db } from "~/server/db";
import { afterPageCursor, decodePageCursor, encodePageCursor } from "./page-cursor";
import type { ListProjectsInput } from "./projects.schema";
import { projectCardSelect, toProjectCard } from "./selects";

/**
 * The user's projects, newest first on the (userId, createdAt DESC) index, optionally by tool or category:
 * one statement, the tags joined in (relation joins) and the cursor a keyset bound rather than a row to
 * read first.
 */
export async function listProjects({ userId, ...input }: { userId: string } & ListProjectsInput) {
  const after = input.cursor ? decodePageCursor(input.cursor) : null;
  const rows = await db.project.findMany({
    relationLoadStrategy: "join",
    where: {
      userId,
      ...(input.tool ? { tools: { some: { tool: { slug: input.tool } } } } : {}),
      ...(input.category ? { categories: { some: { category: { slug: input.category } } } } : {}),
      ...afterPageCursor(after),
    },
    select: projectCardSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toProjectCard(row)),
    nextCursor: rows.length > input.limit && last ? encodePageCursor(last) : null,
  };
}
