import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "~/lib/errors";

describe("AppError", () => {
  it("carries a code, a user-safe message, retryAt and cause", () => {
    const cause = new Error("403 quotaExceeded");
    const retryAt = new Date("2026-11-26T08:00:00Z");
    const error = new AppError("QUOTA_EXHAUSTED", "YouTube's daily quota is used up.", { retryAt, cause });
    expect(isAppError(error)).toBe(true);
    expect(isAppError(error, "QUOTA_EXHAUSTED")).toBe(true);
    expect(isAppError(error, "NOT_FOUND")).toBe(false);
    expect(error.retryAt).toEqual(retryAt);
    expect(error.cause).toBe(cause);
    expect(isAppError(new Error("plain"))).toBe(false);
  });
});
