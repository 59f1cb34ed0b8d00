/**
 * The youtube router through the tRPC caller: ownership, the reconnect path as the UI sees it, and a scan
 * of every log line written during connect/refresh/revoke for the tokens that passed through.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { encryptSecret, decryptSecret } from "~/lib/crypto/secret-box";
import { completeYouTubeConnect } from "~/lib/youtube-connection/complete-connect";
import { startYouTubeConnect } from "~/lib/youtube-connection/start-connect";
import { REDACTED_PATHS } from "~/server/logger";
import { db } from "~/server/db";
import { DEMO_ACCOUNT_EMAIL } from "../../../emulator/demo-world";
import { testEmulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import { createContextInner } from "../context";
import { createCaller } from "./_app";
import { testBoss } from "@test/job-harness";
import { lazyJobSender } from "~/lib/jobs/enqueue";

/** Jobs the connect flow queues (a revocation, resumed imports) go to the test database. */
const jobs = lazyJobSender(testBoss);

const REDIRECT_URI = "http://127.0.0.1:3999/api/youtube/callback";

const control = testEmulatorControl();

function capturingLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: pino({ level: "trace", redact: { paths: REDACTED_PATHS, censor: "[REDACTED]" } }, sink) };
}

async function connect(userId: string, logger: pino.Logger, verifierOverride?: string) {
  await control("POST", "/oauth/settings", { autoConsent: "allow", autoAccount: DEMO_ACCOUNT_EMAIL });
  const started = startYouTubeConnect({ userId, redirectUri: REDIRECT_URI });
  const flowCookie = verifierOverride
    ? encryptSecret(
        JSON.stringify({ ...(JSON.parse(decryptSecret(started.flowCookie)) as object), verifier: verifierOverride }),
      )
    : started.flowCookie;
  const response = await fetch(started.authorizeUrl, { redirect: "manual" });
  const query = Object.fromEntries(new URL(response.headers.get("location")!).searchParams);
  return completeYouTubeConnect({ userId, flowCookie, query, redirectUri: REDIRECT_URI, logger, jobs });
}

afterEach(async () => {
  await control("POST", "/oauth/settings", { autoConsent: null, autoAccount: null });
});

describe("youtube router", () => {
  it("shows each user only their own connection", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    expect((await connect(owner.id, pino({ level: "silent" }))).ok).toBe(true);
    expect((await createCaller(owner.context).youtube.connection())?.channelTitle).toBe("Demo Creator");
    expect(await createCaller(other.context).youtube.connection()).toBeNull();
    await expect(createCaller(other.context).youtube.checkConnection()).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await createCaller(other.context).youtube.disconnect()).toMatchObject({ disconnected: false });
    expect((await createCaller(owner.context).youtube.connection())?.status).toBe("active");
    await expect(createCaller(createContextInner({ session: null })).youtube.connection()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("a PKCE verifier that does not match the challenge creates no connection", async () => {
    const user = await createTestUser();
    expect(
      await connect(user.id, pino({ level: "silent" }), "a-different-verifier-of-enough-length-0123456789"),
    ).toEqual({
      ok: false,
      error: "exchange_failed",
    });
    expect(await db.youTubeConnection.count({ where: { userId: user.id } })).toBe(0);
  });

  it("after Google revokes the grant, checkConnection answers RECONNECT_REQUIRED and the connection shows it", async () => {
    const user = await createTestUser();
    await connect(user.id, pino({ level: "silent" }));
    const caller = createCaller(user.context);
    expect((await caller.youtube.checkConnection())?.status).toBe("active");
    await control("POST", "/oauth/revoke", { email: DEMO_ACCOUNT_EMAIL });
    const error = await caller.youtube.checkConnection().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/Reconnect/) });
    expect((await caller.youtube.connection())?.status).toBe("needs_reconnect");
  });

  it("never writes a token into the logs while connecting, refreshing and failing", async () => {
    const user = await createTestUser();
    const { lines, logger } = capturingLogger();
    await connect(user.id, logger);
    const row = await db.youTubeConnection.findUniqueOrThrow({ where: { userId: user.id } });
    await db.youTubeConnection.update({
      where: { id: row.id },
      data: { accessTokenExpiresAt: new Date(Date.now() - 1000) },
    });
    const caller = createCaller({ ...createContextInner({ session: user.session }), logger });
    await caller.youtube.checkConnection();
    await control("POST", "/oauth/expire-access-tokens", { email: DEMO_ACCOUNT_EMAIL });
    await caller.youtube.checkConnection();
    const fresh = await db.youTubeConnection.findUniqueOrThrow({ where: { id: row.id } });
    const secrets = [
      decryptSecret(fresh.accessTokenEnc!),
      decryptSecret(fresh.refreshTokenEnc!),
      decryptSecret(row.accessTokenEnc!),
    ];
    expect(lines.length).toBeGreaterThan(2);
    const output = lines.join("");
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/Bearer\s+\S/);
  });
});
