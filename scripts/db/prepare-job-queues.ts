/**
 * Installs or upgrades pg-boss's own schema and declares every queue, as part of `db:migrate`. Doing it
 * at deploy time means the web process (a send-only client that never migrates) can enqueue even before
 * the first worker has booted.
 */
import { createBoss } from "~/server/boss";
import { JOB_CONTRACTS } from "../../worker/handlers";
import { declareQueues } from "../../worker/queues";

export async function prepareJobQueues(connectionString: string): Promise<void> {
  const boss = createBoss({ role: "installer", connectionString, max: 2 });
  await boss.start();
  try {
    await declareQueues(boss, JOB_CONTRACTS);
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}
