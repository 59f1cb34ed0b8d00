/**
 * Turns fetched YouTube videos into a user's projects in bulk: one INSERT … ON CONFLICT DO NOTHING on the
 * natural key (userId, youtubeVideoId), so a video is never imported twice even when two imports race,
 * then the tool/category join rows for the projects actually created. Tags come from the catalog matcher
 * (no query per video); the AI pass is recorded as not run.
 */
import type { Prisma } from "~/generated/prisma/client";
import { matchCatalog, type CatalogIndex } from "~/lib/analysis/catalog-matcher";
import type { YouTubeVideo } from "~/lib/youtube/normalize";
import { canonicalShortUrl, canonicalVideoUrl } from "~/lib/youtube/parse-youtube-url";
import { projectSlug } from "./slugify";

/** Titles and descriptions are capped where YouTube caps them, so a hostile upstream cannot bloat rows. */
export const MAX_TITLE_CHARS = 100;
export const MAX_DESCRIPTION_CHARS = 5000;
export const MATCHER_NOTE = "Tagged by the catalog matcher from the title and description.";
export const AI_PENDING_NOTE = "Tagged by the catalog matcher for now; the AI analysis is queued.";

type ProjectRow = {
  slug: string;
  title: string;
  description: string;
  kind: "video" | "short" | "live";
  youtubeVideoId: string;
  externalUrl: string;
  thumbnailUrl: string | null;
  durationSeconds: number | null;
  publishedAt: string;
  youtubeChannelId: string;
  channelTitle: string | null;
  viewCount: number | null;
  likeCount: number | null;
  commentCount: number | null;
};

function toRow(video: YouTubeVideo): ProjectRow {
  return {
    slug: projectSlug(video.title, video.id),
    title: video.title.slice(0, MAX_TITLE_CHARS) || video.id,
    description: video.description.slice(0, MAX_DESCRIPTION_CHARS),
    kind: video.kind === "short" ? "short" : video.kind === "live" ? "live" : "video",
    youtubeVideoId: video.id,
    externalUrl: video.kind === "short" ? canonicalShortUrl(video.id) : canonicalVideoUrl(video.id),
    thumbnailUrl: video.thumbnailUrl,
    durationSeconds: video.durationSeconds,
    publishedAt: video.publishedAt.toISOString(),
    youtubeChannelId: video.channelId,
    channelTitle: video.channelTitle,
    viewCount: video.viewCount,
    likeCount: video.likeCount,
    commentCount: video.commentCount,
  };
}

export async function createProjectsFromVideos({
  tx,
  userId,
  videos,
  importRunId,
  contentSourceId,
  catalog,
  isAiPending = false,
}: {
  /** When the AI pass will follow, projects start "pending" with the matcher's tags meanwhile. */
  isAiPending?: boolean;
  tx: Prisma.TransactionClient;
  userId: string;
  videos: readonly YouTubeVideo[];
  importRunId: string | null;
  contentSourceId?: string | null;
  catalog: CatalogIndex;
}): Promise<{ createdVideoIds: string[]; createdProjectIds: string[] }> {
  if (videos.length === 0) return { createdVideoIds: [], createdProjectIds: [] };
  const rows = videos.map(toRow);
  const created = await tx.$queryRaw<{ id: string; youtubeVideoId: string }[]>`
    INSERT INTO "Project" ("userId", "slug", "title", "description", "kind", "youtubeVideoId", "externalUrl",
      "thumbnailUrl", "durationSeconds", "publishedAt", "youtubeChannelId", "channelTitle", "viewCount", "likeCount",
      "commentCount", "analysisStatus", "analysisNote", "importRunId", "contentSourceId", "updatedAt")
    SELECT ${userId}, r.slug, r.title, r.description, r.kind::"ProjectKind", r."youtubeVideoId", r."externalUrl",
      r."thumbnailUrl", r."durationSeconds", r."publishedAt", r."youtubeChannelId", r."channelTitle", r."viewCount",
      r."likeCount", r."commentCount", ${isAiPending ? "pending" : "fallback"}::"AnalysisStatus",
      ${isAiPending ? AI_PENDING_NOTE : MATCHER_NOTE}, ${importRunId}::uuid,
      ${contentSourceId ?? null}::uuid, now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        slug text, title text, description text, kind text, "youtubeVideoId" text, "externalUrl" text,
        "thumbnailUrl" text, "durationSeconds" int, "publishedAt" timestamptz, "youtubeChannelId" text,
        "channelTitle" text, "viewCount" bigint, "likeCount" bigint, "commentCount" bigint)
    ON CONFLICT DO NOTHING
    RETURNING "id", "youtubeVideoId"`;

  const byVideo = new Map(videos.map((video) => [video.id, video]));
  const toolRows: { projectId: string; toolId: string }[] = [];
  const categoryRows: { projectId: string; categoryId: string }[] = [];
  for (const project of created) {
    const video = byVideo.get(project.youtubeVideoId)!;
    const match = matchCatalog(catalog, video);
    for (const toolId of match.toolIds) toolRows.push({ projectId: project.id, toolId });
    for (const categoryId of match.categoryIds) categoryRows.push({ projectId: project.id, categoryId });
  }
  if (toolRows.length > 0) await tx.projectTool.createMany({ data: toolRows, skipDuplicates: true });
  if (categoryRows.length > 0) await tx.projectCategory.createMany({ data: categoryRows, skipDuplicates: true });
  return { createdVideoIds: created.map((project) => project.youtubeVideoId), createdProjectIds: created.map((project) => project.id) };
}
