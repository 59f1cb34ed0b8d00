/**
 * What every benchmark here opens first: its own fresh, migrated, seeded database (dropped at the end), the
 * harness's small pool on it, the machine description for the docs, and the cleanup list the rest of the
 * run adds to. The caller runs `cleanups.run()` in a finally.
 */
import { createCleanups } from "./cleanups";
import { createBenchDatabase, harnessPool } from "./database";
import { describeMachine } from "./machine";

export async function openBenchRun(options: { prefix: string; log: (line: string) => void }) {
  const startedAt = new Date().toISOString();
  const cleanups = createCleanups(options.log);
  try {
    const database = await createBenchDatabase({ prefix: options.prefix, log: options.log });
    cleanups.add(() => database.drop());
    const pool = harnessPool(database.url);
    cleanups.add(() => pool.end());
    const machine = await describeMachine(pool);
    return { startedAt, cleanups, database, pool, machine };
  } catch (error) {
    await cleanups.run();
    throw error;
  }
}
