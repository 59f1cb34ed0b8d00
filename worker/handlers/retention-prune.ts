import type { retentionPruneJob } from "~/lib/jobs/retention-prune.job";
import { pruneExpiredRows } from "~/lib/retention/prune-expired-rows";
import { pool } from "~/server/db";
import type { JobHandler } from "../lib/run-job";

// retention.prune — every 10 minutes; chunked deletes within a time budget, stops at shutdown; idempotent
// (a retry or the next run deletes only what is still past retention).
export const handleRetentionPrune: JobHandler<typeof retentionPruneJob> = async (_payload, { logger, signal }) => {
  const { pruned, pending, outcome } = await pruneExpiredRows({ pool, logger, signal });
  return { pruned, pending, outcome };
};
