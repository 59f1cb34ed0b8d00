import type { syncPruneRunsJob } from "~/lib/jobs/sync-prune-runs";
import { pruneSyncRuns } from "~/lib/sync/prune-sync-runs";
import type { JobHandler } from "../lib/run-job";

// sync.prune-runs — daily; idempotent delete of old SyncRun rows
export const handleSyncPruneRuns: JobHandler<typeof syncPruneRunsJob> = () => pruneSyncRuns();
