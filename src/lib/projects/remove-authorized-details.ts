/**
 * When a creator's YouTube authorization ends — they disconnect, or Google answers that the grant was revoked
 * or expired — what only that authorization let Showreel read is deleted: the YouTube details of their
 * projects whose video is private or unlisted (docs/operations.md, "YouTube data freshness and revocation").
 *
 * The project row stays, with what is the creator's own: their tags, portfolio settings, and a title or
 * description they wrote themselves. YouTube's title becomes "Private video" / "Unlisted video"; the
 * description, thumbnail, length, publish date, channel name, counts, made-for-kids flag, the topics the AI
 * derived from the text, and the slug built from the title are cleared, and `youtubeDetailsRemovedAt` says
 * why (the project page explains it; the public portfolio leaves the project out). The video id is kept: it
 * is what the creator's tags hang on, and a refresh under a new authorization restores the details.
 * Public videos' projects are not touched: anyone's API key reads them.
 *
 * Idempotent (a project already cleared is skipped) and bounded: at most REMOVE_CHUNK_ROWS rows a statement.
 */
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/server/db";

/** Rows cleared per statement: one creator's private and unlisted projects, a few thousand at most. */
const REMOVE_CHUNK_ROWS = 1_000;

export async function removeAuthorizedDetails({
  userId,
  tx = db,
  now = new Date(),
}: {
  userId: string;
  /** The caller's transaction, so the removal commits with what caused it (a connection marked needs_reconnect). */
  tx?: Prisma.TransactionClient;
  now?: Date;
}): Promise<number> {
  let removed = 0;
  for (;;) {
    const count = await tx.$executeRaw`
      UPDATE "Project" SET
        "title" = CASE WHEN "titleEditedAt" IS NOT NULL THEN "title"
                       WHEN "privacyStatus" = 'private' THEN 'Private video' ELSE 'Unlisted video' END,
        "description" = CASE WHEN "descriptionEditedAt" IS NOT NULL THEN "description" ELSE '' END,
        "slug" = 'video-' || "youtubeVideoId",
        "thumbnailUrl" = NULL, "durationSeconds" = NULL, "publishedAt" = NULL, "channelTitle" = NULL,
        "viewCount" = NULL, "likeCount" = NULL, "commentCount" = NULL, "madeForKids" = NULL, "topics" = '{}',
        "youtubeDetailsRemovedAt" = ${now}
       WHERE "id" IN (
         SELECT "id" FROM "Project"
          WHERE "userId" = ${userId} AND "privacyStatus" IN ('private', 'unlisted') AND "youtubeDetailsRemovedAt" IS NULL
          LIMIT ${REMOVE_CHUNK_ROWS})`;
    removed += count;
    if (count < REMOVE_CHUNK_ROWS) return removed;
  }
}
