/**
 * projects.refresh's writes: what one videos.list call returned, set-based into every project of those videos
 * (a video in a thousand followers' portfolios is one row of input and one statement), and the ids it did
 * not return marked gone. Titles and descriptions the creator wrote (titleEditedAt, descriptionEditedAt) are
 * left as they are; everything else becomes YouTube's current value and `youtubeDataAt` the time of the read.
 */
import type { YouTubeVideo } from "~/lib/youtube/normalize";
import { db } from "~/server/db";
import { toProjectRow } from "./create-projects-from-videos";

/**
 * Whose projects a write reaches. `everyone`: a call made with Showreel's API key, whose answer anyone may
 * read — every project of the video except those whose details were removed with their owner's authorization
 * (re-reading them for others would undo that). `owner`: a call made with this creator's authorization —
 * only their projects, removed details restored.
 */
export type WriteScope = { kind: "everyone" } | { kind: "owner"; userId: string };

const ownerOf = (scope: WriteScope) => (scope.kind === "owner" ? scope.userId : null);

export async function writeRefreshedVideos({
  videos,
  scope,
  now,
}: {
  videos: readonly YouTubeVideo[];
  scope: WriteScope;
  now: Date;
}): Promise<number> {
  if (videos.length === 0) return 0;
  const rows = videos.map(toProjectRow);
  const owner = ownerOf(scope);
  return db.$executeRaw`
    UPDATE "Project" AS p SET
      "title" = CASE WHEN p."titleEditedAt" IS NULL THEN r.title ELSE p."title" END,
      "description" = CASE WHEN p."descriptionEditedAt" IS NULL THEN r.description ELSE p."description" END,
      "slug" = CASE WHEN p."youtubeDetailsRemovedAt" IS NULL THEN p."slug" ELSE r.slug END,
      "thumbnailUrl" = r."thumbnailUrl", "durationSeconds" = r."durationSeconds", "publishedAt" = r."publishedAt",
      "channelTitle" = coalesce(r."channelTitle", p."channelTitle"),
      "viewCount" = r."viewCount", "likeCount" = r."likeCount", "commentCount" = r."commentCount",
      "privacyStatus" = r."privacyStatus"::"VideoPrivacy", "madeForKids" = r."madeForKids",
      "availability" = r.availability::"Availability",
      "youtubeDetailsRemovedAt" = NULL, "youtubeDataAt" = ${now}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        slug text, title text, description text, "youtubeVideoId" text, "thumbnailUrl" text, "durationSeconds" int,
        "publishedAt" timestamptz, "channelTitle" text, "viewCount" bigint, "likeCount" bigint, "commentCount" bigint,
        "privacyStatus" text, "madeForKids" boolean, availability text)
     WHERE p."youtubeVideoId" = r."youtubeVideoId"
       AND (CASE WHEN ${owner}::text IS NULL THEN p."youtubeDetailsRemovedAt" IS NULL ELSE p."userId" = ${owner}::text END)`;
}

/**
 * Videos YouTube did not return: deleted, or private to someone else. Their projects stay, marked deleted
 * (as sync marks vanished uploads), with no counts — numbers of a video that is gone cannot be renewed —
 * and `youtubeDataAt` now, so the refresh asks again next cycle (a video made public again comes back).
 * Projects this run already wrote (an owner's call found the video private) are left alone.
 */
export async function markVideosGone({
  videoIds,
  scope,
  now,
}: {
  videoIds: readonly string[];
  scope: WriteScope;
  now: Date;
}): Promise<number> {
  if (videoIds.length === 0) return 0;
  const owner = ownerOf(scope);
  return db.$executeRaw`
    UPDATE "Project" SET "availability" = 'deleted', "viewCount" = NULL, "likeCount" = NULL, "commentCount" = NULL, "youtubeDataAt" = ${now}
     WHERE "youtubeVideoId" = ANY(${[...videoIds]}::text[]) AND "youtubeDataAt" < ${now}
       AND (CASE WHEN ${owner}::text IS NULL THEN "youtubeDetailsRemovedAt" IS NULL ELSE "userId" = ${owner}::text END)`;
}
