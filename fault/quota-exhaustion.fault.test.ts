/**
 * Fault: Google's daily quota runs out in the middle of a channel import on a real worker. The emulator's
 * budget is set so the import's sixth call is refused with 403 quotaExceeded.
 * Checked: the run waits until the next Pacific midnight and the user sees that time (imports.get and
 * quota.today), the job is rescheduled for exactly then, no call reaches Google while the day is closed,
 * and after the reset the rest is imported with nothing imported twice.
 * The reset: the emulator's clock is moved to its next Pacific midnight (its quota day rolls over); the
 * app's clock cannot be moved in another process, so the test stands in for the same hours passing on the
 * app's side — the closed day's mark is cleared (as a new Pacific day's ledger row starts open) and the
 * rescheduled job's start time is brought forward to now. Everything else is the real path.
 */
import { describe, expect, it } from "vitest";
import { nextQuotaReset } from "~/lib/quota/next-reset";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import {
  accountedFor,
  channelWithUploads,
  control,
  counters,
  expectImportedExactly,
  importRun,
  cleanUpAfterEachScenario,
  printOutcome,
  retriesUsedByRun,
  sleep,
  startChannelImport,
  startReadyWorker,
  until,
  untilRunDone,
} from "@test/fault-harness";

const VIDEOS = 200;
/** channels.list, then playlistItems + videos.list for pages 0 and 1: the sixth call is refused. */
const EMULATOR_BUDGET = 5;
/** How long the closed day is watched for calls that should not be made. */
const WATCH_EXHAUSTED_MS = 8_000;

type Quota = { usedToday: number; dailyQuota: number; nextResetAt: string };

cleanUpAfterEachScenario(async () => {
  await control("POST", "/clock", { real: true });
  await control("POST", "/quota", { dailyQuota: 10_000, resetUsage: true });
  await db.quotaDay.updateMany({ where: { exhaustedUntil: { not: null } }, data: { exhaustedUntil: null } });
});

describe("quota exhaustion", () => {
  it("mid-import: the run waits for the Pacific-midnight reset with the time shown, spends nothing meanwhile, and finishes once after it", async () => {
    const channel = await channelWithUploads(VIDEOS);
    await control("POST", "/quota", { dailyQuota: EMULATOR_BUDGET, resetUsage: true });
    const { user, runId } = await startChannelImport(channel.id, VIDEOS);
    const caller = createCaller(user.context);
    const worker = await startReadyWorker({ AI_BASE_URL: "" });

    await until(
      async () => (await importRun(runId)).waitReason === "quota",
      "the run to wait for the quota",
      60_000,
      () => worker.output().slice(-2000),
    );
    const closedAt = new Date();
    // What the user sees: the run and the dashboard both say when work resumes.
    const seen = await caller.imports.get({ runId });
    const today = await caller.quota.today();
    const expectedResume = nextQuotaReset(closedAt);
    expect(seen).toMatchObject({ status: "waiting", waitReason: "quota", resumeAt: expectedResume });
    expect(today.exhaustedUntil).toEqual(expectedResume);
    expect(today.resetsAt).toEqual(expectedResume);
    const [rescheduled] = await db.$queryRaw<{ start_after: Date }[]>`
      SELECT start_after FROM pgboss.job WHERE data->>'runId' = ${runId} AND state = 'created' ORDER BY created_on DESC LIMIT 1`;
    expect(rescheduled?.start_after).toEqual(expectedResume);

    // While the day is closed, nothing reaches Google.
    const atClose = await counters();
    const emulatorAtClose = await control<Quota>("GET", "/quota");
    const importedAtClose = (await importRun(runId)).imported;
    await sleep(WATCH_EXHAUSTED_MS);
    const afterWatch = await counters();
    const callsWhileExhausted = afterWatch.requests.total - atClose.requests.total;
    expect(callsWhileExhausted).toBe(0);
    expect((await importRun(runId)).imported).toBe(importedAtClose);
    expect(importedAtClose).toBeGreaterThan(0);
    expect(importedAtClose).toBeLessThan(VIDEOS);
    // Google charges refused calls too: only calls already in flight when the first refusal came may be
    // refused (two channel pages run at once per worker); every later one was stopped by our own ledger.
    const refused = emulatorAtClose.usedToday - EMULATOR_BUDGET;
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(refused).toBeLessThanOrEqual(2);

    // The reset: the emulator's day rolls over; the app's side of the same hours passing (see the header).
    // The new day gets the default budget: the small one was there to close the first day, and the new day
    // must not close again because something else on the shared worker (a channel check) spent a unit.
    await control("POST", "/clock", { now: emulatorAtClose.nextResetAt, ticking: true });
    await control("POST", "/quota", { dailyQuota: 10_000 });
    expect((await control<Quota>("GET", "/quota")).usedToday).toBe(0);
    await db.quotaDay.updateMany({ where: { exhaustedUntil: { not: null } }, data: { exhaustedUntil: null } });
    await db.$executeRaw`UPDATE pgboss.job SET start_after = now() WHERE data->>'runId' = ${runId} AND state = 'created'`;

    await untilRunDone(runId, "the run to finish after the reset", 90_000).catch(async (error: Error) => {
      const jobs = await db.$queryRaw<{ name: string; state: string; start_after: Date; output: unknown }[]>`
        SELECT name, state, start_after, output FROM pgboss.job WHERE data->>'runId' = ${runId} ORDER BY created_on`;
      const seen = {
        run: await importRun(runId),
        jobs,
        calls: (await counters()).requests.byEndpoint,
        quota: await control("GET", "/quota"),
      };
      throw new Error(`${error.message}\n${JSON.stringify(seen)}\n${worker.output().slice(-3000)}`);
    });
    const { run, projects } = await expectImportedExactly({ user, runId }, VIDEOS, {
      waitReason: null,
      resumeAt: null,
    });
    const afterReset = await control<Quota>("GET", "/quota");
    expect(await retriesUsedByRun(runId)).toBe(0);
    printOutcome("quota_exhaustion", {
      emulatorBudget: EMULATOR_BUDGET,
      importedWhenClosed: importedAtClose,
      resumeAtShown: seen.resumeAt,
      rescheduledFor: rescheduled?.start_after,
      callsWhileExhausted,
      watchedMs: WATCH_EXHAUSTED_MS,
      refusedCallsCharged: refused,
      unitsAfterReset: afterReset.usedToday,
      imported: run.imported,
      duplicates: projects.duplicates,
      jobsLost: accountedFor(run),
      retriesUsed: 0,
      emulatorUnitsCharged: emulatorAtClose.usedToday + afterReset.usedToday,
      // The refused call is in the ledger and Google's count but not in the run's own figure (see docs).
      runUnitsSpent: run.unitsSpent,
    });
  });
});
