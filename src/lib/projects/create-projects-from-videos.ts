/**
 * Turns fetched YouTube videos into projects in bulk, for one user or for every follower of a channel: one
 * INSERT … ON CONFLICT DO NOTHING on the natural key (userId, youtubeVideoId), so a video is never imported
 * twice even when two imports or checks race, then the tool/category join rows for the projects created. Tags come from the catalog matcher
 * (no query per video); the AI pass is recorded as not run. Each project's `youtubeDataAt` (its column default)
 * is the moment of the INSERT: projects.refresh keeps it younger than 30 days from then on.
 */
import type { Prisma } from "~/generated/prisma/client";
import { matchCatalog, type CatalogIndex } from "~/lib/analysis/catalog-matcher";
import type { YouTubeVideo } from "~/lib/youtube/normalize";
import { canonicalShortUrl, canonicalVideoUrl } from "~/lib/youtube/parse-youtube-url";
import { projectSlug } from "./slugify";

/** Titles and descriptions are capped where YouTube caps them, so a hostile upstream cannot bloat rows. */
const MAX_TITLE_CHARS = 100;
const MAX_DESCRIPTION_CHARS = 5000;
const MATCHER_NOTE = "Tagged by the catalog matcher from the title and description.";
const AI_PENDING_NOTE = "Tagged by the catalog matcher for now; the AI analysis is queued.";

/** A project's fields as YouTube gives them (what an import inserts and projects.refresh writes back). */
export type ProjectRow = {
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
  privacyStatus: "public" | "unlisted" | "private" | null;
  madeForKids: boolean | null;
  availability: "available" | "private";
};

export function toProjectRow(video: YouTubeVideo): ProjectRow {
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
    privacyStatus: video.privacyStatus,
    madeForKids: video.madeForKids,
    // A private video (its owner's token reads it) cannot play for anyone else: kept off the public portfolio.
    availability: availabilityOf(video.privacyStatus),
  };
}

/** What a video's privacy means for a project: a private one cannot play for visitors. */
function availabilityOf(privacyStatus: YouTubeVideo["privacyStatus"]): "available" | "private" {
  return privacyStatus === "private" ? "private" : "available";
}

/** Who gets the projects: one user (an import), or every auto-sync follower of the channels enrichment looked up. */
export type ProjectOwner = {
  userId: string;
  /** Set when the videos come from a followed channel, so projects remember their source. */
  contentSourceId: string | null;
  /** Only videos published at or after this are created for this owner (a follower gets uploads since they followed). */
  publishedSince?: Date | null;
  /** Only videos of this channel are created for this owner (a follower gets their channel's uploads). */
  youtubeChannelId?: string | null;
};

export type CreatedProject = { id: string; userId: string; youtubeVideoId: string; contentSourceId: string | null };

export async function createProjectsFromVideos({
  tx,
  owners,
  videos,
  importRunId,
  catalog,
  isAiPending = false,
}: {
  /** When the AI pass will follow, projects start "pending" with the matcher's tags meanwhile. */
  isAiPending?: boolean;
  tx: Prisma.TransactionClient;
  owners: readonly ProjectOwner[];
  videos: readonly YouTubeVideo[];
  importRunId: string | null;
  catalog: CatalogIndex;
}): Promise<{ created: CreatedProject[]; createdVideoIds: string[]; createdProjectIds: string[] }> {
  if (videos.length === 0 || owners.length === 0) return { created: [], createdVideoIds: [], createdProjectIds: [] };
  const rows = videos.map(toProjectRow);
  const ownerRows = owners.map((owner) => ({
    userId: owner.userId,
    contentSourceId: owner.contentSourceId,
    publishedSince: owner.publishedSince?.toISOString() ?? null,
    youtubeChannelId: owner.youtubeChannelId ?? null,
  }));
  // One statement for every (owner, video) pair: a batch of many channels with thousands of followers is
  // still one INSERT.
  const created = await tx.$queryRaw<CreatedProject[]>`
    INSERT INTO "Project" ("userId", "slug", "title", "description", "kind", "youtubeVideoId", "externalUrl",
      "thumbnailUrl", "durationSeconds", "publishedAt", "youtubeChannelId", "channelTitle", "viewCount", "likeCount",
      "commentCount", "privacyStatus", "madeForKids", "availability", "analysisStatus", "analysisNote", "importRunId",
      "contentSourceId", "updatedAt")
    SELECT o."userId", r.slug, r.title, r.description, r.kind::"ProjectKind", r."youtubeVideoId", r."externalUrl",
      r."thumbnailUrl", r."durationSeconds", r."publishedAt", r."youtubeChannelId", r."channelTitle", r."viewCount",
      r."likeCount", r."commentCount", r."privacyStatus"::"VideoPrivacy", r."madeForKids", r.availability::"Availability",
      ${isAiPending ? "pending" : "fallback"}::"AnalysisStatus",
      ${isAiPending ? AI_PENDING_NOTE : MATCHER_NOTE}, ${importRunId}::uuid, o."contentSourceId", now()
      FROM jsonb_to_recordset(${JSON.stringify(ownerRows)}::jsonb) AS o("userId" text, "contentSourceId" uuid, "publishedSince" timestamptz, "youtubeChannelId" text)
      JOIN jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        slug text, title text, description text, kind text, "youtubeVideoId" text, "externalUrl" text,
        "thumbnailUrl" text, "durationSeconds" int, "publishedAt" timestamptz, "youtubeChannelId" text,
        "channelTitle" text, "viewCount" bigint, "likeCount" bigint, "commentCount" bigint, "privacyStatus" text,
        "madeForKids" boolean, availability text)
        ON o."youtubeChannelId" IS NULL OR o."youtubeChannelId" = r."youtubeChannelId"
     WHERE o."publishedSince" IS NULL OR r."publishedAt" >= o."publishedSince"
    ON CONFLICT DO NOTHING
    RETURNING "id", "userId", "youtubeVideoId", "contentSourceId"`;

  const matches = new Map(videos.map((video) => [video.id, matchCatalog(catalog, video)]));
  const toolRows: { projectId: string; toolId: string }[] = [];
  const categoryRows: { projectId: string; categoryId: string }[] = [];
  for (const project of created) {
    const match = matches.get(project.youtubeVideoId)!;
    for (const toolId of match.toolIds) toolRows.push({ projectId: project.id, toolId });
    for (const categoryId of match.categoryIds) categoryRows.push({ projectId: project.id, categoryId });
  }
  if (toolRows.length > 0) await tx.projectTool.createMany({ data: toolRows, skipDuplicates: true });
  if (categoryRows.length > 0) await tx.projectCategory.createMany({ data: categoryRows, skipDuplicates: true });
  return {
    created,
    createdVideoIds: created.map((project) => project.youtubeVideoId),
    createdProjectIds: created.map((project) => project.id),
  };
}
