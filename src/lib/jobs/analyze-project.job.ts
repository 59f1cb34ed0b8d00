import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";

/** Interactive imports and re-analyze requests run before the AI pass of bulk imports. */
export const ANALYSIS_PRIORITY_INTERACTIVE = 10;
export const ANALYSIS_PRIORITY_BULK = 0;

/** AI analysis of one project; the catalog matcher is its fallback, so it never fails a project. */
export const analyzeProjectJob = defineJob({
  name: "ai.analyze-project",
  schema: z.object({ projectId: z.uuid() }),
  defaults: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  queue: {
    // One per new project (~0.2 a day per followed channel): the busiest queue at scale.
    policy: "standard",
    notify: true,
    deleteAfterSeconds: 60 * 60,
  },
});

declare module "./registry" {
  interface JobRegistry {
    analyzeProject: typeof analyzeProjectJob;
  }
}
