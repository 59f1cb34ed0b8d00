/**
 * The reviewed system's way of queueing work (docs/design.md#the-baseline): one message per task,
 * sent one call at a time in a loop (`apply_async` per video or per source). Reproduced on the same queue
 * (pg-boss, the same job and database) as one `enqueue` per job, so only the queueing pattern differs.
 * A benchmark fixture, never used by the app.
 */
import { runDriver } from "../lib/driver";

export async function runBaselineEnqueue(options: {
  env: Record<string, string | undefined>;
  count: number;
}): Promise<{ seconds: number }> {
  return runDriver<{ seconds: number }>({
    name: "queue driver (one by one)",
    script: "bench/lib/queue-driver.ts",
    env: options.env,
    input: { count: options.count, mode: "one-by-one" },
    timeoutMs: 600_000,
  });
}
