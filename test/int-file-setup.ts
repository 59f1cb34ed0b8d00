/**
 * Runs before each integration and fault file: the lane's files share one database, and a file that enqueues jobs
 * without running them (the authorization matrix and input fuzz call every procedure; others run handlers
 * by hand) must not hand a later file a queue full of someone else's jobs — drainJobs would run them, a
 * worker process would be busy with them, and job counts would be off. Every file starts with no jobs.
 */
import { beforeAll } from "vitest";
import { db } from "~/server/db";

beforeAll(async () => {
  await db.$executeRaw`DELETE FROM pgboss.job`;
});
