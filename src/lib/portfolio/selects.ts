import type { Prisma } from "~/generated/prisma/client";

/** The creator as a portfolio shows them. The e-mail address is never selected: the page is public. */
export const creatorSelect = {
  id: true,
  name: true,
  handle: true,
  image: true,
  youtubeConnection: { select: { youtubeChannelId: true } },
} satisfies Prisma.UserSelect;

/** A public project card: enough to show it and embed its video, nothing about analysis or sync. */
export const portfolioProjectSelect = {
  id: true,
  slug: true,
  title: true,
  kind: true,
  youtubeVideoId: true,
  thumbnailUrl: true,
  durationSeconds: true,
  viewCount: true,
  publishedAt: true,
  createdAt: true,
  tools: { select: { tool: { select: { slug: true, name: true } } } },
  categories: { select: { category: { select: { slug: true, name: true } } } },
} satisfies Prisma.ProjectSelect;

type PortfolioProjectRow = Prisma.ProjectGetPayload<{ select: typeof portfolioProjectSelect }>;

/** BigInt views become numbers (YouTube's counts stay far below 2^53); join rows become tag lists. */
export function toPortfolioProject(row: PortfolioProjectRow) {
  const { tools, categories, viewCount, createdAt: _createdAt, ...rest } = row;
  return {
    ...rest,
    viewCount: viewCount === null ? null : Number(viewCount),
    tools: tools.map((link) => link.tool),
    categories: categories.map((link) => link.category),
  };
}

export type PortfolioProject = ReturnType<typeof toPortfolioProject>;
