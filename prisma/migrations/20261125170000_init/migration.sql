-- Showreel initial schema (DESIGN.md §2). Hand-written in the shape `prisma migrate diff` emits.

-- Time-ordered UUIDs (RFC 9562 v7) generated in the database, so raw bulk inserts get the same ids as
-- Prisma writes and 5M-row indexes stay append-mostly. PostgreSQL 18 has uuidv7(); 15 does not.
CREATE FUNCTION "uuid7"() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('user', 'admin');
CREATE TYPE "ConnectionStatus" AS ENUM ('active', 'needs_reconnect', 'revoked');
CREATE TYPE "CheckTier" AS ENUM ('active', 'normal', 'dormant');
CREATE TYPE "ChannelStatus" AS ENUM ('active', 'not_found', 'terminated');
CREATE TYPE "SyncStatus" AS ENUM ('ok', 'failed', 'quota_wait');
CREATE TYPE "ProjectKind" AS ENUM ('video', 'short', 'live');
CREATE TYPE "ProjectVisibility" AS ENUM ('public', 'unlisted', 'private');
CREATE TYPE "Availability" AS ENUM ('available', 'private', 'deleted');
CREATE TYPE "AnalysisStatus" AS ENUM ('pending', 'ai', 'fallback', 'failed');
CREATE TYPE "ImportRunKind" AS ENUM ('videos', 'channel', 'sync');
CREATE TYPE "ImportRunStatus" AS ENUM ('queued', 'running', 'waiting', 'done', 'failed', 'partial');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "handle" TEXT,
    "role" "UserRole" NOT NULL DEFAULT 'user',
    "timezone" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMPTZ(3),
    "refreshTokenExpiresAt" TIMESTAMPTZ(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Verification_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "YouTubeConnection" (
    "id" UUID NOT NULL DEFAULT uuid7(),
    "userId" TEXT NOT NULL,
    "googleAccountId" TEXT NOT NULL,
    "youtubeChannelId" TEXT NOT NULL,
    "channelTitle" TEXT NOT NULL,
    "channelHandle" TEXT,
    "scopes" TEXT[],
    "status" "ConnectionStatus" NOT NULL DEFAULT 'active',
    "accessTokenEnc" TEXT,
    "refreshTokenEnc" TEXT,
    "accessTokenExpiresAt" TIMESTAMPTZ(3),
    "lastRefreshedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "YouTubeConnection_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Channel" (
    "id" UUID NOT NULL DEFAULT uuid7(),
    "youtubeChannelId" TEXT NOT NULL,
    "uploadsPlaylistId" TEXT,
    "title" TEXT NOT NULL,
    "handle" TEXT,
    "thumbnailUrl" TEXT,
    "status" "ChannelStatus" NOT NULL DEFAULT 'active',
    "feedEtag" TEXT,
    "feedLastModified" TEXT,
    "lastVideoPublishedAt" TIMESTAMPTZ(3),
    "lastCheckedAt" TIMESTAMPTZ(3),
    "nextCheckAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkTier" "CheckTier" NOT NULL DEFAULT 'normal',
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "hubSecret" TEXT,
    "pushUnhealthySince" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Channel_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ContentSource" (
    "id" UUID NOT NULL DEFAULT uuid7(),
    "userId" TEXT NOT NULL,
    "channelId" UUID NOT NULL,
    "syncEnabled" BOOLEAN NOT NULL DEFAULT true,
    "lastSyncedAt" TIMESTAMPTZ(3),
    "lastSyncStatus" "SyncStatus",
    "lastSyncError" TEXT,
    "importedCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ContentSource_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Project" (
    "id" UUID NOT NULL DEFAULT uuid7(),
    "userId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" "ProjectKind" NOT NULL DEFAULT 'video',
    "youtubeVideoId" TEXT NOT NULL,
    "externalUrl" TEXT NOT NULL,
    "thumbnailUrl" TEXT,
    "durationSeconds" INTEGER,
    "publishedAt" TIMESTAMPTZ(3),
    "youtubeChannelId" TEXT,
    "channelTitle" TEXT,
    "viewCount" BIGINT,
    "likeCount" BIGINT,
    "commentCount" BIGINT,
    "visibility" "ProjectVisibility" NOT NULL DEFAULT 'private',
    "isShowcase" BOOLEAN NOT NULL DEFAULT false,
    "availability" "Availability" NOT NULL DEFAULT 'available',
    "analysisStatus" "AnalysisStatus" NOT NULL DEFAULT 'pending',
    "analysisNote" TEXT,
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "contentSourceId" UUID,
    "importRunId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Tool" (
    "id" UUID NOT NULL DEFAULT uuid7(),
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Tool_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Category" (
    "id" UUID NOT NULL DEFAULT uuid7(),
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ProjectTool" (
    "projectId" UUID NOT NULL,
    "toolId" UUID NOT NULL,

    CONSTRAINT "ProjectTool_pkey" PRIMARY KEY ("projectId", "toolId")
);

CREATE TABLE "ProjectCategory" (
    "projectId" UUID NOT NULL,
    "categoryId" UUID NOT NULL,

    CONSTRAINT "ProjectCategory_pkey" PRIMARY KEY ("projectId", "categoryId")
);

CREATE TABLE "ImportRun" (
    "id" UUID NOT NULL DEFAULT uuid7(),
    "userId" TEXT NOT NULL,
    "kind" "ImportRunKind" NOT NULL,
    "status" "ImportRunStatus" NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "unitsSpent" INTEGER NOT NULL DEFAULT 0,
    "params" JSONB NOT NULL DEFAULT '{}',
    "cursor" JSONB,
    "resumeAt" TIMESTAMPTZ(3),
    "error" TEXT,
    "contentSourceId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "QuotaDay" (
    "day" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "limit" INTEGER NOT NULL,
    "exhaustedUntil" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuotaDay_pkey" PRIMARY KEY ("day", "scope")
);

CREATE TABLE "Notification" (
    "id" UUID NOT NULL DEFAULT uuid7(),
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "RateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "SystemPing" (
    "id" UUID NOT NULL DEFAULT uuid7(),
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" TIMESTAMPTZ(3),
    "handledBy" TEXT,

    CONSTRAINT "SystemPing_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");
CREATE UNIQUE INDEX "Session_token_key" ON "Session"("token");
CREATE INDEX "Session_userId_idx" ON "Session"("userId");
CREATE INDEX "Account_userId_idx" ON "Account"("userId");
CREATE UNIQUE INDEX "Account_providerId_accountId_key" ON "Account"("providerId", "accountId");
CREATE INDEX "Verification_identifier_idx" ON "Verification"("identifier");
CREATE UNIQUE INDEX "YouTubeConnection_userId_key" ON "YouTubeConnection"("userId");
CREATE INDEX "YouTubeConnection_youtubeChannelId_idx" ON "YouTubeConnection"("youtubeChannelId");
CREATE INDEX "YouTubeConnection_status_idx" ON "YouTubeConnection"("status");
CREATE UNIQUE INDEX "Channel_youtubeChannelId_key" ON "Channel"("youtubeChannelId");
CREATE INDEX "Channel_nextCheckAt_idx" ON "Channel"("nextCheckAt");
CREATE INDEX "Channel_leaseExpiresAt_idx" ON "Channel"("leaseExpiresAt");
CREATE INDEX "ContentSource_channelId_syncEnabled_idx" ON "ContentSource"("channelId", "syncEnabled");
CREATE UNIQUE INDEX "ContentSource_userId_channelId_key" ON "ContentSource"("userId", "channelId");
CREATE INDEX "Project_userId_createdAt_idx" ON "Project"("userId", "createdAt" DESC);
CREATE INDEX "Project_youtubeVideoId_idx" ON "Project"("youtubeVideoId");
CREATE INDEX "Project_contentSourceId_idx" ON "Project"("contentSourceId");
CREATE INDEX "Project_importRunId_idx" ON "Project"("importRunId");
CREATE UNIQUE INDEX "Project_userId_youtubeVideoId_key" ON "Project"("userId", "youtubeVideoId");
CREATE UNIQUE INDEX "Project_userId_slug_key" ON "Project"("userId", "slug");
CREATE UNIQUE INDEX "Tool_name_key" ON "Tool"("name");
CREATE UNIQUE INDEX "Tool_slug_key" ON "Tool"("slug");
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");
CREATE UNIQUE INDEX "Category_slug_key" ON "Category"("slug");
CREATE INDEX "ProjectTool_toolId_idx" ON "ProjectTool"("toolId");
CREATE INDEX "ProjectCategory_categoryId_idx" ON "ProjectCategory"("categoryId");
CREATE INDEX "ImportRun_userId_createdAt_idx" ON "ImportRun"("userId", "createdAt" DESC);
CREATE INDEX "ImportRun_status_idx" ON "ImportRun"("status");
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "YouTubeConnection" ADD CONSTRAINT "YouTubeConnection_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ContentSource" ADD CONSTRAINT "ContentSource_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ContentSource" ADD CONSTRAINT "ContentSource_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Project" ADD CONSTRAINT "Project_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Project" ADD CONSTRAINT "Project_contentSourceId_fkey" FOREIGN KEY ("contentSourceId") REFERENCES "ContentSource"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Project" ADD CONSTRAINT "Project_importRunId_fkey" FOREIGN KEY ("importRunId") REFERENCES "ImportRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ProjectTool" ADD CONSTRAINT "ProjectTool_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProjectTool" ADD CONSTRAINT "ProjectTool_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "Tool"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProjectCategory" ADD CONSTRAINT "ProjectCategory_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProjectCategory" ADD CONSTRAINT "ProjectCategory_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ImportRun" ADD CONSTRAINT "ImportRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
