import type { dataExportPruneJob } from "~/lib/jobs/data-export-prune.job";
import { pruneDataExports } from "~/lib/data-export/prune-data-exports";
import type { JobHandler } from "../lib/run-job";

// data-export.prune — hourly; idempotent chunked deletes of expired or downloaded export files
export const handleDataExportPrune: JobHandler<typeof dataExportPruneJob> = () => pruneDataExports();
