import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DEMO_ACCOUNT_EMAIL,
  DEMO_ACCOUNT_NAME,
  DEMO_ACCOUNT_SUB,
  DEMO_CHANNEL_ID,
  NO_CHANNEL_ACCOUNT_EMAIL,
  NO_CHANNEL_ACCOUNT_NAME,
} from "./demo-world.ts";
import { fetchJson, itemsOf, readJsonFixture, shapeOf, useTestEmulator, type JsonReply } from "./test-support.ts";

const CLIENT_ID = "showreel-test.apps.googleusercontent.com";
const CLIENT_SECRET = "test-secret";
const REDIRECT_URI = "http://127.0.0.1:3000/api/youtube/callback";
const YOUTUBE_READONLY = "https://www.googleapis.com/auth/youtube.readonly";
const CONNECT_SCOPE = `openid ${YOUTUBE_READONLY}`;
const SIGN_IN_SCOPE = "openid email profile";

const emu = useTestEmulator({ worldSize: 10 });

interface Pkce {
  verifier: string;
  challenge: string;
}

function createPkce(): Pkce {
  const verifier = randomBytes(48).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

interface TokenBody {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: string;
  id_token?: string;
}

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL("/o/oauth2/v2/auth", emu.emulator.url);
  url.search = new URLSearchParams(params).toString();
  return url.toString();
}

function connectParams(pkce: Pkce, extra: Record<string, string> = {}): Record<string, string> {
  return {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: CONNECT_SCOPE,
    access_type: "offline",
    prompt: "consent",
    include_granted_scopes: "true",
    state: "state-123",
    code_challenge: pkce.challenge,
    code_challenge_method: "S256",
    ...extra,
  };
}

async function openConsent(
  params: Record<string, string>,
): Promise<{ status: number; html: string; requestId: string }> {
  const response = await fetch(authorizeUrl(params), { redirect: "manual" });
  const html = await response.text();
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1] ?? "";
  return { status: response.status, html, requestId };
}

async function decide(requestId: string, fields: Record<string, string>): Promise<Response> {
  return fetch(new URL("/o/oauth2/v2/auth/decision", emu.emulator.url), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ request_id: requestId, ...fields }).toString(),
  });
}

function redirectParams(response: Response): URLSearchParams {
  const location = response.headers.get("location") ?? "";
  expect(location.startsWith(REDIRECT_URI), location).toBe(true);
  return new URL(location).searchParams;
}

/** Consent page → Allow as `account` → the code from the redirect. */
async function consentAndGetCode(
  params: Record<string, string>,
  account = DEMO_ACCOUNT_EMAIL,
): Promise<URLSearchParams> {
  const page = await openConsent(params);
  expect(page.status, page.html).toBe(200);
  const response = await decide(page.requestId, { account, decision: "allow" });
  expect(response.status).toBe(302);
  return redirectParams(response);
}

async function token(form: Record<string, string>, options: { basic?: boolean } = {}): Promise<JsonReply> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const body = new URLSearchParams(form);
  if (options.basic) headers.authorization = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`;
  else {
    body.set("client_id", form.client_id ?? CLIENT_ID);
    body.set("client_secret", form.client_secret ?? CLIENT_SECRET);
  }
  return fetchJson(new URL("/token", emu.emulator.url).toString(), { method: "POST", headers, body: body.toString() });
}

async function exchange(code: string, verifier: string, extra: Record<string, string> = {}): Promise<JsonReply> {
  return token({
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
    ...extra,
  });
}

/** The whole Connect YouTube flow for an account; returns the token reply. */
async function connect(account = DEMO_ACCOUNT_EMAIL, extra: Record<string, string> = {}): Promise<TokenBody> {
  const pkce = createPkce();
  const params = await consentAndGetCode(connectParams(pkce, extra), account);
  const reply = await exchange(params.get("code") ?? "", pkce.verifier);
  expect(reply.status, reply.text).toBe(200);
  return reply.body as unknown as TokenBody;
}

async function refresh(refreshToken: string): Promise<JsonReply> {
  return token({ grant_type: "refresh_token", refresh_token: refreshToken });
}

async function mine(accessToken: string): Promise<JsonReply> {
  return emu.api("channels", { part: "snippet", mine: "true" }, { auth: { bearer: accessToken } });
}

function decodeJwtPart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("authorize endpoint and consent page", () => {
  it("renders an accessible consent page with the accounts, the scopes in words and Allow / Deny", async () => {
    const page = await openConsent(connectParams(createPkce()));
    expect(page.status).toBe(200);
    expect(page.requestId).not.toBe("");
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toContain(`id="account-${DEMO_ACCOUNT_EMAIL}"`);
    expect(page.html).toContain(`id="account-${NO_CHANNEL_ACCOUNT_EMAIL}"`);
    expect(page.html).toContain(DEMO_ACCOUNT_NAME);
    expect(page.html).toContain(NO_CHANNEL_ACCOUNT_NAME);
    expect(page.html).toContain('id="account-new"');
    expect(page.html).toContain('<label for="new-account-has-channel">This account has a YouTube channel</label>');
    expect(page.html).toContain("View your YouTube account");
    expect(page.html).toMatch(/<button[^>]*>Allow<\/button>/);
    expect(page.html).toMatch(/<button[^>]*>Deny<\/button>/);
    // The form carries only the pending-request id, never the raw parameters.
    expect(page.html).not.toContain('name="redirect_uri"');
    expect(page.html).not.toContain('name="code_challenge"');
  });

  it("Allow redirects with code, state, scope, authuser and prompt", async () => {
    const params = await consentAndGetCode(connectParams(createPkce()));
    expect(params.get("code")).toMatch(/^4\/0A/);
    expect(params.get("state")).toBe("state-123");
    expect(params.get("scope")).toBe(`${YOUTUBE_READONLY} openid`);
    expect(params.get("authuser")).toBe("0");
    expect(params.get("prompt")).toBe("consent");
  });

  it("Deny redirects with error=access_denied and the state, and the request cannot be answered twice", async () => {
    const page = await openConsent(connectParams(createPkce()));
    const response = await decide(page.requestId, { account: DEMO_ACCOUNT_EMAIL, decision: "deny" });
    expect(response.status).toBe(302);
    const params = redirectParams(response);
    expect(Object.fromEntries(params)).toEqual({ error: "access_denied", state: "state-123" });

    const again = await decide(page.requestId, { account: DEMO_ACCOUNT_EMAIL, decision: "allow" });
    expect(again.status).toBe(400);
    expect(again.headers.get("location")).toBeNull();
  });

  it("shows Google's error page, never a redirect, for missing or invalid parameters", async () => {
    const base = connectParams(createPkce());
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ ...base, client_id: "" }, 400, "Error 400: invalid_request"],
      [{ ...base, redirect_uri: "" }, 400, "Error 400: invalid_request"],
      [{ ...base, redirect_uri: "javascript:alert(1)" }, 400, "Error 400: invalid_request"],
      [{ ...base, redirect_uri: `${REDIRECT_URI}#frag` }, 400, "Error 400: invalid_request"],
      [{ ...base, response_type: "" }, 400, "Error 400: invalid_request"],
      [{ ...base, response_type: "token" }, 400, "Error 400: unsupported_response_type"],
      [{ ...base, scope: "" }, 400, "Error 400: invalid_request"],
      [{ ...base, scope: "openid bogus" }, 400, "Error 400: invalid_scope"],
      [{ ...base, code_challenge_method: "S512" }, 400, "Error 400: invalid_request"],
      [{ ...base, code_challenge: "short" }, 400, "Error 400: invalid_request"],
      [{ ...base, access_type: "forever" }, 400, "Error 400: invalid_request"],
      [{ ...base, prompt: "none consent" }, 400, "Error 400: invalid_request"],
    ];
    for (const [params, status, text] of cases) {
      const response = await fetch(authorizeUrl(params), { redirect: "manual" });
      const html = await response.text();
      expect(response.status, JSON.stringify(params)).toBe(status);
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(html).toContain(text);
      expect(html).not.toContain("<script");
    }
  });

  it("escapes what it echoes", async () => {
    const response = await fetch(
      authorizeUrl({ ...connectParams(createPkce()), client_id: "<img src=x onerror=alert(1)>" }),
      { redirect: "manual" },
    );
    const html = await response.text();
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("creates a new account with a channel from 'use another account', which mine=true then returns", async () => {
    const pkce = createPkce();
    const page = await openConsent(connectParams(pkce));
    const bad = await decide(page.requestId, { account: "new", new_email: "not-an-email", decision: "allow" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Enter a valid email address");

    const response = await decide(page.requestId, {
      account: "new",
      new_email: "Fresh.Creator@Example.com",
      new_name: "Fresh Creator",
      new_has_channel: "true",
      decision: "allow",
    });
    expect(response.status).toBe(302);
    const tokens = (await exchange(redirectParams(response).get("code") ?? "", pkce.verifier))
      .body as unknown as TokenBody;
    const channels = await mine(tokens.access_token);
    expect(channels.status).toBe(200);
    const [channel] = itemsOf(channels.body);
    expect(channel?.snippet).toMatchObject({ title: "Fresh Creator" });

    const accounts = (await emu.control.get("/oauth/accounts")).body.accounts as Array<{
      email: string;
      channelId: string | null;
    }>;
    expect(accounts.find((account) => account.email === "fresh.creator@example.com")?.channelId).toBe(channel?.id);
  });

  it("pre-selects the login_hint account", async () => {
    const page = await openConsent(connectParams(createPkce(), { login_hint: NO_CHANNEL_ACCOUNT_EMAIL }));
    expect(page.html).toMatch(
      new RegExp(`id="account-${NO_CHANNEL_ACCOUNT_EMAIL.replace(/\./g, "\\.")}" value="[^"]+" checked`),
    );
  });
});

describe("token endpoint", () => {
  it("runs the code flow with PKCE S256 and answers like Google", async () => {
    const pkce = createPkce();
    const params = await consentAndGetCode(connectParams(pkce));
    const reply = await exchange(params.get("code") ?? "", pkce.verifier);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("cache-control")).toContain("no-store");
    const body = reply.body as unknown as TokenBody;
    expect(Object.keys(body)).toEqual([
      "access_token",
      "expires_in",
      "refresh_token",
      "scope",
      "token_type",
      "id_token",
    ]);
    expect(body).toMatchObject({ expires_in: 3599, scope: `${YOUTUBE_READONLY} openid`, token_type: "Bearer" });
    expect(body.access_token).toMatch(/^ya29\./);
    expect(body.refresh_token).toMatch(/^1\/\/0/);

    const channels = await mine(body.access_token);
    expect(channels.status).toBe(200);
    expect(itemsOf(channels.body).map((item) => item.id)).toEqual([DEMO_CHANNEL_ID]);
  });

  it("accepts client credentials through HTTP Basic", async () => {
    const pkce = createPkce();
    const params = await consentAndGetCode(connectParams(pkce));
    const reply = await token(
      {
        grant_type: "authorization_code",
        code: params.get("code") ?? "",
        redirect_uri: REDIRECT_URI,
        code_verifier: pkce.verifier,
      },
      { basic: true },
    );
    expect(reply.status, reply.text).toBe(200);
  });

  it("refuses a wrong PKCE verifier with invalid_grant, and the right one still works", async () => {
    const pkce = createPkce();
    const code = (await consentAndGetCode(connectParams(pkce))).get("code") ?? "";
    const wrong = await exchange(code, createPkce().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: "invalid_grant", error_description: "Bad Request" });
    const missing = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI });
    expect(missing.body).toMatchObject({ error: "invalid_grant" });
    expect((await exchange(code, pkce.verifier)).status).toBe(200);
  });

  it("accepts a plain PKCE challenge", async () => {
    const verifier = randomBytes(40).toString("base64url");
    const code =
      (
        await consentAndGetCode(connectParams({ verifier, challenge: verifier }, { code_challenge_method: "plain" }))
      ).get("code") ?? "";
    expect((await exchange(code, verifier)).status).toBe(200);
  });

  it("refuses a replayed code and revokes what the first exchange issued", async () => {
    const pkce = createPkce();
    const code = (await consentAndGetCode(connectParams(pkce))).get("code") ?? "";
    const first = (await exchange(code, pkce.verifier)).body as unknown as TokenBody;
    expect((await mine(first.access_token)).status).toBe(200);

    const replay = await exchange(code, pkce.verifier);
    expect(replay.status).toBe(400);
    expect(replay.body).toEqual({ error: "invalid_grant", error_description: "Bad Request" });

    expect((await mine(first.access_token)).status).toBe(401);
    const refreshed = await refresh(first.refresh_token ?? "");
    expect(refreshed.status).toBe(400);
    expect(refreshed.body).toEqual(readJsonFixture("oauth.token.invalid_grant.json"));
  });

  it("refuses a redirect_uri that differs from the authorization request", async () => {
    const pkce = createPkce();
    const code = (await consentAndGetCode(connectParams(pkce))).get("code") ?? "";
    const reply = await exchange(code, pkce.verifier, { redirect_uri: "http://127.0.0.1:3000/elsewhere" });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: "invalid_grant" });
  });

  it("lets a code expire after 10 minutes of emulator clock", async () => {
    await emu.control.post("/clock", { now: "2026-03-01T12:00:00Z" });
    const pkce = createPkce();
    const code = (await consentAndGetCode(connectParams(pkce))).get("code") ?? "";
    await emu.control.post("/clock", { advanceMs: 10 * 60_000 + 1 });
    const reply = await exchange(code, pkce.verifier);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: "invalid_grant", error_description: "Bad Request" });
  });

  it("refreshes without a new refresh token, expires_in 3599", async () => {
    const tokens = await connect();
    const reply = await refresh(tokens.refresh_token ?? "");
    expect(reply.status, reply.text).toBe(200);
    // Same keys and types as the recorded refresh reply, plus the id token openid brings.
    const { id_token: idToken, ...withoutIdToken } = reply.body;
    expect(idToken).toEqual(expect.any(String));
    expect(shapeOf(withoutIdToken)).toEqual(shapeOf(readJsonFixture("oauth.token.refresh.success.json")));
    const body = reply.body as unknown as TokenBody;
    expect(body.refresh_token).toBeUndefined();
    expect(body).toMatchObject({ expires_in: 3599, token_type: "Bearer", scope: `${YOUTUBE_READONLY} openid` });
    expect(body.access_token).not.toBe(tokens.access_token);
    expect((await mine(body.access_token)).status).toBe(200);
  });

  it("gives a returning grant no refresh token unless prompt=consent forces one", async () => {
    const first = await connect();
    expect(first.refresh_token).toBeDefined();
    const withoutPrompt = await connect(DEMO_ACCOUNT_EMAIL, { prompt: "select_account" });
    expect(withoutPrompt.refresh_token).toBeUndefined();
    const forced = await connect(DEMO_ACCOUNT_EMAIL, { prompt: "consent" });
    expect(forced.refresh_token).toBeDefined();
    expect(forced.refresh_token).not.toBe(first.refresh_token);
    const online = await connect(DEMO_ACCOUNT_EMAIL, { access_type: "online" });
    expect(online.refresh_token).toBeUndefined();
  });

  it("adds earlier grants' scopes with include_granted_scopes=true", async () => {
    const signIn = await connect(DEMO_ACCOUNT_EMAIL, { scope: SIGN_IN_SCOPE, include_granted_scopes: "false" });
    expect(signIn.scope).toBe(
      "https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile openid",
    );
    const connected = await connect(DEMO_ACCOUNT_EMAIL, { scope: CONNECT_SCOPE, include_granted_scopes: "true" });
    expect(connected.scope.split(" ").sort()).toEqual(
      [
        "https://www.googleapis.com/auth/userinfo.email",
        "https://www.googleapis.com/auth/userinfo.profile",
        "openid",
        YOUTUBE_READONLY,
      ].sort(),
    );
  });

  it("answers Google's errors for bad requests and clients", async () => {
    expect((await token({ grant_type: "password" })).body).toEqual({
      error: "unsupported_grant_type",
      error_description: "Invalid grant_type: password",
    });
    expect((await token({ grant_type: "authorization_code", redirect_uri: REDIRECT_URI })).body).toEqual({
      error: "invalid_request",
      error_description: "Missing required parameter: code",
    });
    const garbage = await token({ grant_type: "authorization_code", code: "4/garbage", redirect_uri: REDIRECT_URI });
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({ error: "invalid_grant" });

    // Lenient by default: the first secret seen for a client id is remembered.
    const wrongSecret = await token({ grant_type: "refresh_token", refresh_token: "x", client_secret: "other" });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toEqual({ error: "invalid_client", error_description: "Unauthorized" });

    // Registering a client makes checking strict.
    expect(
      (
        await emu.control.post("/oauth/clients", {
          clientId: "registered",
          clientSecret: "s3cret",
          redirectUris: [REDIRECT_URI],
        })
      ).status,
    ).toBe(201);
    const unknown = await token({ grant_type: "refresh_token", refresh_token: "x" });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ error: "invalid_client", error_description: "The OAuth client was not found." });
    const page = await fetch(authorizeUrl(connectParams(createPkce())), { redirect: "manual" });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain("Error 401: invalid_client");
    const mismatch = await fetch(
      authorizeUrl({
        ...connectParams(createPkce()),
        client_id: "registered",
        redirect_uri: "http://127.0.0.1:3000/other",
      }),
      {
        redirect: "manual",
      },
    );
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("Error 400: redirect_uri_mismatch");
  });
});

describe("revocation and expiry", () => {
  it("POST /revoke revokes the whole grant: refresh → invalid_grant, Data API → 401", async () => {
    const tokens = await connect();
    const revoke = await fetchJson(
      new URL(`/revoke?token=${encodeURIComponent(tokens.refresh_token ?? "")}`, emu.emulator.url).toString(),
      { method: "POST" },
    );
    expect(revoke.status).toBe(200);
    expect(revoke.body).toEqual({});

    const refreshed = await refresh(tokens.refresh_token ?? "");
    expect(refreshed.status).toBe(400);
    expect(refreshed.body).toEqual(readJsonFixture("oauth.token.invalid_grant.json"));
    const channels = await mine(tokens.access_token);
    expect(channels.status).toBe(401);
    expect(channels.body).toEqual(readJsonFixture("error.authError.401.json"));

    const again = await fetchJson(new URL("/revoke", emu.emulator.url).toString(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.access_token }).toString(),
    });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: "invalid_token", error_description: "Token expired or revoked" });
  });

  it("a 5xx or 429 fault on revoke leaves the grant live; the next revoke, past the fault, revokes it", async () => {
    const tokens = await connect();
    const revokeUrl = new URL(
      `/revoke?token=${encodeURIComponent(tokens.refresh_token ?? "")}`,
      emu.emulator.url,
    ).toString();
    expect((await emu.control.post("/faults", { kind: "5xx", endpoint: "revoke", status: 503, count: 1 })).status).toBe(
      201,
    );
    expect(
      (await emu.control.post("/faults", { kind: "429", endpoint: "revoke", count: 1, retryAfterSeconds: 7 })).status,
    ).toBe(201);
    // "*" is the Data API and feeds: it never reaches the revoke endpoint.
    await emu.control.post("/faults", { kind: "5xx", endpoint: "*" });

    const unavailable = await fetch(revokeUrl, { method: "POST" });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("content-type")).toContain("text/html");
    expect(unavailable.headers.get("retry-after")).toBe("5");
    const limited = await fetch(revokeUrl, { method: "POST" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect((await refresh(tokens.refresh_token ?? "")).status).toBe(200);

    const revoked = await fetchJson(revokeUrl, { method: "POST" });
    expect(revoked).toMatchObject({ status: 200, body: {} });
    expect((await refresh(tokens.refresh_token ?? "")).status).toBe(400);
    expect((await emu.control.get("/counters")).body).toMatchObject({ oauth: { revoke: 3 } });
    // Data API kinds make no sense on the revoke endpoint: refused, not silently ignored.
    expect((await emu.control.post("/faults", { kind: "quotaExceeded", endpoint: "revoke" })).status).toBe(400);
  });

  it("control revoke and the grants list", async () => {
    await connect();
    await connect(NO_CHANNEL_ACCOUNT_EMAIL);
    const grants = (await emu.control.get("/oauth/grants")).body.grants as Array<Record<string, unknown>>;
    expect(grants).toHaveLength(2);
    expect(grants[0]).toMatchObject({
      email: DEMO_ACCOUNT_EMAIL,
      clientId: CLIENT_ID,
      revoked: false,
      hasRefreshToken: true,
    });
    expect(grants[0]?.scopes).toEqual([YOUTUBE_READONLY, "openid"]);

    const tokens = await connect(DEMO_ACCOUNT_EMAIL, { prompt: "consent" });
    const revoked = await emu.control.post("/oauth/revoke", { email: DEMO_ACCOUNT_EMAIL });
    expect(revoked.body).toEqual({ revoked: [grants[0]?.id] });
    expect((await refresh(tokens.refresh_token ?? "")).body).toEqual(readJsonFixture("oauth.token.invalid_grant.json"));
    expect((await mine(tokens.access_token)).status).toBe(401);
    const after = (await emu.control.get("/oauth/grants")).body.grants as Array<Record<string, unknown>>;
    expect(after.map((grant) => grant.revoked)).toEqual([true, false]);
    expect((await emu.control.post("/oauth/revoke", { grantId: "grant-99" })).status).toBe(404);

    // The next consent starts a new grant, with a refresh token again.
    expect((await connect(DEMO_ACCOUNT_EMAIL, { prompt: "select_account" })).refresh_token).toBeDefined();
  });

  it("expired access tokens get the recorded 401 authError until the app refreshes", async () => {
    const tokens = await connect();
    const expired = await emu.control.post("/oauth/expire-access-tokens", { email: DEMO_ACCOUNT_EMAIL });
    expect(expired.body).toEqual({ expired: 1 });
    const channels = await mine(tokens.access_token);
    expect(channels.status).toBe(401);
    expect(channels.body).toEqual(readJsonFixture("error.authError.401.json"));

    const refreshed = (await refresh(tokens.refresh_token ?? "")).body as unknown as TokenBody;
    expect((await mine(refreshed.access_token)).status).toBe(200);
  });

  it("access tokens expire after an hour of emulator clock", async () => {
    await emu.control.post("/clock", { now: "2026-03-01T12:00:00Z" });
    const tokens = await connect();
    await emu.control.post("/clock", { advanceMs: 3_599_000 });
    expect((await mine(tokens.access_token)).status).toBe(200);
    await emu.control.post("/clock", { advanceMs: 1_000 });
    expect((await mine(tokens.access_token)).body).toEqual(readJsonFixture("error.authError.401.json"));
  });

  it("in testing mode, YouTube refresh tokens die after 7 days", async () => {
    await emu.control.post("/clock", { now: "2026-03-01T12:00:00Z" });
    await emu.control.post("/oauth/settings", { testingMode: true });
    const tokens = await connect();
    await emu.control.post("/clock", { advanceMs: 7 * 86_400_000 + 1 });
    expect((await refresh(tokens.refresh_token ?? "")).body).toEqual(readJsonFixture("oauth.token.invalid_grant.json"));
  });
});

describe("Data API with issued tokens", () => {
  it("answers 403 insufficientPermissions for a token without a YouTube scope", async () => {
    const tokens = await connect(DEMO_ACCOUNT_EMAIL, { scope: SIGN_IN_SCOPE, include_granted_scopes: "false" });
    const reply = await mine(tokens.access_token);
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({
      error: {
        code: 403,
        message: "Request had insufficient authentication scopes.",
        errors: [{ message: "Insufficient Permission", domain: "global", reason: "insufficientPermissions" }],
        status: "PERMISSION_DENIED",
      },
    });
    expect(reply.headers.get("www-authenticate")).toContain("insufficient_scope");
  });

  it("answers mine=true for an account without a channel like channels.list.empty.json", async () => {
    const tokens = await connect(NO_CHANNEL_ACCOUNT_EMAIL);
    const reply = await mine(tokens.access_token);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(readJsonFixture("channels.list.empty.json"));
  });

  it("keeps the /_emulator/tokens registry and the demo token working", async () => {
    expect((await mine("demo-access-token")).status).toBe(200);
    await emu.control.post("/tokens", { token: "registered-token", channelId: null });
    expect((await mine("registered-token")).body).toEqual(readJsonFixture("channels.list.empty.json"));
    expect((await mine("never-issued")).status).toBe(401);
  });
});

describe("id token, JWKS and userinfo", () => {
  it("signs an RS256 id token that verifies against the JWKS", async () => {
    const tokens = await connect(DEMO_ACCOUNT_EMAIL, { scope: SIGN_IN_SCOPE, nonce: "nonce-42" });
    const [header = "", payload = "", signature = ""] = (tokens.id_token ?? "").split(".");
    const jwks = await fetchJson(new URL("/oauth2/v3/certs", emu.emulator.url).toString());
    const keys = jwks.body.keys as JsonWebKey[];
    const headerJson = decodeJwtPart(header);
    expect(headerJson).toMatchObject({ alg: "RS256", typ: "JWT" });
    const jwk = keys.find((key) => key.kid === headerJson.kid);
    expect(jwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    const publicKey = createPublicKey({ key: jwk as JsonWebKey, format: "jwk" });
    expect(verify("sha256", Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, "base64url"))).toBe(
      true,
    );
    expect(verify("sha256", Buffer.from(`${header}.${payload}x`), publicKey, Buffer.from(signature, "base64url"))).toBe(
      false,
    );

    const claims = decodeJwtPart(payload);
    expect(claims).toMatchObject({
      iss: "https://accounts.google.com",
      aud: CLIENT_ID,
      azp: CLIENT_ID,
      sub: DEMO_ACCOUNT_SUB,
      email: DEMO_ACCOUNT_EMAIL,
      email_verified: true,
      name: DEMO_ACCOUNT_NAME,
      given_name: "Demo",
      family_name: "Creator",
      nonce: "nonce-42",
    });
    expect(claims.picture).toMatch(/^https:\/\/lh3\.googleusercontent\.com\//);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(Math.abs(Number(claims.iat) - Date.now() / 1000)).toBeLessThan(60);

    // Same key after a reset: clients cache the JWKS.
    await emu.control.post("/reset", {});
    const after = await fetchJson(new URL("/oauth2/v3/certs", emu.emulator.url).toString());
    expect(after.body).toEqual(jwks.body);
  });

  it("issues no id token without openid", async () => {
    const tokens = await connect(DEMO_ACCOUNT_EMAIL, { scope: YOUTUBE_READONLY });
    expect(tokens.id_token).toBeUndefined();
  });

  it("serves userinfo on both paths for a valid bearer, 401 otherwise", async () => {
    const tokens = await connect(DEMO_ACCOUNT_EMAIL, { scope: SIGN_IN_SCOPE });
    for (const path of ["/v1/userinfo", "/oauth2/v3/userinfo"]) {
      const reply = await fetchJson(new URL(path, emu.emulator.url).toString(), {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        sub: DEMO_ACCOUNT_SUB,
        name: DEMO_ACCOUNT_NAME,
        given_name: "Demo",
        family_name: "Creator",
        picture: expect.stringMatching(/^https:\/\/lh3\.googleusercontent\.com\//) as unknown,
        email: DEMO_ACCOUNT_EMAIL,
        email_verified: true,
      });
      const bad = await fetchJson(new URL(path, emu.emulator.url).toString(), {
        headers: { authorization: "Bearer nope" },
      });
      expect(bad.status).toBe(401);
    }
  });

  it("serves a discovery document pointing at the emulator", async () => {
    const reply = await fetchJson(new URL("/.well-known/openid-configuration", emu.emulator.url).toString());
    expect(reply.body).toMatchObject({
      issuer: "https://accounts.google.com",
      token_endpoint: `${emu.emulator.url}/token`,
      jwks_uri: `${emu.emulator.url}/oauth2/v3/certs`,
    });
  });
});

describe("control: counters, accounts, autoConsent, reset", () => {
  it("counts token calls by grant type, revokes and userinfo calls", async () => {
    await emu.control.post("/counters/reset");
    const tokens = await connect(DEMO_ACCOUNT_EMAIL, { scope: SIGN_IN_SCOPE });
    await refresh(tokens.refresh_token ?? "");
    await refresh("unknown");
    await fetch(new URL("/v1/userinfo", emu.emulator.url), {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    await fetch(new URL(`/revoke?token=${tokens.access_token}`, emu.emulator.url), { method: "POST" });
    const counters = (await emu.control.get("/counters")).body;
    expect(counters.oauth).toEqual({ authorizationCode: 1, refreshToken: 2, revoke: 1, userinfo: 1 });
    // OAuth traffic stays out of the Data API request counts.
    expect(counters.requests).toEqual({ byEndpoint: {}, total: 0 });
  });

  it("creates accounts with and without a channel", async () => {
    const withChannel = await emu.control.post("/oauth/accounts", {
      email: "maker@example.com",
      name: "Mia Maker",
      hasChannel: true,
    });
    expect(withChannel.status).toBe(201);
    expect(withChannel.body).toMatchObject({
      email: "maker@example.com",
      name: "Mia Maker",
      givenName: "Mia",
      familyName: "Maker",
    });
    expect(withChannel.body.sub).toMatch(/^\d{21}$/);
    expect(withChannel.body.channelId).toMatch(/^UC/);
    const channel = await emu.control.get(`/channels/${String(withChannel.body.channelId)}`);
    expect(channel.body).toMatchObject({ title: "Mia Maker" });

    const without = await emu.control.post("/oauth/accounts", { email: "viewer@example.com", name: "Vic" });
    expect(without.body).toMatchObject({ channelId: null, familyName: null });
    expect((await emu.control.post("/oauth/accounts", { email: "viewer@example.com", name: "Again" })).status).toBe(
      409,
    );
    expect((await emu.control.post("/oauth/accounts", { email: "nope", name: "Bad" })).status).toBe(400);

    const tokens = await connect("maker@example.com");
    expect(itemsOf((await mine(tokens.access_token)).body)[0]?.id).toBe(withChannel.body.channelId);
  });

  it("autoConsent allow/deny redirects at once; autoAccount picks the account", async () => {
    expect((await emu.control.post("/oauth/settings", { autoConsent: "deny" })).body).toMatchObject({
      autoConsent: "deny",
    });
    const denied = await fetch(authorizeUrl(connectParams(createPkce())), { redirect: "manual" });
    expect(denied.status).toBe(302);
    expect(Object.fromEntries(redirectParams(denied))).toEqual({ error: "access_denied", state: "state-123" });

    await emu.control.post("/oauth/settings", { autoConsent: "allow", autoAccount: NO_CHANNEL_ACCOUNT_EMAIL });
    const pkce = createPkce();
    const allowed = await fetch(authorizeUrl(connectParams(pkce)), { redirect: "manual" });
    expect(allowed.status).toBe(302);
    const tokens = (await exchange(redirectParams(allowed).get("code") ?? "", pkce.verifier))
      .body as unknown as TokenBody;
    expect((await mine(tokens.access_token)).body).toEqual(readJsonFixture("channels.list.empty.json"));

    // Invalid requests still get the error page, whatever the setting.
    const invalid = await fetch(authorizeUrl({ ...connectParams(createPkce()), redirect_uri: "" }), {
      redirect: "manual",
    });
    expect(invalid.status).toBe(400);
    expect((await emu.control.post("/oauth/settings", { autoAccount: "ghost@example.com" })).status).toBe(404);
  });

  it("prompt=none passes only for a preset account whose grant already covers the scopes", async () => {
    const params = { ...connectParams(createPkce()), prompt: "none", login_hint: DEMO_ACCOUNT_EMAIL };
    const before = await fetch(authorizeUrl(params), { redirect: "manual" });
    expect(redirectParams(before).get("error")).toBe("consent_required");
    await connect();
    const after = await fetch(authorizeUrl(params), { redirect: "manual" });
    expect(redirectParams(after).get("code")).toBeTruthy();
    const anonymous = await fetch(authorizeUrl({ ...params, login_hint: "" }), { redirect: "manual" });
    expect(redirectParams(anonymous).get("error")).toBe("login_required");
  });

  it("reset clears grants, tokens, clients, settings and new accounts, and keeps the demo accounts", async () => {
    const tokens = await connect();
    await emu.control.post("/oauth/accounts", { email: "temp@example.com", name: "Temp" });
    await emu.control.post("/oauth/settings", { autoConsent: "deny" });
    await emu.control.post("/oauth/clients", { clientId: "strict", clientSecret: "s" });
    await emu.control.post("/reset", {});

    expect((await emu.control.get("/oauth/grants")).body).toEqual({ grants: [] });
    expect((await emu.control.get("/oauth/settings")).body).toEqual({
      autoConsent: null,
      autoAccount: null,
      testingMode: false,
    });
    expect((await emu.control.get("/oauth/clients")).body).toEqual({ strict: false, clients: [] });
    const accounts = (await emu.control.get("/oauth/accounts")).body.accounts as Array<{
      email: string;
      channelId: string | null;
    }>;
    expect(accounts.map((account) => [account.email, account.channelId])).toEqual([
      [DEMO_ACCOUNT_EMAIL, DEMO_CHANNEL_ID],
      [NO_CHANNEL_ACCOUNT_EMAIL, null],
    ]);
    expect((await mine(tokens.access_token)).status).toBe(401);
    expect((await refresh(tokens.refresh_token ?? "")).status).toBe(400);
  });
});
