/**
 * The real worker process, booted the way `npm run worker` does, against the run's database: it prints
 * `worker ready`, handles a ping enqueued by a separate (web-like) sender, and stops cleanly on SIGTERM.
 */
import { afterAll, describe, expect, it } from "vitest";
import { requestPing } from "~/lib/system/request-ping";
import { createBoss } from "~/server/boss";
import { db } from "~/server/db";
import { createTestUser } from "@test/test-user";
import { testDatabaseUrl } from "@test/test-db-url";
import { startWorkerProcess, type WorkerProcess } from "@test/worker-process";

const startWorker = startWorkerProcess;
type Started = WorkerProcess;

async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const running: Started[] = [];
afterAll(() => {
  for (const worker of running) worker.child.kill("SIGKILL");
});

describe("worker process", () => {
  it("boots, handles a ping enqueued by another process, exposes /ready, and stops on SIGTERM", async () => {
    const worker = startWorker({ DATABASE_URL: testDatabaseUrl() });
    running.push(worker);
    await waitFor(() => (worker.output().includes("worker ready") ? true : undefined), "worker ready");
    const port = Number(/"metricsPort":(\d+)/.exec(worker.output())?.[1]);
    expect(port).toBeGreaterThan(0);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    const metricsText = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metricsText).toContain("process_resident_memory_bytes");

    const sender = createBoss({ role: "sender", connectionString: testDatabaseUrl(), max: 1 });
    await sender.start();
    const admin = await createTestUser({ role: "admin" });
    const { pingId } = await requestPing({ userId: admin.id, jobs: sender });
    const handled = await waitFor(async () => {
      const row = await db.systemPing.findUnique({
        where: { id: pingId },
        select: { handledAt: true, handledBy: true },
      });
      return row?.handledAt ? row : undefined;
    }, "the ping to be handled");
    expect(handled.handledBy).toMatch(/:\d+$/);
    await sender.stop({ graceful: false });

    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain("worker.stopped");
  });

  it("refuses to start with a bad DATABASE_URL and names the variable", async () => {
    const worker = startWorker({ DATABASE_URL: "not a url" });
    running.push(worker);
    expect(await worker.exited).not.toBe(0);
    expect(worker.output()).toMatch(/DATABASE_URL: must be a postgres/);
  });
});
