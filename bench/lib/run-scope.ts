/**
 * What every benchmark run opens and must close whatever happens: a fresh database with the harness's
 * pool on it, and the processes, files and servers it starts. Steps run in reverse order of `defer`,
 * each failure logged and none skipped, so an interrupted or failed run still leaves nothing behind.
 */
import type pg from "pg";
import { createBenchDatabase, harnessPool } from "./database";
import { describeMachine, type MachineInfo } from "./machine";

export type RunScope = {
  defer: (step: () => Promise<unknown>) => void;
  close: () => Promise<void>;
};

export function createRunScope(log: (line: string) => void): RunScope {
  const steps: (() => Promise<unknown>)[] = [];
  return {
    defer: (step) => {
      steps.push(step);
    },
    close: async () => {
      for (const step of steps.splice(0).reverse())
        await step().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
    },
  };
}

/** A fresh migrated database (dropped at close), the harness pool on it, and the machine it runs on. */
export async function openBenchDatabase(scope: RunScope, options: { prefix: string; log: (line: string) => void }) {
  const database = await createBenchDatabase(options);
  scope.defer(() => database.drop());
  const pool: pg.Pool = harnessPool(database.url);
  scope.defer(() => pool.end());
  const machine: MachineInfo = await describeMachine(pool);
  return { database, pool, machine };
}
