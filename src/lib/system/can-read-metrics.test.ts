import { describe, expect, it } from "vitest";
import { canReadMetrics } from "./can-read-metrics";

const TOKEN = "metrics-token-0123456789abcdef";

describe("canReadMetrics", () => {
  it("lets in the configured bearer token and a signed-in admin", () => {
    expect(canReadMetrics({ authorization: `Bearer ${TOKEN}`, role: null, metricsToken: TOKEN })).toBe(true);
    expect(canReadMetrics({ authorization: `bearer ${TOKEN}`, role: null, metricsToken: TOKEN })).toBe(true);
    expect(canReadMetrics({ authorization: null, role: "admin", metricsToken: undefined })).toBe(true);
  });

  it("refuses anonymous callers, plain users, wrong or partial tokens, and any token when none is configured", () => {
    expect(canReadMetrics({ authorization: null, role: null, metricsToken: TOKEN })).toBe(false);
    expect(canReadMetrics({ authorization: null, role: "user", metricsToken: TOKEN })).toBe(false);
    expect(canReadMetrics({ authorization: `Bearer ${TOKEN}x`, role: null, metricsToken: TOKEN })).toBe(false);
    expect(canReadMetrics({ authorization: `Bearer ${TOKEN.slice(0, -1)}`, role: "user", metricsToken: TOKEN })).toBe(
      false,
    );
    expect(canReadMetrics({ authorization: TOKEN, role: null, metricsToken: TOKEN })).toBe(false);
    expect(canReadMetrics({ authorization: "Bearer ", role: null, metricsToken: TOKEN })).toBe(false);
    expect(canReadMetrics({ authorization: `Bearer ${TOKEN}`, role: null, metricsToken: undefined })).toBe(false);
  });
});
