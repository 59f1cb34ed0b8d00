-- Every table bounded (issue 23): src/lib/retention/policies.ts names each table's retention, and the
-- retention.prune job deletes what is past it in chunks of at most 10,000 rows. Each chunk finds its rows
-- through an index, oldest first; these are the indexes the existing ones did not already provide. The
-- tables are small today (none is pruned of anything but SyncRun, WebSubDelivery, SyncVideo and
-- MyVideosPage, which have theirs), so the plain CREATE INDEX inside the migration's transaction holds
-- their writes for seconds at most.

-- Sessions and verifications are deleted once expired.
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");
CREATE INDEX "Verification_expiresAt_idx" ON "Verification"("expiresAt");

-- Read notifications go 90 days after they were read; unread ones past the newest 200 of their user go too.
CREATE INDEX "Notification_readAt_idx" ON "Notification"("readAt") WHERE "readAt" IS NOT NULL;
CREATE INDEX "Notification_userId_createdAt_id_idx" ON "Notification"("userId", "createdAt" DESC, "id" DESC) WHERE "readAt" IS NULL;

-- Finished import runs go a year after they finished, oldest first; runs still queued, running or waiting
-- are never in this index.
CREATE INDEX "ImportRun_finishedAt_id_idx" ON "ImportRun"("finishedAt", "id") WHERE "status" IN ('done', 'failed', 'partial');

-- Revoked personal access tokens go 30 days after revocation.
CREATE INDEX "ApiToken_revokedAt_idx" ON "ApiToken"("revokedAt") WHERE "revokedAt" IS NOT NULL;

-- rate-limiter-flexible's rows (expire = end of the window, epoch milliseconds) go once their window has
-- passed. An update that keeps the window (a consume inside it) changes no indexed column and stays HOT.
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

-- Heartbeat rows go after a day.
CREATE INDEX "SystemPing_requestedAt_idx" ON "SystemPing"("requestedAt");

-- Where a sweep that walks every user (the unread-notification cap) stopped, so the next run continues
-- there; `position` is NULL once a sweep has finished, and `updatedAt` says when.
CREATE TABLE "RetentionCursor" (
    "rule" TEXT NOT NULL,
    "position" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RetentionCursor_pkey" PRIMARY KEY ("rule")
);
