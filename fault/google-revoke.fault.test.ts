/**
 * Fault: Google's revoke endpoint fails (503) when a creator disconnects YouTube, and keeps failing for the
 * first retries. Checked, with a real worker: the disconnect finishes at once (tokens deleted, revoke
 * queued); the queued job holds the token sealed, never in plaintext, anywhere in pgboss.job; the worker
 * retries with growing backoff delays (the test moves each retry's start time to now instead of waiting
 * them out) until Google confirms, and the grant is gone at Google; a later reconnect gets a new grant with
 * a refresh token.
 */
import { describe, expect, it } from "vitest";
import { decryptSecret } from "~/lib/crypto/secret-box";
import { GOOGLE_REVOKE_RETRY_DELAY_S, googleRevokeGrantJob } from "~/lib/jobs/google-revoke-grant.job";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { connectYouTubeAs } from "@test/connect-youtube";
import { createTestUser } from "@test/test-user";
import {
  cleanUpAfterEachScenario,
  control,
  counters,
  printOutcome,
  startReadyWorker,
  until,
} from "@test/fault-harness";

/** Google fails the disconnect's own call and then the job's first two attempts. */
const FAILED_REVOKES = 3;

cleanUpAfterEachScenario(async () => {
  await control("POST", "/oauth/settings", { autoConsent: null, autoAccount: null });
});

type Grant = { id: string; email: string; revoked: boolean; hasRefreshToken: boolean };
const grantsOf = async (email: string) =>
  (await control<{ grants: Grant[] }>("GET", "/oauth/grants")).grants.filter((grant) => grant.email === email);

type JobRow = { id: string; state: string; retry_count: number; wait_s: number };
const revokeJobsOf = (userId: string) =>
  db.$queryRaw<JobRow[]>`
    SELECT id::text, state::text, retry_count, extract(epoch FROM start_after - now())::float8 AS wait_s
      FROM pgboss.job WHERE name = ${googleRevokeGrantJob.name} AND data->>'userId' = ${userId}`;

/** Rows anywhere in pg-boss's job table whose text (payload, output, every column) holds the token. */
const rowsHolding = async (token: string) =>
  Number(
    (
      await db.$queryRaw<
        { count: bigint }[]
      >`SELECT count(*) AS count FROM pgboss.job AS j WHERE strpos(j::text, ${token}) > 0`
    )[0]?.count,
  );

describe("Google revoke fails, then recovers", () => {
  it("the disconnect queues the revoke; the worker retries with backoff until Google confirms; the token is never in plaintext in pg-boss", async () => {
    const user = await createTestUser();
    const email = `revoke-retry-${user.id}@fault.test`;
    await control("POST", "/oauth/accounts", { email, name: "Leaving creator", hasChannel: true });
    expect(await connectYouTubeAs(user.id, email)).toMatchObject({ ok: true });
    const stored = await db.youTubeConnection.findUniqueOrThrow({
      where: { userId: user.id },
      select: { refreshTokenEnc: true, accessTokenEnc: true },
    });
    const refreshToken = decryptSecret(stored.refreshTokenEnc!);
    const accessToken = decryptSecret(stored.accessTokenEnc!);

    await control("POST", "/faults", { kind: "5xx", endpoint: "revoke", status: 503, count: FAILED_REVOKES });
    const revokesBefore = (await counters()).oauth.revoke;
    expect(await createCaller(user.context).youtube.disconnect()).toMatchObject({
      disconnected: true,
      revokedAtGoogle: false,
      revocation: "queued",
    });
    expect(await db.youTubeConnection.count({ where: { userId: user.id } })).toBe(0);
    expect((await grantsOf(email)).map((grant) => grant.revoked)).toEqual([false]);
    const [queued] = await revokeJobsOf(user.id);
    expect(queued).toMatchObject({ state: "created", retry_count: 0 });

    const worker = await startReadyWorker();
    const waits: number[] = [];
    let plaintextRows = 0;
    await until(
      async () => {
        plaintextRows += (await rowsHolding(refreshToken)) + (await rowsHolding(accessToken));
        const [job] = await revokeJobsOf(user.id);
        if (job?.state === "retry" && job.wait_s > 1) {
          // The backoff pg-boss chose for this retry; then its clock is moved on so the test need not wait it out.
          waits.push(Math.round(job.wait_s));
          await db.$executeRaw`UPDATE pgboss.job SET start_after = now() WHERE id = ${job.id}::uuid`;
        }
        return job?.state === "completed";
      },
      "the revoke job to complete",
      120_000,
      () => worker.output().slice(-2000),
    );

    const [done] = await revokeJobsOf(user.id);
    const revokeCalls = (await counters()).oauth.revoke - revokesBefore;
    expect(done).toMatchObject({ state: "completed", retry_count: FAILED_REVOKES - 1 });
    expect(revokeCalls).toBe(FAILED_REVOKES + 1);
    // pg-boss's backoff: the n-th retry waits 30 s × 2ⁿ⁻¹ to twice that (read a moment after it was set).
    expect(waits).toHaveLength(FAILED_REVOKES - 1);
    expect(waits[0]).toBeGreaterThanOrEqual(GOOGLE_REVOKE_RETRY_DELAY_S - 5);
    expect(waits[0]).toBeLessThanOrEqual(2 * GOOGLE_REVOKE_RETRY_DELAY_S);
    expect(waits[1]).toBeGreaterThanOrEqual(2 * GOOGLE_REVOKE_RETRY_DELAY_S - 5);
    expect(waits[1]).toBeLessThanOrEqual(4 * GOOGLE_REVOKE_RETRY_DELAY_S);
    expect((await grantsOf(email)).map((grant) => grant.revoked)).toEqual([true]);
    expect(plaintextRows).toBe(0);
    expect(worker.output()).not.toContain(refreshToken);
    expect(worker.output()).toContain("google.revoke_confirmed");

    // Google confirmed, so consenting again starts a new grant with a refresh token of its own.
    expect(await connectYouTubeAs(user.id, email)).toMatchObject({ ok: true });
    const reconnected = await db.youTubeConnection.findUniqueOrThrow({
      where: { userId: user.id },
      select: { refreshTokenEnc: true },
    });
    expect(reconnected.refreshTokenEnc).not.toBeNull();
    const grants = await grantsOf(email);
    expect(grants.map((grant) => [grant.revoked, grant.hasRefreshToken])).toEqual([
      [true, false],
      [false, true],
    ]);

    printOutcome("google_revoke_retried", {
      failedRevokes: FAILED_REVOKES,
      revokeCalls,
      jobRetries: done?.retry_count,
      backoffWaitsS: waits,
      plaintextTokenRowsInPgboss: plaintextRows,
      grantRevokedAtGoogle: true,
      reconnectGotRefreshToken: reconnected.refreshTokenEnc !== null,
    });
  });
});
