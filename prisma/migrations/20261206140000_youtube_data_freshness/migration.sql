-- YouTube data kept fresh (docs/operations.md, "YouTube data freshness and revocation"): when each project's
-- YouTube data was last read, the video's privacy and made-for-kids flags, which of the creator's own edits the
-- refresh must leave alone, and when details only the owner's authorization could read were removed.
CREATE TYPE "VideoPrivacy" AS ENUM ('public', 'unlisted', 'private');

ALTER TABLE "Project"
    ADD COLUMN "youtubeDataAt" TIMESTAMPTZ(3),
    ADD COLUMN "privacyStatus" "VideoPrivacy",
    ADD COLUMN "madeForKids" BOOLEAN,
    ADD COLUMN "titleEditedAt" TIMESTAMPTZ(3),
    ADD COLUMN "descriptionEditedAt" TIMESTAMPTZ(3),
    ADD COLUMN "youtubeDetailsRemovedAt" TIMESTAMPTZ(3);

-- Every project's data was read when it was imported. One pass over the table, once: the refresh then finds
-- the projects older than its window and works through them at its own pace.
UPDATE "Project" SET "youtubeDataAt" = "createdAt";

ALTER TABLE "Project"
    ALTER COLUMN "youtubeDataAt" SET DEFAULT CURRENT_TIMESTAMP,
    ALTER COLUMN "youtubeDataAt" SET NOT NULL;

-- projects.refresh reads the oldest first, a few hundred at a time, and counts those past its window.
CREATE INDEX "Project_youtubeDataAt_idx" ON "Project"("youtubeDataAt");
