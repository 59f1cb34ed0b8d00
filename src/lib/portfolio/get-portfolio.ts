import type { Prisma } from "~/generated/prisma/client";
import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import type { GetPortfolioInput } from "./portfolio.schema";
import { afterPageCursor, decodePageCursor, encodePageCursor } from "~/lib/projects/page-cursor";
import { creatorSelect, portfolioProjectSelect, toPortfolioProject } from "./selects";

/** Filter chips offered per kind; a creator with more distinct tools than this shows the most used ones. */
const MAX_FILTER_TAGS = 40;

export type FilterTag = { slug: string; name: string; count: number };

/**
 * What a visitor may see: public projects whose video is still up. Private and unlisted never leave here, nor
 * projects whose details were removed with their owner's YouTube authorization.
 */
const SHOWN = {
  visibility: "public",
  availability: "available",
  youtubeDetailsRemovedAt: null,
} as const satisfies Prisma.ProjectWhereInput;

/**
 * A creator's public portfolio, by handle (any case): newest projects first on the (userId, createdAt DESC)
 * index, a page at a time, optionally by one tool and/or category slug. The first page also carries the
 * profile — name, picture, handle, how many public projects, and the tools and categories used in them
 * with counts, for the filter chips; later pages ("Load more") skip those queries and return profile null.
 * Public: no caller is required; `viewerId` only says whether the viewer owns the portfolio.
 */
export async function getPortfolio({
  handle,
  viewerId,
  tool,
  category,
  cursor,
  limit,
}: { viewerId: string | null } & GetPortfolioInput) {
  const creator = await db.user.findUnique({ where: { handle: handle.trim().toLowerCase() }, select: creatorSelect });
  if (!creator?.handle) throw new AppError("NOT_FOUND", "There is no portfolio at that address.");
  const after = cursor ? decodePageCursor(cursor) : null;

  const shown = { userId: creator.id, ...SHOWN } satisfies Prisma.ProjectWhereInput;
  const [rows, profileData] = await Promise.all([
    db.project.findMany({
      relationLoadStrategy: "join",
      where: {
        ...shown,
        ...(tool ? { tools: { some: { tool: { slug: tool } } } } : {}),
        ...(category ? { categories: { some: { category: { slug: category } } } } : {}),
        ...afterPageCursor(after),
      },
      select: portfolioProjectSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    }),
    after ? null : loadProfileData(creator.id, creator.youtubeConnection?.youtubeChannelId ?? null),
  ]);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    profile: profileData
      ? {
          name: creator.name,
          handle: creator.handle,
          avatarUrl: creator.image ?? profileData.channelThumbnailUrl,
          isOwner: viewerId === creator.id,
          ...profileData.summary,
        }
      : null,
    items: page.map((row) => toPortfolioProject(row)),
    nextCursor: rows.length > limit && last ? encodePageCursor(last) : null,
  };
}

type TagCountRow = FilterTag & { kind: "tool" | "category" };

async function loadProfileData(userId: string, youtubeChannelId: string | null) {
  const [projectCount, tagRows, channel] = await Promise.all([
    db.project.count({ where: { userId, ...SHOWN } }),
    // Both chip lists in one round trip. Unbounded in SQL on purpose: the catalog caps how many rows there can be.
    db.$queryRaw<TagCountRow[]>`
      WITH shown AS (
        SELECT p."id" FROM "Project" p
         WHERE p."userId" = ${userId} AND p."visibility" = 'public' AND p."availability" = 'available'
           AND p."youtubeDetailsRemovedAt" IS NULL
      )
      SELECT 'tool' AS "kind", t."slug", t."name", COUNT(*)::int AS "count"
        FROM shown JOIN "ProjectTool" pt ON pt."projectId" = shown."id" JOIN "Tool" t ON t."id" = pt."toolId"
       GROUP BY t."id"
      UNION ALL
      SELECT 'category', c."slug", c."name", COUNT(*)::int
        FROM shown JOIN "ProjectCategory" pc ON pc."projectId" = shown."id" JOIN "Category" c ON c."id" = pc."categoryId"
       GROUP BY c."id"
      ORDER BY "count" DESC, "name"`,
    // The connected channel's picture stands in for a profile photo; the row exists once anyone follows it.
    youtubeChannelId ? db.channel.findUnique({ where: { youtubeChannelId }, select: { thumbnailUrl: true } }) : null,
  ]);
  const tagsOf = (kind: TagCountRow["kind"]): FilterTag[] =>
    tagRows
      .filter((row) => row.kind === kind)
      .slice(0, MAX_FILTER_TAGS)
      .map(({ slug, name, count }) => ({ slug, name, count }));
  return {
    summary: { projectCount, tools: tagsOf("tool"), categories: tagsOf("category") },
    channelThumbnailUrl: channel?.thumbnailUrl ?? null,
  };
}

export type Portfolio = Awaited<ReturnType<typeof getPortfolio>>;
