import { importChannelPage } from "~/lib/imports/import-channel-page";
import type { importChannelPageJob } from "~/lib/jobs/import-channel-page.job";
import type { JobHandler } from "../lib/run-job";

// youtube.import-channel-page — idempotent per (runId, page); enqueues the next page; rescheduled on quota/rate/outage
export const handleImportChannelPage: JobHandler<typeof importChannelPageJob> = (payload, { logger, signal, boss }) =>
  importChannelPage({ runId: payload.runId, page: payload.page, boss, logger, signal });
