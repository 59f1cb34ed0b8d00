import type { projectsRefreshJob } from "~/lib/jobs/projects-refresh.job";
import { refreshYouTubeData } from "~/lib/projects/refresh-youtube-data";
import type { JobHandler } from "../lib/run-job";

// projects.refresh — every 5 minutes, one at a time; renews the oldest projects' YouTube data, 50 videos per unit
export const handleProjectsRefresh: JobHandler<typeof projectsRefreshJob> = (_payload, { logger, signal }) =>
  refreshYouTubeData({ logger, signal });
