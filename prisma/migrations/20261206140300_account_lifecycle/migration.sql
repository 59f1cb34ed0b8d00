-- Account deletion and data export (docs/operations.md, "Account deletion and export").

-- Set when the user asks to delete the account (src/lib/account/delete-account.ts): from then on the account
-- is closed — its sessions, sign-in identities and API tokens are gone, its handle and e-mail are freed, and
-- every web process refuses the user even from a cached session cookie (src/server/live/closed-accounts.ts
-- loads these ids when its listener starts). account.purge deletes the rest in chunks and finally the row.
ALTER TABLE "User" ADD COLUMN "deletedAt" TIMESTAMPTZ(3);
-- Partial: only accounts being deleted (a handful at any time) are in it.
CREATE INDEX "User_deletedAt_idx" ON "User"("deletedAt") WHERE "deletedAt" IS NOT NULL;

CREATE TYPE "DataExportStatus" AS ENUM ('queued', 'running', 'ready', 'failed');

-- One "Export my data" request and its progress. The file itself is in DataExportChunk, so any web process
-- (on any host) can stream it: Postgres is the one store they share.
CREATE TABLE "DataExport" (
    "id" UUID NOT NULL DEFAULT uuid7(),
    "userId" TEXT NOT NULL,
    "status" "DataExportStatus" NOT NULL DEFAULT 'queued',
    "projectsTotal" INTEGER NOT NULL DEFAULT 0,
    "projectsDone" INTEGER NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "chunks" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "readyAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "downloadedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DataExport_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "DataExport_userId_createdAt_idx" ON "DataExport"("userId", "createdAt" DESC);
CREATE INDEX "DataExport_createdAt_idx" ON "DataExport"("createdAt");

ALTER TABLE "DataExport" ADD CONSTRAINT "DataExport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The export file in order, at most DATA_EXPORT_CHUNK_BYTES a row; deleted once downloaded or expired.
CREATE TABLE "DataExportChunk" (
    "exportId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "DataExportChunk_pkey" PRIMARY KEY ("exportId", "seq")
);

ALTER TABLE "DataExportChunk" ADD CONSTRAINT "DataExportChunk_exportId_fkey" FOREIGN KEY ("exportId") REFERENCES "DataExport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
