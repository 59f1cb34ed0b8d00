import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors";
import { readFixture as fixture } from "@test/google-fixtures";
import { exchangeCode, InvalidGrantError, refreshAccessToken, type OAuthClientConfig } from "./token-endpoint";

let agent: MockAgent;
const config = (): OAuthClientConfig => ({
  clientId: "id",
  clientSecret: "secret",
  tokenUrl: "https://oauth.test/token",
  dispatcher: agent,
  timeoutMs: 2_000,
});

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(() => agent.close());

describe("Google token endpoint", () => {
  it("parses the recorded refresh reply (no new refresh token, expires_in 3599)", async () => {
    agent
      .get("https://oauth.test")
      .intercept({
        path: "/token",
        method: "POST",
        body: (body) => body.includes("grant_type=refresh_token") && body.includes("refresh_token=1%2F%2Fr"),
      })
      .reply(200, fixture("oauth.token.refresh.success.json"));
    const reply = await refreshAccessToken(config(), "1//r");
    expect(reply).toMatchObject({
      expires_in: 3599,
      scope: "https://www.googleapis.com/auth/youtube.readonly",
      token_type: "Bearer",
    });
    expect(reply.refresh_token).toBeUndefined();
  });

  it("turns the recorded invalid_grant reply into InvalidGrantError", async () => {
    agent
      .get("https://oauth.test")
      .intercept({ path: "/token", method: "POST" })
      .reply(400, fixture("oauth.token.invalid_grant.json"));
    const error = await refreshAccessToken(config(), "1//r").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidGrantError);
    expect((error as InvalidGrantError).description).toBe("Token has been expired or revoked.");
  });

  it("sends the PKCE verifier and redirect URI with a code exchange", async () => {
    agent
      .get("https://oauth.test")
      .intercept({
        path: "/token",
        method: "POST",
        body: (body) => body.includes("grant_type=authorization_code") && body.includes("code_verifier=v"),
      })
      .reply(200, { access_token: "a", expires_in: 3599, refresh_token: "1//new" });
    expect(
      await exchangeCode(config(), { code: "c", codeVerifier: "v", redirectUri: "http://localhost/cb" }),
    ).toMatchObject({ refresh_token: "1//new" });
  });

  it("reports 5xx as UPSTREAM_UNAVAILABLE and a malformed 200 as well", async () => {
    agent.get("https://oauth.test").intercept({ path: "/token", method: "POST" }).reply(503, "busy");
    await expect(refreshAccessToken(config(), "1//r")).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    agent.get("https://oauth.test").intercept({ path: "/token", method: "POST" }).reply(200, { token: "wrong shape" });
    await expect(refreshAccessToken(config(), "1//r")).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
  });

  it("takes retryAt from Google's Retry-After, and calls no answer at all 'not answering'", async () => {
    agent
      .get("https://oauth.test")
      .intercept({ path: "/token", method: "POST" })
      .reply(429, "", { headers: { "retry-after": "5" } });
    const before = Date.now();
    const limited = (await refreshAccessToken(config(), "1//r").catch((caught: unknown) => caught)) as AppError;
    expect(limited).toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    expect(limited.retryAt!.getTime() - before).toBeGreaterThanOrEqual(5_000);
    expect(limited.retryAt!.getTime() - before).toBeLessThan(6_000);
    agent.get("https://oauth.test").intercept({ path: "/token", method: "POST" }).replyWithError(new Error("reset"));
    await expect(refreshAccessToken(config(), "1//r")).rejects.toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
      message: "Google sign-in is not answering right now; try again shortly.",
    });
  });

  it("treats any other refusal (invalid_client) as our configuration: a plain error, never the user's", async () => {
    agent
      .get("https://oauth.test")
      .intercept({ path: "/token", method: "POST" })
      .reply(401, { error: "invalid_client", error_description: "The OAuth client was not found." });
    const error = await refreshAccessToken(config(), "1//r").catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(AppError);
    expect(error).not.toBeInstanceOf(InvalidGrantError);
    expect((error as Error).message).toBe("Google token endpoint refused the request: 401 invalid_client");
  });
});
