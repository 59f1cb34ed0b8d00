import { z } from "zod";
import { defineJob, oneRunAtATime } from "~/lib/jobs/define-job";

/**
 * Cron (every 5 minutes, REFRESH_TICK_MS): renews the YouTube data of the projects whose data is oldest, so
 * every project's is younger than 30 days (src/lib/projects/refresh-youtube-data.ts). One run at a time
 * fleet-wide; a run that finds nothing due costs two index reads.
 */
export const projectsRefreshJob = defineJob({
  name: "projects.refresh",
  schema: z.object({}),
  defaults: { retryLimit: 0, expireInSeconds: 240 },
  queue: oneRunAtATime(60 * 60),
});

declare module "./registry" {
  interface JobRegistry {
    projectsRefresh: typeof projectsRefreshJob;
  }
}
