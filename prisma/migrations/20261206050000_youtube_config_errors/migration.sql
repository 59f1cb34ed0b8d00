-- Google refusing Showreel's own configuration (bad or restricted API key, API not enabled): sync checks
-- that hit it wait instead of failing, and /ops shows each reason with when it was last seen.
ALTER TYPE "SyncOutcome" ADD VALUE 'config_wait';

CREATE TABLE "YouTubeConfigError" (
    "reason" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "status" INTEGER,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "YouTubeConfigError_pkey" PRIMARY KEY ("reason")
);
