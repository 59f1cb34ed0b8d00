/**
 * Fault: the worker process dies or is stopped while a channel import is in flight.
 * - SIGKILL mid-batch: the killed worker's jobs are found by their missing heartbeat and run again on a
 *   second worker; the run ends with every video counted once and no project twice.
 * - SIGTERM (a deploy): the worker stops fetching, lets in-flight jobs finish within
 *   WORKER_SHUTDOWN_TIMEOUT_MS or hands them back to the queue, and exits 0 within that time.
 * (SIGKILL mid-sync is src/lib/sync/sync-at-scale.int.test.ts "a worker killed mid-cycle".)
 */
import { describe, expect, it } from "vitest";
import {
  accountedFor,
  channelWithUploads,
  control,
  expectImportedExactly,
  importRun,
  jobStatesOfRun,
  cleanUpAfterEachScenario,
  printOutcome,
  retriesUsedByRun,
  startChannelImport,
  startReadyWorker,
  until,
  untilRunDone,
} from "@test/fault-harness";

/** No AI pass: these scenarios count import jobs only. */
const WORKER_ENV = { AI_BASE_URL: "" };

// Each scenario owns its workers: one left running would take the next scenario's jobs.
cleanUpAfterEachScenario();

const activeJobs = async (runId: string) =>
  Object.entries(await jobStatesOfRun(runId))
    .filter(([key]) => key.endsWith(":active"))
    .reduce((sum, [, count]) => sum + count, 0);

describe("worker crash", () => {
  it("SIGKILL mid-batch: after a restart no job is lost, no project is duplicated, the run's counters are exact", async () => {
    const VIDEOS = 200;
    const channel = await channelWithUploads(VIDEOS);
    // Slow videos.list replies keep a batch in flight when the worker dies.
    await control("POST", "/faults", { kind: "latency", endpoint: "videos", latencyMs: 1_500 });
    const { user, runId } = await startChannelImport(channel.id, VIDEOS);

    const first = await startReadyWorker(WORKER_ENV);
    await until(
      async () => (await importRun(runId)).imported > 0 && (await activeJobs(runId)) > 0,
      "a batch applied and another in flight",
      90_000,
    );
    first.child.kill("SIGKILL");
    await first.exited;
    const atKill = await importRun(runId);
    const inFlightAtKill = await activeJobs(runId);
    expect(atKill.imported).toBeLessThan(VIDEOS);
    expect(inFlightAtKill).toBeGreaterThan(0);

    const killedAt = Date.now();
    await startReadyWorker(WORKER_ENV);
    await untilRunDone(runId, "the run to finish on the second worker", 150_000);
    const recoveredInMs = Date.now() - killedAt;

    const { run, projects } = await expectImportedExactly({ user, runId }, VIDEOS);
    const states = await jobStatesOfRun(runId);
    // Nothing left behind: every job of the run completed (none active, queued, failed or dead-lettered).
    expect(Object.keys(states).every((key) => key.endsWith(":completed"))).toBe(true);
    printOutcome("sigkill_mid_batch", {
      videos: VIDEOS,
      importedAtKill: atKill.imported,
      jobsInFlightAtKill: inFlightAtKill,
      imported: run.imported,
      projects: projects.projects,
      duplicates: projects.duplicates,
      jobsLost: accountedFor(run),
      retriesUsed: await retriesUsedByRun(runId),
      unitsSpent: run.unitsSpent,
      recoveredInMs,
    });
  });

  it("SIGTERM during work: in-flight jobs finish (or go back to the queue) within the shutdown timeout; nothing is lost", async () => {
    const VIDEOS = 150;
    const SHUTDOWN_TIMEOUT_MS = 4_000;
    const finishing = await channelWithUploads(VIDEOS);
    const stuck = await channelWithUploads(VIDEOS);
    const outcomes: Record<string, unknown> = {};
    for (const [label, channel, latencyMs] of [
      // Replies well inside the timeout: the jobs finish before the worker exits.
      ["finishes", finishing, 1_000],
      // Replies slower than the timeout: the jobs are handed back and another worker runs them.
      ["releases", stuck, 8_000],
    ] as const) {
      await control("DELETE", "/faults");
      await control("POST", "/faults", { kind: "latency", endpoint: "videos", latencyMs });
      const { user, runId } = await startChannelImport(channel.id, VIDEOS);
      const worker = await startReadyWorker({ ...WORKER_ENV, WORKER_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
      let seen = "";
      await until(
        async () => {
          seen = JSON.stringify({ states: await jobStatesOfRun(runId), run: await importRun(runId) });
          return (await activeJobs(runId)) > 0 && (await importRun(runId)).total > 0;
        },
        "a job in flight",
        90_000,
        () => `${seen}\n${worker.output().slice(-3000)}`,
      );
      const inFlight = await activeJobs(runId);
      const signalledAt = Date.now();
      worker.child.kill("SIGTERM");
      const exitCode = await worker.exited;
      const exitedInMs = Date.now() - signalledAt;
      const activeAfterExit = await activeJobs(runId);
      expect(exitCode).toBe(0);
      // Exit code 0 means the graceful path ended it, not the worker's backstop (timeout + 5 s, exit 1); the
      // bound leaves room for closing pools on a loaded machine.
      expect(exitedInMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 5_000);
      // Finished or released: no job is left claimed by a process that no longer exists.
      expect(activeAfterExit).toBe(0);
      const logged = worker.output();
      expect(logged).toContain("worker.stopped");

      await control("DELETE", "/faults");
      const next = await startReadyWorker(WORKER_ENV);
      await untilRunDone(runId, "the run to finish after the deploy", 120_000);
      next.child.kill("SIGTERM");
      expect(await next.exited).toBe(0);
      const { run, projects } = await expectImportedExactly({ user, runId }, VIDEOS);
      outcomes[label] = {
        latencyMs,
        jobsInFlightAtSigterm: inFlight,
        exitCode,
        exitedInMs,
        activeAfterExit,
        imported: run.imported,
        duplicates: projects.duplicates,
        jobsLost: accountedFor(run),
        retriesUsed: await retriesUsedByRun(runId),
      };
    }
    printOutcome("sigterm_deploy", { shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS, ...outcomes });
  });
});
