import { z } from "zod";
import { defineJob, JOB_HEARTBEAT_S } from "~/lib/jobs/define-job";

/** Writes one "Export my data" file (src/lib/data-export/build-data-export.ts); a retry starts the file again. */
export const dataExportBuildJob = defineJob({
  name: "data-export.build",
  schema: z.object({ exportId: z.uuid() }),
  defaults: {
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 30 * 60,
    heartbeatSeconds: JOB_HEARTBEAT_S,
  },
  queue: { policy: "standard", notify: true, deleteAfterSeconds: 60 * 60 },
});

declare module "./registry" {
  interface JobRegistry {
    dataExportBuild: typeof dataExportBuildJob;
  }
}
