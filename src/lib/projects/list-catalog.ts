import { db } from "~/server/db";
import { catalogEntrySelect } from "./selects";

/**
 * Every tool and category a project can be tagged with, by name, for the tag editor. The catalog is
 * shared by all users and small (a few hundred rows, seeded from prisma/catalog), so it is sent whole.
 */
export async function listCatalog() {
  const [tools, categories] = await Promise.all([
    db.tool.findMany({ select: catalogEntrySelect, orderBy: { name: "asc" } }),
    db.category.findMany({ select: catalogEntrySelect, orderBy: { name: "asc" } }),
  ]);
  return { tools, categories };
}
