/**
 * Sign in with Google (Better Auth's generic OAuth provider, registered as a social provider, pointed at the emulator) under attack: a forged
 * state, the callback opened without the browser's state cookie (login CSRF), a code replayed after it
 * signed someone in. Each must end without a session. Requests go through `auth.handler`, the function
 * the Next route serves. Callback URLs on other sites are checked in e2e/security.spec.ts: Better Auth
 * skips its origin and callbackURL checks when NODE_ENV is "test" (`skipOriginCheck`), as in this lane.
 */
import { afterEach, describe, expect, it } from "vitest";
import { env } from "~/env";
import { DEMO_ACCOUNT_EMAIL } from "../../emulator/demo-world";
import { testEmulatorControl } from "@test/emulator-control";
import { auth } from "./auth";

const control = testEmulatorControl();
const results: string[] = [];

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="));
const hasSession = (response: Response) => cookiesOf(response).some((pair) => pair.includes("session_token="));

function startSignIn(callbackURL: string) {
  return auth.handler(
    new Request(new URL("/api/auth/sign-in/social", env.APP_URL), {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(env.APP_URL).origin },
      body: JSON.stringify({ provider: "google", callbackURL }),
    }),
  );
}

/** Starts a sign-in, lets the emulator consent, and returns the callback URL plus the browser's cookies. */
async function consentedCallback() {
  await control("POST", "/oauth/settings", { autoConsent: "allow", autoAccount: DEMO_ACCOUNT_EMAIL });
  const started = await startSignIn("/dashboard");
  expect(started.status).toBe(200);
  const { url } = (await started.json()) as { url: string };
  const consent = await fetch(url, { redirect: "manual" });
  const callback = new URL(consent.headers.get("location")!);
  expect(callback.pathname).toBe("/api/auth/callback/google");
  return { callback, cookie: cookiesOf(started).join("; ") };
}

const openCallback = (callback: URL, cookie: string) =>
  auth.handler(new Request(callback, { headers: cookie ? { cookie } : {} }));

afterEach(async () => {
  await control("POST", "/oauth/settings", { autoConsent: null, autoAccount: null });
});

describe("Sign in with Google under attack", () => {
  it("signs in with the untouched flow, and refuses a forged state, a missing state cookie and a replayed code", async () => {
    const forged = await consentedCallback();
    forged.callback.searchParams.set("state", "forged-state");
    const forgedAnswer = await openCallback(forged.callback, forged.cookie);
    expect(hasSession(forgedAnswer)).toBe(false);
    results.push(
      `| Google sign-in: forged state | HTTP ${forgedAnswer.status} → ${forgedAnswer.headers.get("location")}, no session |`,
    );

    const noCookie = await consentedCallback();
    const noCookieAnswer = await openCallback(noCookie.callback, "");
    expect(hasSession(noCookieAnswer)).toBe(false);
    results.push(
      `| Google sign-in: callback without the browser's state cookie (login CSRF) | HTTP ${noCookieAnswer.status} → ${noCookieAnswer.headers.get("location")}, no session |`,
    );

    const good = await consentedCallback();
    const first = await openCallback(good.callback, good.cookie);
    expect(hasSession(first)).toBe(true);
    expect(new URL(first.headers.get("location")!, env.APP_URL).pathname).toBe("/dashboard");
    const replay = await openCallback(good.callback, good.cookie);
    expect(hasSession(replay)).toBe(false);
    results.push(
      `| Google sign-in: code and state replayed after success | HTTP ${replay.status} → ${replay.headers.get("location")}, no session |`,
    );
    console.log(`[hostile] google sign-in:\n${results.join("\n")}`);
  });
});
