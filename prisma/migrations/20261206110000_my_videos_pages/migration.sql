-- My Videos pages as YouTube last gave them, one row per user and page (page token + page size), shared by
-- every web process: a page younger than MY_VIDEOS_MAX_AGE_SECONDS is answered from here without calling
-- YouTube, an older one is revalidated with its ETag. Deleted with the user, on disconnect, and by
-- sync.prune-runs once untouched for a week.
CREATE TABLE "MyVideosPage" (
    "userId" TEXT NOT NULL,
    "pageKey" TEXT NOT NULL,
    "youtubeChannelId" TEXT NOT NULL,
    "etag" TEXT,
    "body" JSONB NOT NULL,
    "videoIds" TEXT[],
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MyVideosPage_pkey" PRIMARY KEY ("userId", "pageKey")
);

CREATE INDEX "MyVideosPage_fetchedAt_idx" ON "MyVideosPage"("fetchedAt");

ALTER TABLE "MyVideosPage" ADD CONSTRAINT "MyVideosPage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
