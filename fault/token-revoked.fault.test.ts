/**
 * Fault: the user revokes Showreel's access at Google in the middle of a channel import that runs with
 * their token on a real worker. Checked: the run pauses (waiting, reason reconnect, no resume time — it
 * waits for the user, not for Google) and the connection turns needs_reconnect with one notification;
 * nothing moves while paused; after the user reconnects (the real consent → callback use case) the run
 * resumes by itself and ends with every video imported once.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { connectYouTubeAs } from "@test/connect-youtube";
import { createTestUser } from "@test/test-user";
import {
  accountedFor,
  channelWithUploads,
  control,
  expectImportedExactly,
  importRun,
  cleanUpAfterEachScenario,
  printOutcome,
  sleep,
  startReadyWorker,
  until,
  untilRunDone,
} from "@test/fault-harness";

const VIDEOS = 200;
const PAUSE_WATCH_MS = 5_000;

cleanUpAfterEachScenario(async () => {
  await control("POST", "/oauth/settings", { autoConsent: null, autoAccount: null });
});

describe("token revoked mid-import", () => {
  it("pauses the run with needs_reconnect, and after a reconnect it resumes and imports every video once", async () => {
    const channel = await channelWithUploads(VIDEOS);
    const user = await createTestUser();
    const email = `revoke-${user.id}@fault.test`;
    await control("POST", "/oauth/accounts", { email, name: "Revoking creator", hasChannel: true });
    expect(await connectYouTubeAs(user.id, email)).toMatchObject({ ok: true });

    // Slow batches, so the revocation lands between them.
    await control("POST", "/faults", { kind: "latency", endpoint: "videos", latencyMs: 1_000 });
    const { runId } = await createCaller(user.context).imports.importChannel({
      channel: channel.id,
      maxVideos: VIDEOS,
      follow: false,
    });
    await startReadyWorker({ AI_BASE_URL: "" });
    await until(async () => (await importRun(runId)).imported > 0, "the first batch", 60_000);
    await control("POST", "/oauth/revoke", { email });
    const importedAtRevoke = (await importRun(runId)).imported;

    await until(
      async () => (await importRun(runId)).waitReason === "reconnect",
      "the run to pause for a reconnect",
      60_000,
    );
    const paused = await importRun(runId);
    const connection = await db.youTubeConnection.findUniqueOrThrow({
      where: { userId: user.id },
      select: { status: true },
    });
    const notifications = await db.notification.count({
      where: { userId: user.id, kind: "youtube.reconnect_required" },
    });
    expect(paused).toMatchObject({ status: "waiting", waitReason: "reconnect", resumeAt: null });
    expect(paused.imported).toBeLessThan(VIDEOS);
    expect(connection.status).toBe("needs_reconnect");
    expect(notifications).toBe(1);
    // What the user sees on the run.
    expect(await createCaller(user.context).imports.get({ runId })).toMatchObject({
      status: "waiting",
      waitReason: "reconnect",
    });

    // Nothing moves while paused: jobs still queued (the next page, a retry) stop as they come up, and
    // then none is left waiting for a worker.
    const busyJobs = async () =>
      Number(
        (
          await db.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) AS count FROM pgboss.job WHERE data->>'runId' = ${runId} AND state::text IN ('created', 'active', 'retry')`
        )[0]?.count,
      );
    await until(async () => (await busyJobs()) === 0, "every queued job of the paused run to stop", 60_000);
    await sleep(PAUSE_WATCH_MS);
    const stillPaused = await importRun(runId);
    expect(stillPaused).toMatchObject({ status: "waiting", waitReason: "reconnect", imported: paused.imported });
    const busy = await busyJobs();
    expect(busy).toBe(0);

    const reconnectedAt = Date.now();
    expect(await connectYouTubeAs(user.id, email)).toMatchObject({ ok: true });
    await untilRunDone(runId, "the run to finish after the reconnect", 90_000);
    const resumedInMs = Date.now() - reconnectedAt;
    const { run, projects } = await expectImportedExactly({ user, runId }, VIDEOS, { waitReason: null });
    expect(
      (await db.youTubeConnection.findUniqueOrThrow({ where: { userId: user.id }, select: { status: true } })).status,
    ).toBe("active");
    printOutcome("token_revoked", {
      videos: VIDEOS,
      importedAtRevoke,
      importedWhenPaused: paused.imported,
      importedWhilePaused: stillPaused.imported - paused.imported,
      jobsPendingWhilePaused: busy,
      connectionWhilePaused: connection.status,
      reconnectNotifications: notifications,
      resumedAndDoneInMs: resumedInMs,
      imported: run.imported,
      duplicates: projects.duplicates,
      jobsLost: accountedFor(run),
    });
  });
});
