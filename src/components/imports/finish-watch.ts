import { isRunActive } from "~/components/live/in-flux";

type RunStatus = { status: string };

/**
 * Decides, read by read, whether a run a component watches has just finished, and says so once per watcher.
 * A read reports the end when it finds the run finished and the cache (`before`) still held it active or
 * held nothing. Two reads can overlap: an invalidation that cancels a read in flight does not stop that
 * read's own code, which may already have seen the run finished, and the cancelled read leaves the cache
 * as it was, so the next read sees the run active again. Without the latch both reads would report the end
 * (two "import finished" toasts).
 */
export function createFinishWatch(): (before: RunStatus | undefined, latest: RunStatus) => boolean {
  let hasReported = false;
  return (before, latest) => {
    if (hasReported || isRunActive(latest)) return false;
    if (before !== undefined && !isRunActive(before)) return false;
    hasReported = true;
    return true;
  };
}
