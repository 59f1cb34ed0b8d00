import type { Prisma } from "~/generated/prisma/client";

/** What the settings page shows. Token columns are never selected for the client. */
export const connectionSummarySelect = {
  id: true,
  youtubeChannelId: true,
  channelTitle: true,
  channelHandle: true,
  status: true,
  scopes: true,
  createdAt: true,
  lastRefreshedAt: true,
} satisfies Prisma.YouTubeConnectionSelect;
