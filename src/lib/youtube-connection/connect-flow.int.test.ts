/**
 * Connect YouTube end to end against the emulator's OAuth server and Data API: consent, code exchange with
 * PKCE, the channel check, encrypted storage; then silent refresh, revocation → reconnect, and disconnect.
 */
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decryptSecret } from "~/lib/crypto/secret-box";
import { isAppError } from "~/lib/errors";
import { getAccessToken, tokenProviderFor } from "~/lib/google-oauth/get-access-token";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import { db } from "~/server/db";
import { DEMO_ACCOUNT_EMAIL, NO_CHANNEL_ACCOUNT_EMAIL } from "../../../emulator/demo-world";
import { testEmulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import { testBoss } from "@test/job-harness";
import { startTokenRacer, waitForRefreshWaiter } from "@test/token-race";
import { completeYouTubeConnect } from "./complete-connect";
import { disconnectYouTube } from "./disconnect-youtube";
import { getConnection } from "./get-connection";
import { startYouTubeConnect } from "./start-connect";
import { lazyJobSender } from "~/lib/jobs/enqueue";

/** Jobs the connect flow queues (a revocation, resumed imports) go to the test database. */
const jobs = lazyJobSender(testBoss);

const logger = pino({ level: "silent" });
const REDIRECT_URI = "http://127.0.0.1:3999/api/youtube/callback";

const control = testEmulatorControl();

/** Runs the browser part: the emulator consents as `account` and redirects back with code + state. */
async function consent(userId: string, account: string, decision: "allow" | "deny" = "allow") {
  await control("POST", "/oauth/settings", { autoConsent: decision, autoAccount: account });
  const { authorizeUrl, flowCookie } = startYouTubeConnect({ userId, redirectUri: REDIRECT_URI });
  const response = await fetch(authorizeUrl, { redirect: "manual" });
  expect(response.status).toBe(302);
  const callback = new URL(response.headers.get("location")!);
  expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
  return { flowCookie, query: Object.fromEntries(callback.searchParams) };
}

const oauthCounters = async () =>
  (await control<{ oauth: { refreshToken: number; revoke: number } }>("GET", "/counters")).oauth;

afterEach(async () => {
  await control("DELETE", "/faults");
  await control("POST", "/oauth/settings", { autoConsent: null, autoAccount: null });
});

describe("Connect YouTube", () => {
  it("stores the channel and encrypted tokens after consent, and refreshes silently when tokens expire", async () => {
    const user = await createTestUser();
    const { flowCookie, query } = await consent(user.id, DEMO_ACCOUNT_EMAIL);
    expect(
      await completeYouTubeConnect({ userId: user.id, flowCookie, query, redirectUri: REDIRECT_URI, logger, jobs }),
    ).toEqual({
      ok: true,
      channelTitle: "Demo Creator",
    });
    const summary = await getConnection({ userId: user.id });
    expect(summary).toMatchObject({
      channelTitle: "Demo Creator",
      status: "active",
      scopes: expect.arrayContaining(["https://www.googleapis.com/auth/youtube.readonly"]),
    });
    expect(Object.keys(summary!)).not.toContain("accessTokenEnc");

    const [raw] = await db.$queryRaw<{ accessTokenEnc: string; refreshTokenEnc: string }[]>`
      SELECT "accessTokenEnc", "refreshTokenEnc" FROM "YouTubeConnection" WHERE "userId" = ${user.id}`;
    expect(raw!.accessTokenEnc).toMatch(/^v1\./);
    expect(raw!.refreshTokenEnc).toMatch(/^v1\./);
    const plainRefresh = decryptSecret(raw!.refreshTokenEnc);
    expect(JSON.stringify(raw)).not.toContain(plainRefresh);

    // The emulator invalidates the access token early; the next API call refreshes once and succeeds.
    await control("POST", "/oauth/expire-access-tokens", { email: DEMO_ACCOUNT_EMAIL });
    const before = (await oauthCounters()).refreshToken;
    const client = createDefaultYouTubeClient({
      logger,
      purpose: "interactive",
      userId: user.id,
      getAccessToken: tokenProviderFor(summary!.id, logger),
    });
    expect((await client.getMyChannel())?.title).toBe("Demo Creator");
    expect((await oauthCounters()).refreshToken).toBe(before + 1);
  });

  it("50 concurrent getAccessToken calls from 2 processes, in flight together, cause exactly one refresh at the emulator", async () => {
    const user = await createTestUser();
    const { flowCookie, query } = await consent(user.id, DEMO_ACCOUNT_EMAIL);
    await completeYouTubeConnect({ userId: user.id, flowCookie, query, redirectUri: REDIRECT_URI, logger, jobs });
    const connection = await db.youTubeConnection.update({
      where: { userId: user.id },
      data: { accessTokenExpiresAt: new Date(Date.now() - 1000) },
    });
    const before = (await oauthCounters()).refreshToken;
    const remote = await startTokenRacer(connection.id, 25);
    // The emulator holds every token request until the fault is removed.
    const hold = await control<{ id: string }>("POST", "/faults", { kind: "hang", endpoint: "token" });
    const local = Promise.all(
      Array.from({ length: 25 }, () => getAccessToken({ connectionId: connection.id, logger })),
    );
    await vi.waitFor(async () => expect((await oauthCounters()).refreshToken).toBe(before + 1), {
      timeout: 20_000,
      interval: 20,
    });
    // This process's refresh is held; the other process now asks too and must wait on the refresh lock
    // (without the lock it would send a second refresh, held as well, and no waiter would show).
    remote.go();
    const sawWaiter = await waitForRefreshWaiter(connection.id, 20_000);
    await control("DELETE", `/faults/${hold.id}`);
    const tokens = new Set([...(await local), ...(await remote.tokens)]);
    expect(sawWaiter).toBe(true);
    expect((await oauthCounters()).refreshToken).toBe(before + 1);
    expect(tokens.size).toBe(1);
  }, 60_000);

  it("a revoked grant turns into needs_reconnect with one notification, and reconnecting fixes it", async () => {
    const user = await createTestUser();
    let flow = await consent(user.id, DEMO_ACCOUNT_EMAIL);
    await completeYouTubeConnect({ userId: user.id, ...flow, redirectUri: REDIRECT_URI, logger, jobs });
    const connection = await db.youTubeConnection.update({
      where: { userId: user.id },
      data: { accessTokenExpiresAt: new Date(Date.now() - 1000) },
    });
    const grants = await control<{ grants: { id: string; revoked: boolean }[] }>("GET", "/oauth/grants");
    await control("POST", "/oauth/revoke", { grantId: grants.grants.filter((grant) => !grant.revoked).at(-1)!.id });

    const error = await getAccessToken({ connectionId: connection.id, logger }).catch((caught: unknown) => caught);
    expect(isAppError(error, "RECONNECT_REQUIRED")).toBe(true);
    expect((await getConnection({ userId: user.id }))?.status).toBe("needs_reconnect");
    expect(await db.notification.count({ where: { userId: user.id, kind: "youtube.reconnect_required" } })).toBe(1);

    flow = await consent(user.id, DEMO_ACCOUNT_EMAIL);
    expect(
      (await completeYouTubeConnect({ userId: user.id, ...flow, redirectUri: REDIRECT_URI, logger, jobs })).ok,
    ).toBe(true);
    expect((await getConnection({ userId: user.id }))?.status).toBe("active");
    expect(await getAccessToken({ connectionId: connection.id, logger })).toBeTruthy();
  });

  it("refuses a forged or replayed state, a declined consent, a replayed code, and an account without a channel", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const complete = (userId: string, flowCookie: string | undefined, query: Record<string, string>) =>
      completeYouTubeConnect({ userId, flowCookie, query, redirectUri: REDIRECT_URI, logger, jobs });

    const flow = await consent(user.id, DEMO_ACCOUNT_EMAIL);
    expect(await complete(user.id, undefined, flow.query)).toEqual({ ok: false, error: "state_mismatch" });
    expect(await complete(user.id, flow.flowCookie, { ...flow.query, state: "forged" })).toEqual({
      ok: false,
      error: "state_mismatch",
    });
    expect(await complete(other.id, flow.flowCookie, flow.query)).toEqual({ ok: false, error: "state_mismatch" });
    expect(await complete(user.id, "v1.tampered.cookie.value", flow.query)).toEqual({
      ok: false,
      error: "state_mismatch",
    });
    expect((await complete(user.id, flow.flowCookie, flow.query)).ok).toBe(true);
    expect(await complete(user.id, flow.flowCookie, flow.query)).toEqual({ ok: false, error: "exchange_failed" });

    const denied = await consent(other.id, DEMO_ACCOUNT_EMAIL, "deny");
    expect(await complete(other.id, denied.flowCookie, denied.query)).toEqual({ ok: false, error: "access_denied" });

    const revokesBefore = (await oauthCounters()).revoke;
    const noChannel = await consent(other.id, NO_CHANNEL_ACCOUNT_EMAIL);
    expect(await complete(other.id, noChannel.flowCookie, noChannel.query)).toEqual({ ok: false, error: "no_channel" });
    expect((await oauthCounters()).revoke).toBe(revokesBefore + 1);
    expect(await getConnection({ userId: other.id })).toBeNull();
  });

  it.each(["current", "legacy"] as const)(
    "youtubeSignupRequired (%s layout) is the no-channel answer: one call, one unit, no token refresh",
    async (layout) => {
      const user = await createTestUser();
      const flow = await consent(user.id, DEMO_ACCOUNT_EMAIL);
      await control("POST", "/faults", { kind: "youtubeSignupRequired", layout, count: 1, endpoint: "channels" });
      const before = await control<{
        oauth: { refreshToken: number };
        requests: { byEndpoint: Record<string, number> };
        unitsChargedToday: number;
      }>("GET", "/counters");
      expect(
        await completeYouTubeConnect({
          userId: user.id,
          flowCookie: flow.flowCookie,
          query: flow.query,
          redirectUri: REDIRECT_URI,
          logger,
          jobs,
        }),
      ).toEqual({
        ok: false,
        error: "no_channel",
      });
      const after = await control<typeof before>("GET", "/counters");
      expect(after.requests.byEndpoint["channels.list"]).toBe((before.requests.byEndpoint["channels.list"] ?? 0) + 1);
      expect(after.unitsChargedToday).toBe(before.unitsChargedToday + 1);
      expect(after.oauth.refreshToken).toBe(before.oauth.refreshToken);
      expect(await getConnection({ userId: user.id })).toBeNull();
    },
  );

  it("disconnect revokes at Google, deletes the tokens, pauses auto-sync, and keeps projects", async () => {
    const user = await createTestUser();
    const flow = await consent(user.id, DEMO_ACCOUNT_EMAIL);
    await completeYouTubeConnect({ userId: user.id, ...flow, redirectUri: REDIRECT_URI, logger, jobs });
    const channel = await db.channel.create({
      data: { youtubeChannelId: `UC${"d".repeat(21)}w`.slice(0, 24), title: "Followed" },
    });
    await db.contentSource.create({ data: { userId: user.id, channelId: channel.id, syncEnabled: true } });
    await db.project.create({
      data: {
        userId: user.id,
        slug: "kept",
        title: "Kept",
        youtubeVideoId: "dQw4w9WgXcQ",
        externalUrl: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      },
    });
    const revokesBefore = (await oauthCounters()).revoke;

    expect(await disconnectYouTube({ userId: user.id, jobs: await testBoss(), logger })).toEqual({
      disconnected: true,
      revokedAtGoogle: true,
      revocation: "confirmed",
      sourcesPaused: 1,
      detailsRemoved: 0,
    });
    expect((await oauthCounters()).revoke).toBe(revokesBefore + 1);
    expect(await db.youTubeConnection.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.contentSource.count({ where: { userId: user.id, syncEnabled: true } })).toBe(0);
    expect(await db.project.count({ where: { userId: user.id } })).toBe(1);
    expect(await disconnectYouTube({ userId: user.id, jobs: await testBoss(), logger })).toEqual({
      disconnected: false,
      revokedAtGoogle: false,
      revocation: null,
      sourcesPaused: 0,
      detailsRemoved: 0,
    });
  });
});
