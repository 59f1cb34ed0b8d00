/**
 * Connect YouTube under attack, against the emulator's OAuth server (which checks PKCE and redirect_uri as
 * Google does): a flow cookie carrying another PKCE verifier, an expired flow, a code sent with another
 * redirect_uri, a code replayed after success. None may store a connection. Then the secrets audit: after
 * a connect, a forced refresh and a revoked grant, no plaintext token, client secret or encryption key is in
 * any column of any table, in any log line (written through the production logger's redaction), or in any
 * error or tRPC answer the flows produced. (connect-flow.int.test.ts covers forged and replayed state.)
 */
import { hkdfSync } from "node:crypto";
import { Writable } from "node:stream";
import { inspect } from "node:util";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { env } from "~/env";
import { decryptSecret, encryptSecret } from "~/lib/crypto/secret-box";
import { getAccessToken, tokenProviderFor } from "~/lib/google-oauth/get-access-token";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import { invalidateAccessToken } from "~/lib/google-oauth/access-token-cache";
import { db } from "~/server/db";
import { REDACTED_PATHS, serializeError } from "~/server/logger";
import { createCaller } from "~/trpc/routers/_app";
import { DEMO_ACCOUNT_EMAIL } from "../../../emulator/demo-world";
import { testEmulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import { completeYouTubeConnect } from "./complete-connect";
import { getConnection } from "./get-connection";
import { startYouTubeConnect, type ConnectFlow } from "./start-connect";
import { testBoss } from "@test/job-harness";
import { lazyJobSender } from "~/lib/jobs/enqueue";

/** Jobs the connect flow queues (a revocation, resumed imports) go to the test database. */
const jobs = lazyJobSender(testBoss);

const REDIRECT_URI = "http://127.0.0.1:3999/api/youtube/callback";
const control = testEmulatorControl();
const results: string[] = [];

/** The production logger's redaction and error serializer, writing into memory at the most verbose level. */
function capturingLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  const logger = pino(
    { level: "trace", redact: { paths: REDACTED_PATHS, censor: "[REDACTED]" }, serializers: { err: serializeError } },
    sink,
  );
  return { logger, lines };
}

async function consent(userId: string) {
  await control("POST", "/oauth/settings", { autoConsent: "allow", autoAccount: DEMO_ACCOUNT_EMAIL });
  const { authorizeUrl, flowCookie } = startYouTubeConnect({ userId, redirectUri: REDIRECT_URI });
  const response = await fetch(authorizeUrl, { redirect: "manual" });
  const query = Object.fromEntries(new URL(response.headers.get("location")!).searchParams);
  return { flowCookie, query, flow: JSON.parse(decryptSecret(flowCookie)) as ConnectFlow };
}

afterEach(async () => {
  await control("POST", "/oauth/settings", { autoConsent: null, autoAccount: null });
});

describe("Connect YouTube under attack", () => {
  it("refuses a PKCE verifier that does not match, an expired flow, another redirect_uri and a replayed code; stores nothing", async () => {
    const user = await createTestUser();
    const { logger } = capturingLogger();
    const complete = (flowCookie: string, query: Record<string, string>, redirectUri = REDIRECT_URI) =>
      completeYouTubeConnect({ userId: user.id, flowCookie, query, redirectUri, logger, jobs });
    const reseal = (flow: ConnectFlow) => encryptSecret(JSON.stringify(flow));

    const pkce = await consent(user.id);
    const otherVerifier = reseal({ ...pkce.flow, verifier: `${pkce.flow.verifier.slice(0, -4)}AAAA` });
    expect(await complete(otherVerifier, pkce.query)).toEqual({ ok: false, error: "exchange_failed" });
    results.push("| OAuth: PKCE verifier mismatch | exchange_failed, no connection |");

    const expired = await consent(user.id);
    expect(await complete(reseal({ ...expired.flow, expiresAt: Date.now() - 1 }), expired.query)).toEqual({
      ok: false,
      error: "state_mismatch",
    });
    results.push("| OAuth: expired flow cookie | state_mismatch, no connection |");

    const redirect = await consent(user.id);
    expect(await complete(redirect.flowCookie, redirect.query, "https://evil.example/api/youtube/callback")).toEqual({
      ok: false,
      error: "exchange_failed",
    });
    results.push("| OAuth: code redeemed with another redirect_uri | exchange_failed, no connection |");
    expect(await getConnection({ userId: user.id })).toBeNull();

    const good = await consent(user.id);
    expect((await complete(good.flowCookie, good.query)).ok).toBe(true);
    const stored = await db.youTubeConnection.findUniqueOrThrow({ where: { userId: user.id } });
    expect(await complete(good.flowCookie, good.query)).toEqual({ ok: false, error: "exchange_failed" });
    results.push("| OAuth: code replayed after success | exchange_failed, stored connection untouched |");
    expect(await db.youTubeConnection.findUniqueOrThrow({ where: { userId: user.id } })).toEqual(stored);
  });

  it("keeps every token, the client secret and the encryption key out of the database, the logs, errors and answers", async () => {
    const user = await createTestUser();
    const { logger, lines } = capturingLogger();
    const caught: unknown[] = [];
    const answers: unknown[] = [];

    const flow = await consent(user.id);
    answers.push(
      await completeYouTubeConnect({
        userId: user.id,
        flowCookie: flow.flowCookie,
        query: flow.query,
        redirectUri: REDIRECT_URI,
        logger,
        jobs,
      }),
    );
    const connection = await db.youTubeConnection.findUniqueOrThrow({ where: { userId: user.id } });
    const firstAccess = decryptSecret(connection.accessTokenEnc!);
    const refresh = decryptSecret(connection.refreshTokenEnc!);

    // A forced refresh (new access token), an API call with it, then a revoked grant.
    await control("POST", "/oauth/expire-access-tokens", { email: DEMO_ACCOUNT_EMAIL });
    const client = createDefaultYouTubeClient({
      logger,
      purpose: "interactive",
      userId: user.id,
      getAccessToken: tokenProviderFor(connection.id, logger),
    });
    answers.push(await client.getMyChannel());
    const refreshedAccess = decryptSecret(
      (await db.youTubeConnection.findUniqueOrThrow({ where: { userId: user.id } })).accessTokenEnc!,
    );
    expect(refreshedAccess).not.toBe(firstAccess);
    answers.push(await createCaller(user.context).youtube.connection());
    const grants = await control<{ grants: { id: string; revoked: boolean }[] }>("GET", "/oauth/grants");
    await control("POST", "/oauth/revoke", { grantId: grants.grants.filter((grant) => !grant.revoked).at(-1)!.id });
    await db.youTubeConnection.update({
      where: { userId: user.id },
      data: { accessTokenExpiresAt: new Date(Date.now() - 1000) },
    });
    // The expiry was written behind the process's token cache, which would keep serving the token until Google's 401.
    invalidateAccessToken({ connectionId: connection.id });
    caught.push(await getAccessToken({ connectionId: connection.id, logger }).catch((error: unknown) => error));
    caught.push(
      await createCaller(user.context)
        .youtube.checkConnection()
        .catch((error: unknown) => error),
    );
    caught.push(
      await createCaller(user.context)
        .youtube.myVideos({})
        .catch((error: unknown) => error),
    );
    expect(caught.every((error) => error instanceof Error)).toBe(true);

    const secrets = {
      "access token": firstAccess,
      "refreshed access token": refreshedAccess,
      "refresh token": refresh,
      "client secret": env.GOOGLE_CLIENT_SECRET!,
      // Tests run without TOKEN_ENCRYPTION_KEY, so the key is the one secret-box derives from the auth secret.
      "token encryption key":
        env.TOKEN_ENCRYPTION_KEY ??
        Buffer.from(hkdfSync("sha256", env.BETTER_AUTH_SECRET, "showreel", "oauth-token-encryption", 32)).toString(
          "base64",
        ),
      "auth secret": env.BETTER_AUTH_SECRET,
    };
    for (const value of Object.values(secrets)) expect(value.length).toBeGreaterThanOrEqual(8);

    // Every column of every table, as text.
    const tables = await db.$queryRaw<
      { name: string }[]
    >`SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'`;
    let rowsRead = 0;
    const dump: string[] = [];
    for (const { name } of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM ${name} t`);
      rowsRead += rows.length;
      dump.push(...rows.map((row) => row.row));
    }
    const database = dump.join("\n");
    const logs = lines.join("");
    const errors = caught.map((error) => `${inspect(error, { depth: 8 })} ${JSON.stringify(error)}`).join("\n");
    const replies = JSON.stringify(answers);
    expect(lines.length).toBeGreaterThan(0);
    for (const [what, value] of Object.entries(secrets)) {
      expect(database.includes(value), `${what} in the database`).toBe(false);
      expect(logs.includes(value), `${what} in the logs`).toBe(false);
      expect(errors.includes(value), `${what} in an error`).toBe(false);
      expect(replies.includes(value), `${what} in an answer`).toBe(false);
    }
    results.push(
      `| Secrets after connect, refresh and revoke | ${Object.keys(secrets).length} secret values searched in ${tables.length} tables (${rowsRead} rows), ${lines.length} log lines, ${caught.length} errors, ${answers.length} answers | 0 found |`,
    );
    console.log(`[hostile] connect:\n${results.join("\n")}`);
  });
});
