-- Sync engine v2 (docs/architecture.md, "Sync engine"). A channel's check is no longer a pg-boss job: each
-- followed channel has one narrow ChannelSchedule row that every worker claims straight from its partial
-- index on "nextCheckAt" (UPDATE … FOR UPDATE SKIP LOCKED … RETURNING) and writes back in batches, guarded
-- by the claim token. The wide Channel row changes only when a feed answered with something new.
-- Video ids a check or a push detected wait in SyncVideo until sync.enrich looks them up 50 at a time.
--
-- Idempotent: every step can run again (IF [NOT] EXISTS, ON CONFLICT), and the v1 columns are copied only
-- while they still exist, so no followed channel, due time or pushed id is lost in the move.

CREATE TABLE IF NOT EXISTS "ChannelSchedule" (
    "channelId" UUID NOT NULL,
    -- NULL = parked: nobody follows the channel with auto-sync. While claimed: when the claim lapses.
    "nextCheckAt" TIMESTAMPTZ(3),
    "claimToken" UUID,
    "tier" "CheckTier" NOT NULL DEFAULT 'normal',
    "failures" INTEGER NOT NULL DEFAULT 0,
    -- A push or "Check now" arrived while a check held the claim: the write-back makes it due again at once.
    "recheck" BOOLEAN NOT NULL DEFAULT false,
    "lastCheckedAt" TIMESTAMPTZ(3),
    "lastMethod" "SyncMethod",
    "lastOutcome" "SyncOutcome",
    "lastError" TEXT,

    CONSTRAINT "ChannelSchedule_pkey" PRIMARY KEY ("channelId"),
    CONSTRAINT "ChannelSchedule_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITH (fillfactor = 70);

-- Only followed channels are in the index the claim walks; parked ones cost nothing.
CREATE INDEX IF NOT EXISTS "ChannelSchedule_nextCheckAt_idx" ON "ChannelSchedule"("nextCheckAt") WHERE "nextCheckAt" IS NOT NULL;

DO $$ BEGIN
    CREATE TYPE "SyncVideoReason" AS ENUM ('new', 'push', 'vanished');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

CREATE TABLE IF NOT EXISTS "SyncVideo" (
    "videoId" TEXT NOT NULL,
    "channelId" UUID NOT NULL,
    "reason" "SyncVideoReason" NOT NULL,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- Not looked up before this (an upcoming premiere, an id YouTube does not return yet).
    "notBefore" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    -- Handled. Kept two days so a feed still listing the id does not send it round again.
    "doneAt" TIMESTAMPTZ(3),

    CONSTRAINT "SyncVideo_pkey" PRIMARY KEY ("videoId"),
    CONSTRAINT "SyncVideo_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX IF NOT EXISTS "SyncVideo_notBefore_idx" ON "SyncVideo"("notBefore") WHERE "doneAt" IS NULL;
CREATE INDEX IF NOT EXISTS "SyncVideo_doneAt_idx" ON "SyncVideo"("doneAt") WHERE "doneAt" IS NOT NULL;
CREATE INDEX IF NOT EXISTS "SyncVideo_channelId_idx" ON "SyncVideo"("channelId");

-- Every channel has its schedule row, however it was inserted (the app, a script, a test): parked at first.
CREATE OR REPLACE FUNCTION "channel_schedule_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "ChannelSchedule" ("channelId") VALUES (NEW."id") ON CONFLICT DO NOTHING;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS "Channel_schedule_row" ON "Channel";
CREATE TRIGGER "Channel_schedule_row" AFTER INSERT ON "Channel" FOR EACH ROW EXECUTE FUNCTION "channel_schedule_row"();

-- v1 → v2: copy each channel's schedule and its pushed-but-unchecked ids, then drop the v1 columns.
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'Channel' AND column_name = 'nextCheckAt') THEN
        INSERT INTO "ChannelSchedule" ("channelId", "nextCheckAt", "tier", "failures", "lastCheckedAt", "lastMethod", "lastOutcome", "lastError")
        SELECT "id", "nextCheckAt", "checkTier", "consecutiveFailures", "lastCheckedAt", "lastCheckMethod", "lastCheckOutcome", "lastError" FROM "Channel"
        ON CONFLICT ("channelId") DO UPDATE SET
            "nextCheckAt" = EXCLUDED."nextCheckAt", "tier" = EXCLUDED."tier", "failures" = EXCLUDED."failures",
            "lastCheckedAt" = EXCLUDED."lastCheckedAt", "lastMethod" = EXCLUDED."lastMethod",
            "lastOutcome" = EXCLUDED."lastOutcome", "lastError" = EXCLUDED."lastError";
        INSERT INTO "SyncVideo" ("videoId", "channelId", "reason")
        SELECT DISTINCT ON (pending."videoId") pending."videoId", c."id", 'push'
          FROM "Channel" c CROSS JOIN LATERAL unnest(c."pendingVideoIds") AS pending("videoId")
        ON CONFLICT ("videoId") DO NOTHING;
    END IF;
END $$;
INSERT INTO "ChannelSchedule" ("channelId") SELECT "id" FROM "Channel" ON CONFLICT DO NOTHING;

DROP INDEX IF EXISTS "Channel_nextCheckAt_idx";
ALTER TABLE "Channel"
    DROP COLUMN IF EXISTS "nextCheckAt",
    DROP COLUMN IF EXISTS "checkTier",
    DROP COLUMN IF EXISTS "consecutiveFailures",
    DROP COLUMN IF EXISTS "lastError",
    DROP COLUMN IF EXISTS "lastCheckedAt",
    DROP COLUMN IF EXISTS "lastCheckMethod",
    DROP COLUMN IF EXISTS "lastCheckOutcome",
    DROP COLUMN IF EXISTS "pendingVideoIds";
