-- Import runs say why they wait (quota, rate limit, outage) and what they import, for the progress UI.
ALTER TABLE "ImportRun" ADD COLUMN "waitReason" TEXT;
ALTER TABLE "ImportRun" ADD COLUMN "label" TEXT;
