-- Sync at scale (issue 7). A channel nobody follows with auto-sync is parked (nextCheckAt NULL) so the
-- scheduler's index scan never walks past it; the check's memory of the feed window and the WebSub
-- bookkeeping live on the shared Channel row; SyncRun keeps the checks that did something.
CREATE TYPE "SyncMethod" AS ENUM ('feed', 'playlist', 'push');
CREATE TYPE "SyncOutcome" AS ENUM ('unchanged', 'baseline', 'new_videos', 'failed', 'quota_wait', 'not_found');
CREATE TYPE "SyncTrigger" AS ENUM ('schedule', 'push', 'manual');

ALTER TABLE "Channel" ALTER COLUMN "nextCheckAt" DROP NOT NULL;
ALTER TABLE "Channel" ADD COLUMN "recentVideoIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Channel" ADD COLUMN "pendingVideoIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Channel" ADD COLUMN "lastPushAt" TIMESTAMPTZ(3);
ALTER TABLE "Channel" ADD COLUMN "lastCheckMethod" "SyncMethod";
ALTER TABLE "Channel" ADD COLUMN "lastCheckOutcome" "SyncOutcome";
ALTER TABLE "Channel" ADD COLUMN "hubRequestedAt" TIMESTAMPTZ(3);
ALTER TABLE "Channel" ADD COLUMN "hubRequestedMode" TEXT;
ALTER TABLE "Channel" ADD COLUMN "hubRenewAt" TIMESTAMPTZ(3);
CREATE INDEX "Channel_hubRenewAt_idx" ON "Channel"("hubRenewAt");

CREATE TABLE "SyncRun" (
    "id" UUID NOT NULL DEFAULT uuid7(),
    "channelId" UUID NOT NULL,
    "trigger" "SyncTrigger" NOT NULL,
    "method" "SyncMethod" NOT NULL,
    "outcome" "SyncOutcome" NOT NULL,
    "newVideos" INTEGER NOT NULL DEFAULT 0,
    "projectsCreated" INTEGER NOT NULL DEFAULT 0,
    "unitsSpent" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "SyncRun_channelId_startedAt_idx" ON "SyncRun"("channelId", "startedAt" DESC);
CREATE INDEX "SyncRun_startedAt_idx" ON "SyncRun"("startedAt");
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;
