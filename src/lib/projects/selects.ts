import type { Prisma } from "~/generated/prisma/client";

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
  updatedAt: true,
  // Set when a followed channel's sync imported the video; only the channel's name leaves the server.
  contentSource: { select: { channel: { select: { title: true } } } },
} satisfies Prisma.ProjectSelect;

/** A tool or category as the tag editor lists it. */
export const catalogEntrySelect = { id: true, name: true, slug: true } satisfies Prisma.ToolSelect & Prisma.CategorySelect;

type CardRow = Prisma.ProjectGetPayload<{ select: typeof projectCardSelect }>;
type DetailRow = Prisma.ProjectGetPayload<{ select: typeof projectDetailSelect }>;

/** BigInt counts become numbers (YouTube's largest counts are far below 2^53); join rows become tag lists. */
export function toProjectCard(row: CardRow) {
  const { tools, categories, viewCount, ...rest } = row;
  return {
    ...rest,
    viewCount: viewCount === null ? null : Number(viewCount),
    tools: tools.map((link) => link.tool),
    categories: categories.map((link) => link.category),
  };
}

export function toProjectDetail(row: DetailRow) {
  const { likeCount, commentCount, contentSource, ...rest } = row;
  return {
    ...toProjectCard(rest),
    description: row.description,
    youtubeVideoId: row.youtubeVideoId,
    externalUrl: row.externalUrl,
    topics: row.topics,
    youtubeChannelId: row.youtubeChannelId,
    channelTitle: row.channelTitle,
    updatedAt: row.updatedAt,
    likeCount: likeCount === null ? null : Number(likeCount),
    commentCount: commentCount === null ? null : Number(commentCount),
    sourceChannelTitle: contentSource?.channel.title ?? null,
  };
}
