-- An import run's wait reason becomes a closed set (src/lib/imports/import-run-state.ts writes it, the progress
-- UI words each value), as its status already is.
CREATE TYPE "ImportRunWaitReason" AS ENUM ('quota', 'rate_limit', 'upstream', 'configuration', 'reconnect');

-- Postgres does not change the type of a column that a trigger's WHEN clause names, so the live trigger
-- (20261206110200_live_events) is dropped around the change and created again exactly as it was.
DROP TRIGGER "ImportRun_live_update" ON "ImportRun";
ALTER TABLE "ImportRun" ALTER COLUMN "waitReason" TYPE "ImportRunWaitReason" USING "waitReason"::"ImportRunWaitReason";
CREATE TRIGGER "ImportRun_live_update" AFTER UPDATE ON "ImportRun" FOR EACH ROW
    WHEN ((OLD."status", OLD."total", OLD."imported", OLD."skipped", OLD."failed", OLD."skipReasons", OLD."unitsSpent",
           OLD."resumeAt", OLD."waitReason", OLD."label", OLD."error", OLD."startedAt", OLD."finishedAt")
          IS DISTINCT FROM
          (NEW."status", NEW."total", NEW."imported", NEW."skipped", NEW."failed", NEW."skipReasons", NEW."unitsSpent",
           NEW."resumeAt", NEW."waitReason", NEW."label", NEW."error", NEW."startedAt", NEW."finishedAt"))
    EXECUTE FUNCTION "live_import_run"();
