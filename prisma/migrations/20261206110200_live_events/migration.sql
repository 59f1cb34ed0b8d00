-- Live updates (docs/architecture.md, "Live updates"): AFTER triggers send a small JSON payload on the
-- channel "showreel_live" with pg_notify, in the transaction that changes the row, so a web process's
-- listener hears of a change only once it has committed. Payload: {"u": userId, "k": kind, "id"?: row id,
-- "run"?: the import run's figures}. Postgres drops identical payloads sent in one transaction, so a
-- statement that changes many rows of one user sends one notification when the payload names no row.
-- Notifications follow what a user sees change, never the sync engine's checks: ChannelSchedule and Channel
-- are written for every check, so their triggers fire only for rows whose state as a follower sees it
-- changed (a WHEN clause), and notify each follower once per transaction.

-- An import run's progress: the figures imports.get shows, so an open page updates without reading the row.
-- A payload near Postgres's 8000-byte limit (a very long error or label) goes without them; the page rereads.
CREATE OR REPLACE FUNCTION "live_import_run"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    payload text;
BEGIN
    payload := json_build_object('u', NEW."userId", 'k', 'import', 'id', NEW."id", 'run', json_build_object(
        'id', NEW."id", 'kind', NEW."kind", 'status', NEW."status", 'total', NEW."total", 'imported', NEW."imported",
        'skipped', NEW."skipped", 'failed', NEW."failed", 'skipReasons', NEW."skipReasons", 'unitsSpent', NEW."unitsSpent",
        'resumeAt', NEW."resumeAt", 'waitReason', NEW."waitReason", 'label', NEW."label", 'error', NEW."error",
        'createdAt', NEW."createdAt", 'startedAt', NEW."startedAt", 'finishedAt', NEW."finishedAt"))::text;
    IF octet_length(payload) > 7000 THEN
        payload := json_build_object('u', NEW."userId", 'k', 'import', 'id', NEW."id")::text;
    END IF;
    PERFORM pg_notify('showreel_live', payload);
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS "ImportRun_live_insert" ON "ImportRun";
CREATE TRIGGER "ImportRun_live_insert" AFTER INSERT ON "ImportRun" FOR EACH ROW EXECUTE FUNCTION "live_import_run"();
DROP TRIGGER IF EXISTS "ImportRun_live_update" ON "ImportRun";
CREATE TRIGGER "ImportRun_live_update" AFTER UPDATE ON "ImportRun" FOR EACH ROW
    WHEN ((OLD."status", OLD."total", OLD."imported", OLD."skipped", OLD."failed", OLD."skipReasons", OLD."unitsSpent",
           OLD."resumeAt", OLD."waitReason", OLD."label", OLD."error", OLD."startedAt", OLD."finishedAt")
          IS DISTINCT FROM
          (NEW."status", NEW."total", NEW."imported", NEW."skipped", NEW."failed", NEW."skipReasons", NEW."unitsSpent",
           NEW."resumeAt", NEW."waitReason", NEW."label", NEW."error", NEW."startedAt", NEW."finishedAt"))
    EXECUTE FUNCTION "live_import_run"();

-- A notification created, read, or updated in place (a repeated warning counts up): the bell and the list
-- reread. No id, so "mark all read" sends one.
CREATE OR REPLACE FUNCTION "live_notification"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('showreel_live', json_build_object('u', NEW."userId", 'k', 'notification')::text);
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS "Notification_live_insert" ON "Notification";
CREATE TRIGGER "Notification_live_insert" AFTER INSERT ON "Notification" FOR EACH ROW EXECUTE FUNCTION "live_notification"();
DROP TRIGGER IF EXISTS "Notification_live_read" ON "Notification";
CREATE TRIGGER "Notification_live_read" AFTER UPDATE ON "Notification" FOR EACH ROW
    WHEN ((OLD."readAt", OLD."payload") IS DISTINCT FROM (NEW."readAt", NEW."payload")) EXECUTE FUNCTION "live_notification"();

-- A project's analysis finished (or was queued again).
CREATE OR REPLACE FUNCTION "live_project_analysis"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('showreel_live', json_build_object('u', NEW."userId", 'k', 'project', 'id', NEW."id")::text);
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS "Project_live_analysis" ON "Project";
CREATE TRIGGER "Project_live_analysis" AFTER UPDATE OF "analysisStatus" ON "Project" FOR EACH ROW
    WHEN (OLD."analysisStatus" IS DISTINCT FROM NEW."analysisStatus") EXECUTE FUNCTION "live_project_analysis"();

-- New projects (an import, or sync for a follower): one notification per user and statement.
CREATE OR REPLACE FUNCTION "live_projects_created"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('showreel_live', json_build_object('u', "userId", 'k', 'projects')::text)
       FROM (SELECT DISTINCT "userId" FROM "live_inserted") AS users;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS "Project_live_created" ON "Project";
CREATE TRIGGER "Project_live_created" AFTER INSERT ON "Project" REFERENCING NEW TABLE AS "live_inserted"
    FOR EACH STATEMENT EXECUTE FUNCTION "live_projects_created"();

-- The sync status a follower sees for a channel, from its schedule row (src/lib/sources/selects.ts reads the
-- same columns): what the sources list shows apart from the times.
CREATE OR REPLACE FUNCTION "live_sync_state"("lastOutcome" "SyncOutcome", "failures" integer, "lastCheckedAt" timestamptz)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN "lastOutcome" IN ('quota_wait', 'config_wait', 'not_found') THEN "lastOutcome"::text
        WHEN "failures" > 0 THEN 'failing'
        WHEN "lastCheckedAt" IS NULL THEN 'pending'
        ELSE 'ok'
    END
$$;

-- A follower's view of a channel moved: tell each follower (one notification per user and transaction, as
-- the payload names no row).
CREATE OR REPLACE FUNCTION "live_channel_schedule"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('showreel_live', json_build_object('u', "userId", 'k', 'sources')::text)
       FROM "ContentSource" WHERE "channelId" = NEW."channelId";
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION "live_channel"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('showreel_live', json_build_object('u', "userId", 'k', 'sources')::text)
       FROM "ContentSource" WHERE "channelId" = NEW."id";
    RETURN NULL;
END $$;

-- The sync engine writes every checked row back; the WHEN clause compares the state a follower sees before
-- and after each row (an inlined SQL expression, not a call), so an unchanged check, a claim or a lease
-- renewal costs nothing more, and only a row whose visible state moved runs the function.
DROP TRIGGER IF EXISTS "ChannelSchedule_live_state" ON "ChannelSchedule";
CREATE TRIGGER "ChannelSchedule_live_state" AFTER UPDATE ON "ChannelSchedule" FOR EACH ROW
    WHEN ("live_sync_state"(OLD."lastOutcome", OLD."failures", OLD."lastCheckedAt")
          IS DISTINCT FROM "live_sync_state"(NEW."lastOutcome", NEW."failures", NEW."lastCheckedAt"))
    EXECUTE FUNCTION "live_channel_schedule"();

-- The Channel row carries the rest of what a follower sees: whether YouTube still has the channel, and
-- whether pushes are live ("Live updates" in the sources list). Written for every check too: same shape.
DROP TRIGGER IF EXISTS "Channel_live_state" ON "Channel";
CREATE TRIGGER "Channel_live_state" AFTER UPDATE ON "Channel" FOR EACH ROW
    WHEN ((OLD."status", coalesce(OLD."leaseExpiresAt" > now(), false) AND OLD."pushUnhealthySince" IS NULL)
          IS DISTINCT FROM
          (NEW."status", coalesce(NEW."leaseExpiresAt" > now(), false) AND NEW."pushUnhealthySince" IS NULL))
    EXECUTE FUNCTION "live_channel"();
