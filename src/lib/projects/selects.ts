import type { Prisma } from "~/generated/prisma/client";
import { hasCurrentStats } from "./youtube-data-age";

/** A project's tools and categories, each as { slug, name }. */
export const projectTagSelect = {
  tools: { select: { tool: { select: { slug: true, name: true } } } },
  categories: { select: { category: { select: { slug: true, name: true } } } },
} satisfies Prisma.ProjectSelect;

export const projectCardSelect = {
  id: true,
  slug: true,
  title: true,
  thumbnailUrl: true,
  durationSeconds: true,
  kind: true,
  viewCount: true,
  publishedAt: true,
  visibility: true,
  isShowcase: true,
  availability: true,
  analysisStatus: true,
  analysisNote: true,
  createdAt: true,
  youtubeDataAt: true,
  youtubeDetailsRemovedAt: true,
  ...projectTagSelect,
} satisfies Prisma.ProjectSelect;

export const projectDetailSelect = {
  ...projectCardSelect,
  description: true,
  youtubeVideoId: true,
  externalUrl: true,
  likeCount: true,
  commentCount: true,
  topics: true,
  youtubeChannelId: true,
  channelTitle: true,
  privacyStatus: true,
  madeForKids: true,
  updatedAt: true,
  // Set when a followed channel's sync imported the video; only the channel's name leaves the server.
  contentSource: { select: { channel: { select: { title: true } } } },
} satisfies Prisma.ProjectSelect;

/** A tool or category as the tag editor lists it. */
export const catalogEntrySelect = { id: true, name: true, slug: true } satisfies Prisma.ToolSelect &
  Prisma.CategorySelect;

type CardRow = Prisma.ProjectGetPayload<{ select: typeof projectCardSelect }>;
type DetailRow = Prisma.ProjectGetPayload<{ select: typeof projectDetailSelect }>;

/** A count as the client gets it: a number (YouTube's largest are far below 2^53), or null. */
const countOf = (value: bigint | null, isShown: boolean) => (isShown && value !== null ? Number(value) : null);

/**
 * BigInt counts become numbers and join rows become tag lists. YouTube's numbers leave the server only while
 * they are current (hasCurrentStats): `hasStats` false means "Stats unavailable" and every count is null;
 * `statsUpdatedAt` is when they were read.
 */
export function toProjectCard(row: CardRow, now: Date = new Date()) {
  const { tools, categories, viewCount, youtubeDataAt, youtubeDetailsRemovedAt, ...rest } = row;
  const hasStats = hasCurrentStats(row, now);
  return {
    ...rest,
    viewCount: countOf(viewCount, hasStats),
    hasStats,
    statsUpdatedAt: hasStats ? youtubeDataAt : null,
    detailsRemovedAt: youtubeDetailsRemovedAt,
    tools: tools.map((link) => link.tool),
    categories: categories.map((link) => link.category),
  };
}

export function toProjectDetail(row: DetailRow, now: Date = new Date()) {
  const { likeCount, commentCount, contentSource, privacyStatus, madeForKids, ...rest } = row;
  const card = toProjectCard(rest, now);
  return {
    ...card,
    description: row.description,
    youtubeVideoId: row.youtubeVideoId,
    externalUrl: row.externalUrl,
    topics: row.topics,
    youtubeChannelId: row.youtubeChannelId,
    channelTitle: row.channelTitle,
    updatedAt: row.updatedAt,
    likeCount: countOf(likeCount, card.hasStats),
    commentCount: countOf(commentCount, card.hasStats),
    privacyStatus,
    madeForKids,
    sourceChannelTitle: contentSource?.channel.title ?? null,
  };
}
