/**
 * Revoking a grant against the emulator's revoke endpoint, as Google answers it: confirmed at once (200),
 * queued as a sealed job when Google fails (503), the job's attempt throwing until Google confirms, 400
 * invalid_token counted as confirmed, a reconnect to the same Google account cancelling a queued revoke,
 * and a payload sealed with another key going to the dead-letter queue. The worker's retries with backoff
 * are exercised in fault/google-revoke.fault.test.ts.
 */
import { randomBytes, randomUUID } from "node:crypto";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "~/lib/crypto/secret-box";
import { isAppError } from "~/lib/errors";
import { googleRevokeGrantJob } from "~/lib/jobs/google-revoke-grant.job";
import { db } from "~/server/db";
import { connectYouTubeAs } from "@test/connect-youtube";
import { testEmulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import { testBoss } from "@test/job-harness";
import { requestGrantRevocation } from "./request-grant-revocation";
import { retryGrantRevocation } from "./retry-grant-revocation";

const logger = pino({ level: "silent" });
const control = testEmulatorControl();

afterEach(async () => {
  await control("DELETE", "/faults");
  await control("POST", "/oauth/settings", { autoConsent: null, autoAccount: null });
});

type Grant = { email: string; revoked: boolean };
const isGrantRevoked = async (email: string) =>
  (await control<{ grants: Grant[] }>("GET", "/oauth/grants")).grants
    .filter((grant) => grant.email === email)
    .map((grant) => grant.revoked);
const revokeCalls = async () => (await control<{ oauth: { revoke: number } }>("GET", "/counters")).oauth.revoke;

/** A user connected to a Google account of their own (grants are per account: other tests' revokes cannot touch it). */
async function connectedCreator() {
  const user = await createTestUser();
  const email = `revoke-${user.id}@int.test`;
  await control("POST", "/oauth/accounts", { email, name: "Revoking creator", hasChannel: true });
  expect(await connectYouTubeAs(user.id, email)).toMatchObject({ ok: true });
  const connection = await db.youTubeConnection.findUniqueOrThrow({
    where: { userId: user.id },
    select: { googleAccountId: true, refreshTokenEnc: true },
  });
  return {
    user,
    email,
    googleAccountId: connection.googleAccountId,
    refreshToken: decryptSecret(connection.refreshTokenEnc!),
  };
}

const queuedRevokes = (userId: string) =>
  db.$queryRaw<
    {
      data: { sealedToken: string; userId: string; googleAccountId: string | null; requestedAt: string };
      rowText: string;
    }[]
  >`
    SELECT data, j::text AS "rowText" FROM pgboss.job AS j WHERE name = ${googleRevokeGrantJob.name} AND data->>'userId' = ${userId}`;

describe("requestGrantRevocation", () => {
  it("confirmed by Google at once: the grant is gone and nothing is queued", async () => {
    const creator = await connectedCreator();
    const revocation = await requestGrantRevocation({
      userId: creator.user.id,
      googleAccountId: creator.googleAccountId,
      token: creator.refreshToken,
      boss: await testBoss(),
      logger,
    });
    expect(revocation).toBe("confirmed");
    expect(await isGrantRevoked(creator.email)).toEqual([true]);
    expect(await queuedRevokes(creator.user.id)).toEqual([]);
  });

  it("Google fails: a job holds the token sealed; its attempt throws while Google fails and completes once Google confirms", async () => {
    const creator = await connectedCreator();
    await control("POST", "/faults", { kind: "5xx", endpoint: "revoke", status: 503, count: 2 });
    const revocation = await requestGrantRevocation({
      userId: creator.user.id,
      googleAccountId: creator.googleAccountId,
      token: creator.refreshToken,
      boss: await testBoss(),
      logger,
    });
    expect(revocation).toBe("queued");

    const [job] = await queuedRevokes(creator.user.id);
    expect(job!.rowText).not.toContain(creator.refreshToken);
    expect(job!.data).toMatchObject({ userId: creator.user.id, googleAccountId: creator.googleAccountId });
    expect(decryptSecret(job!.data.sealedToken)).toBe(creator.refreshToken);

    const attempt = () => retryGrantRevocation({ ...job!.data, logger });
    const failure = await attempt().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(isAppError(failure)).toBe(false);
    expect(String(failure)).not.toContain(creator.refreshToken);
    expect(await isGrantRevoked(creator.email)).toEqual([false]);

    expect(await attempt()).toEqual({ outcome: "revoked" });
    expect(await isGrantRevoked(creator.email)).toEqual([true]);
    // Asked again once the grant is gone, Google answers 400 invalid_token: that is confirmation too.
    expect(await attempt()).toEqual({ outcome: "already_revoked" });
  });

  it("a 429 is retried as well; a request Google calls malformed is not", async () => {
    const creator = await connectedCreator();
    await control("POST", "/faults", { kind: "429", endpoint: "revoke", count: 1 });
    expect(
      await requestGrantRevocation({
        userId: creator.user.id,
        googleAccountId: null,
        token: creator.refreshToken,
        boss: await testBoss(),
        logger,
      }),
    ).toBe("queued");
    // An empty token is the one malformed request the app could send: 400 invalid_request, not invalid_token.
    expect(
      await requestGrantRevocation({
        userId: creator.user.id,
        googleAccountId: null,
        token: "",
        boss: await testBoss(),
        logger,
      }),
    ).toBe("refused");
    expect(await queuedRevokes(creator.user.id)).toHaveLength(1);
  });

  it("a queued revoke is dropped once the user has reconnected the same Google account (Google revokes grants whole)", async () => {
    const creator = await connectedCreator();
    const requestedAt = new Date(Date.now() - 60_000).toISOString();
    const before = await revokeCalls();
    const outcome = await retryGrantRevocation({
      userId: creator.user.id,
      googleAccountId: creator.googleAccountId,
      sealedToken: encryptSecret(creator.refreshToken),
      requestedAt,
      logger,
    });
    expect(outcome).toEqual({ outcome: "skipped_reconnected" });
    expect(await revokeCalls()).toBe(before);
    expect(await isGrantRevoked(creator.email)).toEqual([false]);
  });

  it("a token sealed with another key cannot be opened: INVALID_INPUT, so the job goes to the dead-letter queue", async () => {
    const error = await retryGrantRevocation({
      userId: randomUUID(),
      googleAccountId: null,
      sealedToken: encryptSecret("some-token", randomBytes(32)),
      requestedAt: new Date().toISOString(),
      logger,
    }).catch((caught: unknown) => caught);
    expect(isAppError(error, "INVALID_INPUT")).toBe(true);
  });
});
