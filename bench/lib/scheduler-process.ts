/**
 * Child process: runs the production scheduler, `scheduleDueChannels` (what the `sync.schedule-due` cron
 * job runs each minute), in a tight loop, so a benchmark does not wait for the cron. Same code, same
 * limits (SYNC_CLAIM_BATCH, SYNC_MAX_QUEUED_CHECKS backpressure), its own process so its CPU is counted
 * apart. Prints "scheduler ready"; SIGUSR1 wakes it at once (the bench sends it right after making
 * channels due, so no run waits for the pause); stops on SIGTERM.
 */
import { scheduleDueChannels } from "~/lib/sync/schedule-due";
import { createBoss } from "~/server/boss";
import { logger } from "~/server/logger";

/**
 * Pause between scheduling runs. Each run counts the queued checks (backpressure) and looks for due
 * channels, so a tight loop would itself load Postgres; SIGUSR1 cuts the pause short.
 */
const LOOP_PAUSE_MS = 1_000;

let wake: () => void = () => {};
/** A wake-up that arrived during a run: the next run starts without a pause. */
let isWakePending = false;
process.on("SIGUSR1", () => {
  isWakePending = true;
  wake();
});

const boss = createBoss({ role: "sender", max: 2 });
await boss.start();
let isStopping = false;
const stopped = (async () => {
  process.stdout.write("scheduler ready\n");
  while (!isStopping) {
    isWakePending = false;
    await scheduleDueChannels({ boss, logger });
    if (isWakePending) continue;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, LOOP_PAUSE_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
})();

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    isStopping = true;
    void stopped
      .then(() => boss.stop({ graceful: false, close: true }))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`scheduler: stop failed ${String(error)}\n`);
          process.exit(1);
        },
      );
  });
}
