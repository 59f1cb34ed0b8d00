import type { syncScheduleDueJob } from "~/lib/jobs/sync-schedule-due";
import { scheduleDueChannels } from "~/lib/sync/schedule-due";
import type { JobHandler } from "../lib/run-job";

// sync.schedule-due — cron each minute, one at a time (exclusive queue); claims are leases, so a lost run loses nothing
export const handleSyncScheduleDue: JobHandler<typeof syncScheduleDueJob> = (_payload, { logger, boss }) => scheduleDueChannels({ boss, logger });
