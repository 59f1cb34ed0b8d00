import type { Prisma } from "~/generated/prisma/client";
import { hasCurrentStats } from "~/lib/projects/youtube-data-age";

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
  madeForKids: true,
  availability: true,
  youtubeDataAt: true,
  youtubeDetailsRemovedAt: true,
  tools: { select: { tool: { select: { slug: true, name: true } } } },
  categories: { select: { category: { select: { slug: true, name: true } } } },
} satisfies Prisma.ProjectSelect;

type PortfolioProjectRow = Prisma.ProjectGetPayload<{ select: typeof portfolioProjectSelect }>;

/**
 * BigInt views become numbers (YouTube's counts stay far below 2^53); join rows become tag lists. Views older
 * than the policy's limit never reach a visitor: `hasStats` false shows "Stats unavailable".
 */
export function toPortfolioProject(row: PortfolioProjectRow, now: Date = new Date()) {
  const {
    tools,
    categories,
    viewCount,
    createdAt: _createdAt,
    availability: _availability,
    youtubeDataAt: _at,
    youtubeDetailsRemovedAt: _removed,
    ...rest
  } = row;
  const hasStats = hasCurrentStats(row, now);
  return {
    ...rest,
    viewCount: hasStats && viewCount !== null ? Number(viewCount) : null,
    hasStats,
    tools: tools.map((link) => link.tool),
    categories: categories.map((link) => link.category),
  };
}

export type PortfolioProject = ReturnType<typeof toPortfolioProject>;
