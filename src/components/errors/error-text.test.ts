import { describe, expect, it } from "vitest";
import { APP_ERROR_CODES } from "~/lib/errors";
import { CONFIG_ERROR_MESSAGE } from "~/lib/youtube/client";
import {
  CONFIG_ERROR_TEXT,
  describeApiError,
  describeApiErrorMessage,
  readAppErrorCode,
  shouldRetryQuery,
} from "./error-text";

const FALLBACK = "fallback words";

/** What a TRPCClientError carries: the server's message and its `data` (see src/trpc/init.ts errorFormatter). */
function apiError(
  message: string,
  data: { code: string; appCode?: string | null; retryAt?: string | null; zodError?: unknown },
): Error {
  return Object.assign(new Error(message), { data: { appCode: null, retryAt: null, ...data } });
}

describe("describeApiError", () => {
  it("gives every domain error code its own next step, never the generic fallback", () => {
    for (const appCode of APP_ERROR_CODES) {
      const text = describeApiError(apiError("", { code: "BAD_REQUEST", appCode }), FALLBACK);
      expect(text.message, appCode).not.toBe(FALLBACK);
      expect(text.message.length, appCode).toBeGreaterThan(10);
    }
  });

  it("says when quota work resumes and offers to wait until then", () => {
    const resetAt = new Date(Date.now() + 3 * 60 * 60 * 1000);
    const text = describeApiError(
      apiError("quota", { code: "TOO_MANY_REQUESTS", appCode: "QUOTA_EXHAUSTED", retryAt: resetAt.toISOString() }),
    );
    expect(text.message).toMatch(/quota is used up/);
    expect(text.message).toMatch(/resumes by itself/);
    expect(text.action).toEqual({ kind: "wait", until: resetAt });
  });

  it("counts a rate limit down to its retry time, and offers a retry once that time has passed", () => {
    const soon = new Date(Date.now() + 30_000);
    expect(
      describeApiError(
        apiError("Slow down", { code: "TOO_MANY_REQUESTS", appCode: "RATE_LIMITED", retryAt: soon.toISOString() }),
      ).action,
    ).toEqual({
      kind: "wait",
      until: soon,
    });
    const past = new Date(Date.now() - 1_000).toISOString();
    expect(
      describeApiError(apiError("Slow down", { code: "TOO_MANY_REQUESTS", appCode: "RATE_LIMITED", retryAt: past }))
        .action,
    ).toEqual({ kind: "retry" });
  });

  it("sends a revoked grant to reconnect and an outage to 'resumes by itself'", () => {
    expect(
      describeApiError(apiError("", { code: "PRECONDITION_FAILED", appCode: "RECONNECT_REQUIRED" })).action,
    ).toEqual({
      kind: "reconnect",
      href: "/api/youtube/connect",
    });
    const outage = describeApiError(
      apiError("breaker open at 10.0.0.1", { code: "SERVICE_UNAVAILABLE", appCode: "UPSTREAM_UNAVAILABLE" }),
    );
    expect(outage.message).toBe("YouTube is having trouble right now; work resumes by itself.");
  });

  it("tells the creator a configuration problem is the administrator's, word for word, with nothing to retry", () => {
    const text = describeApiError(
      apiError("YouTube 400 API_KEY_INVALID", { code: "SERVICE_UNAVAILABLE", appCode: "UPSTREAM_MISCONFIGURED" }),
    );
    expect(text).toEqual({
      message: "Showreel cannot reach YouTube because of a configuration problem; an administrator has been told.",
      action: null,
    });
    // The server's message for the code (src/lib/youtube/client.ts) is the same sentence.
    expect(CONFIG_ERROR_TEXT).toBe(CONFIG_ERROR_MESSAGE);
    expect(
      shouldRetryQuery(
        0,
        apiError(CONFIG_ERROR_MESSAGE, { code: "SERVICE_UNAVAILABLE", appCode: "UPSTREAM_MISCONFIGURED" }),
      ),
    ).toBe(false);
  });

  it("shows the caller's wording instead of a schema dump, and marks the input at fault", () => {
    const text = describeApiError(
      apiError('[{"code":"too_big"}]', { code: "BAD_REQUEST", zodError: { fieldErrors: {} } }),
      FALLBACK,
    );
    expect(text).toEqual({ message: FALLBACK, action: { kind: "fix-input" } });
  });

  it("tells a signed-out user to sign in, and an offline one to check the connection", () => {
    expect(describeApiError(apiError("", { code: "UNAUTHORIZED" })).action).toEqual({ kind: "sign-in" });
    expect(describeApiErrorMessage(new TypeError("Failed to fetch"), FALLBACK)).toMatch(/couldn't reach Showreel/);
    expect(describeApiErrorMessage("not an error", FALLBACK)).toBe(FALLBACK);
  });

  it("reads the domain code and retries only what a retry can fix", () => {
    const notConnected = apiError("Connect YouTube first", {
      code: "PRECONDITION_FAILED",
      appCode: "RECONNECT_REQUIRED",
    });
    expect(readAppErrorCode(notConnected)).toBe("RECONNECT_REQUIRED");
    expect(shouldRetryQuery(0, notConnected)).toBe(false);
    expect(shouldRetryQuery(0, apiError("boom", { code: "INTERNAL_SERVER_ERROR" }))).toBe(true);
    expect(shouldRetryQuery(2, apiError("boom", { code: "INTERNAL_SERVER_ERROR" }))).toBe(false);
  });
});
