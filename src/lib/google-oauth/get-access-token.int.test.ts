import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { Agent } from "undici";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { decryptSecret, encryptSecret } from "~/lib/crypto/secret-box";
import { isAppError } from "~/lib/errors";
import { db } from "~/server/db";
import { countStatements } from "@test/count-statements";
import { createTestUser } from "@test/test-user";
import { startTokenRacer, waitForRefreshWaiter } from "@test/token-race";
import { ACCESS_TOKEN_CACHE_ENTRIES, invalidateAccessToken } from "./access-token-cache";
import { findYouTubeAccess, getAccessToken, tokenProviderFor } from "./get-access-token";
import { RECONNECT_NOTIFICATION_KIND } from "./mark-reconnect-required";
import type { OAuthClientConfig } from "./token-endpoint";

const logger = pino({ level: "silent" });

/** A hand-written stand-in for Google's token endpoint that counts refreshes. */
let server: Server;
let tokenUrl: string;
let refreshes: { refreshToken: string | null }[] = [];
let nextReply: (refreshToken: string | null) => { status: number; body: unknown } = () => ({ status: 200, body: {} });
/** While set, refresh replies wait for it: the race test holds the first refresh in flight. */
let replyGate: Promise<void> | null = null;
const agent = new Agent({ connections: 4 });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += String(chunk)));
    req.on("end", () => {
      const form = new URLSearchParams(body);
      const refreshToken = form.get("refresh_token");
      refreshes.push({ refreshToken });
      const reply = nextReply(refreshToken);
      // Slow enough that every concurrent caller is waiting while the refresh is in flight.
      const answer = () =>
        setTimeout(
          () => res.writeHead(reply.status, { "content-type": "application/json" }).end(JSON.stringify(reply.body)),
          300,
        );
      void (replyGate ?? Promise.resolve()).then(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
});

afterAll(async () => {
  await agent.close();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  refreshes = [];
  replyGate = null;
  nextReply = () => ({
    status: 200,
    body: {
      access_token: `fresh-${randomUUID()}`,
      expires_in: 3599,
      token_type: "Bearer",
      scope: "https://www.googleapis.com/auth/youtube.readonly",
    },
  });
});

const oauth = (): OAuthClientConfig => ({
  clientId: "client",
  clientSecret: "secret",
  tokenUrl,
  dispatcher: agent,
  timeoutMs: 5_000,
});

async function createConnection(options: { expiresInMs: number; accessToken?: string; refreshToken?: string | null }) {
  const user = await createTestUser();
  const connection = await db.youTubeConnection.create({
    data: {
      userId: user.id,
      googleAccountId: `google-${user.id}`,
      youtubeChannelId: "UC_x5XG1OV2P6uZZ5FSM9Ttw",
      channelTitle: "Test Channel",
      scopes: ["https://www.googleapis.com/auth/youtube.readonly"],
      accessTokenEnc: encryptSecret(options.accessToken ?? "ya29.stale-access-token"),
      refreshTokenEnc:
        options.refreshToken === null ? null : encryptSecret(options.refreshToken ?? "1//original-refresh-token"),
      accessTokenExpiresAt: new Date(Date.now() + options.expiresInMs),
    },
  });
  return { user, connection };
}

describe("getAccessToken", () => {
  it("returns a stored token with more than 5 minutes left, without calling Google", async () => {
    const { connection } = await createConnection({ expiresInMs: 30 * 60_000, accessToken: "ya29.still-good" });
    expect(await getAccessToken({ connectionId: connection.id, logger, oauth: oauth() })).toBe("ya29.still-good");
    expect(refreshes).toEqual([]);
  });

  it("refreshes inside the 5-minute buffer, keeps the refresh token Google did not resend, stores only ciphertext", async () => {
    const { connection } = await createConnection({ expiresInMs: 4 * 60_000 });
    const token = await getAccessToken({ connectionId: connection.id, logger, oauth: oauth() });
    expect(token).toMatch(/^fresh-/);
    expect(refreshes).toEqual([{ refreshToken: "1//original-refresh-token" }]);
    const [raw] = await db.$queryRaw<
      Record<string, unknown>[]
    >`SELECT * FROM "YouTubeConnection" WHERE id = ${connection.id}::uuid`;
    const rawText = JSON.stringify(raw);
    expect(rawText).not.toContain(token);
    expect(rawText).not.toContain("1//original-refresh-token");
    expect(decryptSecret(String(raw!.refreshTokenEnc))).toBe("1//original-refresh-token");
    expect((raw!.accessTokenExpiresAt as Date).getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it("50 concurrent calls in this process and 25 in another, in flight together, cause exactly one refresh", async () => {
    const { connection } = await createConnection({ expiresInMs: -60_000 });
    const config = oauth();
    const remote = await startTokenRacer(connection.id, 25, {
      GOOGLE_CLIENT_ID: "client",
      GOOGLE_CLIENT_SECRET: "secret",
      GOOGLE_TOKEN_URL: tokenUrl,
    });
    let release = () => {};
    replyGate = new Promise((resolve) => (release = resolve));
    const local = Promise.all(
      Array.from({ length: 50 }, () => getAccessToken({ connectionId: connection.id, logger, oauth: config })),
    );
    await vi.waitFor(() => expect(refreshes.length).toBeGreaterThan(0), { timeout: 20_000, interval: 10 });
    // This process's refresh is held at the endpoint; the other process now asks too. It must wait on the
    // refresh lock — or, without one, ask the endpoint itself, which ends the wait at once.
    remote.go();
    const sawWaiter = await waitForRefreshWaiter(connection.id, 20_000, () => refreshes.length > 1);
    release();
    const tokens = new Set([...(await local), ...(await remote.tokens)]);
    expect(sawWaiter).toBe(true);
    expect(refreshes).toHaveLength(1);
    expect(tokens.size).toBe(1);
  }, 60_000);

  it("on invalid_grant marks the connection, notifies once, and throws RECONNECT_REQUIRED", async () => {
    nextReply = () => ({
      status: 400,
      body: { error: "invalid_grant", error_description: "Token has been expired or revoked." },
    });
    const { user, connection } = await createConnection({ expiresInMs: -1 });
    const error = await getAccessToken({ connectionId: connection.id, logger, oauth: oauth() }).catch(
      (caught: unknown) => caught,
    );
    expect(isAppError(error, "RECONNECT_REQUIRED")).toBe(true);
    const again = await getAccessToken({ connectionId: connection.id, logger, oauth: oauth() }).catch(
      (caught: unknown) => caught,
    );
    expect(isAppError(again, "RECONNECT_REQUIRED")).toBe(true);
    expect(refreshes).toHaveLength(1);
    const row = await db.youTubeConnection.findUniqueOrThrow({
      where: { id: connection.id },
      select: { status: true, lastError: true },
    });
    expect(row).toEqual({ status: "needs_reconnect", lastError: expect.stringContaining("invalid_grant") });
    expect(await db.notification.count({ where: { userId: user.id, kind: RECONNECT_NOTIFICATION_KIND } })).toBe(1);
  });

  it("after a 401 the provider forces one refresh even though the stored token looked valid", async () => {
    const { connection } = await createConnection({ expiresInMs: 30 * 60_000, accessToken: "ya29.revoked-early" });
    const provide = tokenProviderFor(connection.id, logger, oauth());
    expect(await provide({ forceRefresh: false })).toBe("ya29.revoked-early");
    const fresh = await provide({ forceRefresh: true });
    expect(fresh).toMatch(/^fresh-/);
    expect(refreshes).toHaveLength(1);
  });

  it("a connection without a refresh token needs a reconnect", async () => {
    const { connection } = await createConnection({ expiresInMs: -1, refreshToken: null });
    await expect(getAccessToken({ connectionId: connection.id, logger, oauth: oauth() })).rejects.toMatchObject({
      code: "RECONNECT_REQUIRED",
    });
    expect(refreshes).toEqual([]);
  });
});

describe("the in-process access token cache", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers the second call with no statement, and the user's connection too", async () => {
    const { user, connection } = await createConnection({ expiresInMs: 30 * 60_000, accessToken: "ya29.cached" });
    const first = await countStatements(() => getAccessToken({ connectionId: connection.id, logger, oauth: oauth() }));
    expect(first).toEqual({ result: "ya29.cached", statements: 1 });
    const second = await countStatements(() => getAccessToken({ connectionId: connection.id, logger, oauth: oauth() }));
    expect(second).toEqual({ result: "ya29.cached", statements: 0 });
    const access = await countStatements(() => findYouTubeAccess({ userId: user.id }));
    expect(access).toEqual({
      result: { connectionId: connection.id, youtubeChannelId: "UC_x5XG1OV2P6uZZ5FSM9Ttw", status: "active" },
      statements: 0,
    });
  });

  it("a user's connection read once caches its token for the calls that follow", async () => {
    const { user, connection } = await createConnection({ expiresInMs: 30 * 60_000, accessToken: "ya29.primed" });
    const access = await countStatements(() => findYouTubeAccess({ userId: user.id }));
    expect(access.statements).toBe(1);
    expect(
      await countStatements(() => getAccessToken({ connectionId: connection.id, logger, oauth: oauth() })),
    ).toEqual({ result: "ya29.primed", statements: 0 });
    const stranger = await countStatements(() => findYouTubeAccess({ userId: randomUUID() }));
    expect(stranger).toEqual({ result: null, statements: 1 });
  });

  it("keeps a token only until 5 minutes before it expires, then refreshes", async () => {
    const { connection } = await createConnection({ expiresInMs: 7 * 60_000, accessToken: "ya29.short-lived" });
    expect(await getAccessToken({ connectionId: connection.id, logger, oauth: oauth() })).toBe("ya29.short-lived");
    const start = Date.now();
    // 1 minute later: 6 minutes of life left, still cached.
    vi.spyOn(Date, "now").mockReturnValue(start + 60_000);
    expect(
      await countStatements(() => getAccessToken({ connectionId: connection.id, logger, oauth: oauth() })),
    ).toEqual({ result: "ya29.short-lived", statements: 0 });
    // 2 more minutes: inside the 5-minute buffer, so the cache lets go and the refresh runs.
    vi.spyOn(Date, "now").mockReturnValue(start + 3 * 60_000);
    const later = await countStatements(() => getAccessToken({ connectionId: connection.id, logger, oauth: oauth() }));
    expect(later.result).toMatch(/^fresh-/);
    expect(later.statements).toBeGreaterThan(0);
    expect(refreshes).toHaveLength(1);
    // The refreshed token is the one cached now.
    expect(
      await countStatements(() => getAccessToken({ connectionId: connection.id, logger, oauth: oauth() })),
    ).toEqual({ result: later.result, statements: 0 });
  });

  it("a 401 drops the rejected token: the provider refreshes, then serves the new one from the cache", async () => {
    const { connection } = await createConnection({ expiresInMs: 30 * 60_000, accessToken: "ya29.rejected-by-google" });
    const provide = tokenProviderFor(connection.id, logger, oauth());
    expect(await provide({ forceRefresh: false })).toBe("ya29.rejected-by-google");
    expect(await countStatements(() => provide({ forceRefresh: false }))).toEqual({
      result: "ya29.rejected-by-google",
      statements: 0,
    });
    const fresh = await countStatements(() => provide({ forceRefresh: true }));
    expect(fresh.result).toMatch(/^fresh-/);
    expect(fresh.statements).toBeGreaterThan(0);
    expect(refreshes).toHaveLength(1);
    expect(await countStatements(() => provide({ forceRefresh: false }))).toEqual({
      result: fresh.result,
      statements: 0,
    });
  });

  it("disconnecting drops the user's entry: the next call reads the database and finds nothing", async () => {
    const { user, connection } = await createConnection({ expiresInMs: 30 * 60_000, accessToken: "ya29.soon-gone" });
    expect(await getAccessToken({ connectionId: connection.id, logger, oauth: oauth() })).toBe("ya29.soon-gone");
    await db.youTubeConnection.delete({ where: { id: connection.id } });
    invalidateAccessToken({ userId: user.id });
    await expect(getAccessToken({ connectionId: connection.id, logger, oauth: oauth() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await findYouTubeAccess({ userId: user.id })).toBeNull();
  });

  it("holds at most ACCESS_TOKEN_CACHE_ENTRIES tokens, dropping the least recently used", async () => {
    const { connection } = await createConnection({ expiresInMs: 30 * 60_000, accessToken: "ya29.oldest" });
    await getAccessToken({ connectionId: connection.id, logger, oauth: oauth() });
    const { rememberAccessToken } = await import("./access-token-cache");
    const expiresAt = new Date(Date.now() + 30 * 60_000);
    for (let index = 0; index < ACCESS_TOKEN_CACHE_ENTRIES; index += 1) {
      rememberAccessToken(
        { id: `filler-${index}`, userId: `filler-user-${index}`, youtubeChannelId: "UC_filler" },
        "ya29.filler",
        expiresAt,
      );
    }
    expect(
      await countStatements(() => getAccessToken({ connectionId: connection.id, logger, oauth: oauth() })),
    ).toEqual({ result: "ya29.oldest", statements: 1 });
    for (let index = 0; index < ACCESS_TOKEN_CACHE_ENTRIES; index += 1)
      invalidateAccessToken({ connectionId: `filler-${index}` });
  });
});
