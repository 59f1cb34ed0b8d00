-- Import runs count skipped videos by reason, so progress can say why ("3 already imported, 1 private").
ALTER TABLE "ImportRun" ADD COLUMN "skipReasons" JSONB NOT NULL DEFAULT '{}';
