import { analyzeProject } from "~/lib/analysis/analyze-project";
import type { analyzeProjectJob } from "~/lib/jobs/analyze-project.job";
import type { JobHandler } from "../lib/run-job";

// ai.analyze-project — rewrites the project's tags each run (idempotent); rate-limited, falls back to the matcher
export const handleAnalyzeProject: JobHandler<typeof analyzeProjectJob> = (payload, { logger, signal }) =>
  analyzeProject({ projectId: payload.projectId, logger, signal });
