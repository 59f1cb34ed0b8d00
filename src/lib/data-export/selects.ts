import type { Prisma } from "~/generated/prisma/client";
import { importRunSelect } from "~/lib/imports/selects";
import { projectTagSelect } from "~/lib/projects/selects";

/**
 * What an export file holds, table by table: everything the user made or Showreel stored for them that they
 * can see in the app — never a token, secret or another user's data. A Channel appears only as the fields a
 * follower sees (title, handle, YouTube id), never its WebSub secret.
 */
export const exportAccountSelect = {
  name: true,
  email: true,
  handle: true,
  timezone: true,
  createdAt: true,
  youtubeConnection: {
    select: {
      youtubeChannelId: true,
      channelTitle: true,
      channelHandle: true,
      scopes: true,
      status: true,
      createdAt: true,
    },
  },
} satisfies Prisma.UserSelect;

export const exportProjectSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  kind: true,
  youtubeVideoId: true,
  externalUrl: true,
  thumbnailUrl: true,
  durationSeconds: true,
  publishedAt: true,
  youtubeChannelId: true,
  channelTitle: true,
  viewCount: true,
  likeCount: true,
  commentCount: true,
  visibility: true,
  isShowcase: true,
  availability: true,
  analysisStatus: true,
  analysisNote: true,
  topics: true,
  contentSourceId: true,
  importRunId: true,
  createdAt: true,
  updatedAt: true,
  ...projectTagSelect,
} satisfies Prisma.ProjectSelect;

export const exportSourceSelect = {
  id: true,
  syncEnabled: true,
  importedCount: true,
  lastSyncedAt: true,
  lastSyncStatus: true,
  createdAt: true,
  channel: { select: { youtubeChannelId: true, title: true, handle: true } },
} satisfies Prisma.ContentSourceSelect;

/** An import run as its progress bar shows it, plus what was asked for (ids and options, never tokens). */
export const exportImportRunSelect = { ...importRunSelect, params: true } satisfies Prisma.ImportRunSelect;

export const exportNotificationSelect = {
  id: true,
  kind: true,
  payload: true,
  readAt: true,
  createdAt: true,
} satisfies Prisma.NotificationSelect;

/** An export as Settings shows it. */
export const dataExportStatusSelect = {
  id: true,
  status: true,
  projectsTotal: true,
  projectsDone: true,
  bytes: true,
  error: true,
  createdAt: true,
  readyAt: true,
  expiresAt: true,
  downloadedAt: true,
} satisfies Prisma.DataExportSelect;

type ProjectRow = Prisma.ProjectGetPayload<{ select: typeof exportProjectSelect }>;

/** Counts as numbers (YouTube's largest are far below 2^53), tags as lists of { name, slug }. */
export function toExportedProject(row: ProjectRow) {
  const { tools, categories, viewCount, likeCount, commentCount, ...rest } = row;
  const count = (value: bigint | null) => (value === null ? null : Number(value));
  return {
    ...rest,
    stats: { viewCount: count(viewCount), likeCount: count(likeCount), commentCount: count(commentCount) },
    tools: tools.map((link) => link.tool),
    categories: categories.map((link) => link.category),
  };
}
