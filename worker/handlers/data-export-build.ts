import { buildDataExport } from "~/lib/data-export/build-data-export";
import { failDataExport } from "~/lib/data-export/fail-data-export";
import { dataExportBuildJob } from "~/lib/jobs/data-export-build.job";
import type { JobHandler } from "../lib/run-job";

const RETRY_LIMIT = dataExportBuildJob.defaults.retryLimit ?? 0;

// data-export.build — writes one export file in chunks; a retry starts the file again; the last failure marks it failed
export const handleDataExportBuild: JobHandler<typeof dataExportBuildJob> = async (
  payload,
  { logger, signal, retryCount },
) => {
  try {
    return await buildDataExport({ exportId: payload.exportId, logger, signal });
  } catch (error) {
    if (retryCount >= RETRY_LIMIT) await failDataExport({ exportId: payload.exportId });
    throw error;
  }
};
