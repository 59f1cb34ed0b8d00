/**
 * Child process: one cycle of the reviewed design's sync (sync.ts) — its scheduler run and every task it
 * queued — in a process of its own, as a Celery worker is, so its CPU is its own. Options come as JSON in
 * BASELINE_SYNC_OPTIONS (BaselineSyncOptions without `sleep`); prints one line
 * "baseline result <json>" (BaselineCycleResult) at the end and exits.
 */
import { runBaselineSyncCycle, type BaselineSyncOptions } from "./sync";

const options = JSON.parse(process.env.BASELINE_SYNC_OPTIONS ?? "") as BaselineSyncOptions;
const result = await runBaselineSyncCycle(options);
process.stdout.write(`baseline result ${JSON.stringify(result)}\n`);
