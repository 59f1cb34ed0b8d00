import { describe, expect, it } from "vitest";
import { APP_ERROR_CODES } from "~/lib/errors";
import { APP_TO_TRPC_CODE } from "./error-mapping";

describe("APP_TO_TRPC_CODE", () => {
  it("maps every code, and our rate limits to 429 rather than 403", () => {
    for (const code of APP_ERROR_CODES) expect(APP_TO_TRPC_CODE[code]).toMatch(/^[A-Z_]+$/);
    expect(APP_TO_TRPC_CODE.RATE_LIMITED).toBe("TOO_MANY_REQUESTS");
    expect(APP_TO_TRPC_CODE.INVALID_INPUT).toBe("BAD_REQUEST");
    expect(APP_TO_TRPC_CODE.NOT_FOUND).toBe("NOT_FOUND");
  });
});
