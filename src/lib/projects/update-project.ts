import type { Prisma } from "~/generated/prisma/client";
import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import { getProjectOrThrow } from "./get-project-or-throw";
import type { UpdateProjectInput } from "./projects.schema";

type CatalogEntry = { id: string; slug: string };

/** Catalog ids for the slugs, in the order given; any slug the catalog lacks is named in the error. */
function idsForSlugs(found: CatalogEntry[], slugs: string[], label: "tools" | "categories"): string[] {
  const idBySlug = new Map(found.map((entry) => [entry.slug, entry.id]));
  const unknown = slugs.filter((slug) => !idBySlug.has(slug));
  if (unknown.length > 0) throw new AppError("INVALID_INPUT", `Unknown ${label}: ${unknown.join(", ")}.`);
  return slugs.map((slug) => idBySlug.get(slug) as string);
}

async function replaceTools(tx: Prisma.TransactionClient, projectId: string, slugs: string[]) {
  const found = await tx.tool.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const toolIds = idsForSlugs(found, slugs, "tools");
  await tx.projectTool.deleteMany({ where: { projectId } });
  await tx.projectTool.createMany({ data: toolIds.map((toolId) => ({ projectId, toolId })) });
}

async function replaceCategories(tx: Prisma.TransactionClient, projectId: string, slugs: string[]) {
  const found = await tx.category.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const categoryIds = idsForSlugs(found, slugs, "categories");
  await tx.projectCategory.deleteMany({ where: { projectId } });
  await tx.projectCategory.createMany({ data: categoryIds.map((categoryId) => ({ projectId, categoryId })) });
}

/**
 * A title or description the creator changed is theirs from then on: projects.refresh stops writing YouTube's
 * over it. Saving the text unchanged marks nothing.
 */
async function markEdits(
  tx: Prisma.TransactionClient,
  edit: { userId: string; id: string; title: string | undefined; description: string | undefined },
) {
  const title = edit.title ?? null;
  const description = edit.description ?? null;
  await tx.$executeRaw`
    UPDATE "Project" SET
      "titleEditedAt" = CASE WHEN ${title}::text IS NOT NULL AND "title" IS DISTINCT FROM ${title}::text THEN now() ELSE "titleEditedAt" END,
      "descriptionEditedAt" = CASE WHEN ${description}::text IS NOT NULL AND "description" IS DISTINCT FROM ${description}::text THEN now() ELSE "descriptionEditedAt" END
     WHERE "id" = ${edit.id}::uuid AND "userId" = ${edit.userId}`;
}

/**
 * Edits the owner's project. Tool, category and topic lists replace the whole set, all in one
 * transaction: the project row is updated first, so its row lock makes a second edit of the same project
 * wait for this one to commit, and the last edit's set wins whole instead of two sets mixing.
 */
export async function updateProject({ userId, id, data }: { userId: string } & UpdateProjectInput) {
  const { toolSlugs, categorySlugs, ...fields } = data;
  await db.$transaction(async (tx) => {
    if (fields.title !== undefined || fields.description !== undefined)
      await markEdits(tx, { userId, id, title: fields.title, description: fields.description });
    // updatedAt is set even for a tags-only edit: the row is what we lock, and the project did change.
    const { count } = await tx.project.updateMany({
      where: { id, userId },
      data: { ...fields, updatedAt: new Date() },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "That project does not exist.");
    if (toolSlugs) await replaceTools(tx, id, toolSlugs);
    if (categorySlugs) await replaceCategories(tx, id, categorySlugs);
  });
  return getProjectOrThrow({ userId, id });
}
