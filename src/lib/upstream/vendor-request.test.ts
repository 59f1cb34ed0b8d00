import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  parseRetryAfter,
  requestVendorJson,
  sendVendorRequest,
  UPSTREAM_RETRY_DELAY_MS,
  VendorHttpError,
  type VendorRequest,
} from "./vendor-request";

const ORIGIN = "https://vendor.test";
const replySchema = z.object({ ok: z.literal(true) });
let agent: MockAgent;

const call = (overrides: Partial<VendorRequest> = {}) => ({
  upstream: "Test vendor",
  url: `${ORIGIN}/thing`,
  dispatcher: agent,
  timeoutMs: 2_000,
  schema: replySchema,
  ...overrides,
});
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("the call should have failed"),
    (error: unknown) => error as VendorHttpError,
  );

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(() => agent.close());

describe("requestVendorJson", () => {
  it("returns the 2xx reply parsed with the caller's schema, sending method, headers and body", async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: "/thing", method: "POST", headers: { "x-test": "1" }, body: "a=b" })
      .reply(200, { ok: true, extra: "kept out" });
    expect(await requestVendorJson(call({ method: "POST", headers: { "x-test": "1" }, body: "a=b" }))).toEqual({
      ok: true,
    });
  });

  it("makes 5xx and 429 retryable, with retryAt from Retry-After or the default delay", async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: "/thing" })
      .reply(429, "slow down", { headers: { "retry-after": "30" } });
    agent.get(ORIGIN).intercept({ path: "/thing" }).reply(503, "busy");
    const before = Date.now();
    const limited = await failureOf(requestVendorJson(call()));
    expect(limited).toMatchObject({ kind: "status", status: 429, isRetryable: true, retryAfterMs: 30_000 });
    expect(limited.message).toBe("Test vendor answered 429: slow down");
    expect(limited.retryAt!.getTime() - before).toBeGreaterThanOrEqual(30_000);
    expect(limited.retryAt!.getTime() - before).toBeLessThan(31_000);
    const busy = await failureOf(requestVendorJson(call()));
    expect(busy).toMatchObject({ status: 503, isRetryable: true, retryAfterMs: null });
    expect(busy.retryAt!.getTime() - before).toBeGreaterThanOrEqual(UPSTREAM_RETRY_DELAY_MS);
  });

  it("makes any other status permanent, keeping the reply for the vendor's own mapping", async () => {
    agent.get(ORIGIN).intercept({ path: "/thing" }).reply(400, { error: "invalid_grant" });
    const refused = await failureOf(requestVendorJson(call()));
    expect(refused).toMatchObject({ kind: "status", status: 400, isRetryable: false, retryAt: null });
    expect(refused.reply?.json()).toEqual({ error: "invalid_grant" });
  });

  it("refuses a 2xx reply that is not JSON of the schema as a permanent bad_reply", async () => {
    agent.get(ORIGIN).intercept({ path: "/thing" }).reply(200, { ok: "yes" });
    agent.get(ORIGIN).intercept({ path: "/thing" }).reply(200, "<html>not json</html>");
    for (let index = 0; index < 2; index += 1) {
      expect(await failureOf(requestVendorJson(call()))).toMatchObject({
        kind: "bad_reply",
        status: 200,
        isRetryable: false,
      });
    }
  });
});

describe("sendVendorRequest", () => {
  it("returns any status with its body and headers", async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: "/thing" })
      .reply(304, "", { headers: { etag: '"e1"' } });
    const reply = await sendVendorRequest(call());
    expect(reply.status).toBe(304);
    expect(reply.header("etag")).toBe('"e1"');
    expect(reply.json()).toBeNull();
  });

  it("refuses a reply over the size cap, permanently", async () => {
    agent.get(ORIGIN).intercept({ path: "/thing" }).reply(200, "x".repeat(2_000));
    expect(await failureOf(sendVendorRequest(call({ maxBytes: 1_000 })))).toMatchObject({
      kind: "too_large",
      status: 200,
      isRetryable: false,
    });
  });

  it("makes no answer in time a retryable timeout", async () => {
    agent.get(ORIGIN).intercept({ path: "/thing" }).reply(200, { ok: true }).delay(500);
    const error = await failureOf(sendVendorRequest(call({ timeoutMs: 50 })));
    expect(error).toMatchObject({ kind: "timeout", status: null, isRetryable: true });
    expect(error.retryAt).toBeInstanceOf(Date);
  });

  it("makes a network failure retryable", async () => {
    agent.get(ORIGIN).intercept({ path: "/thing" }).replyWithError(new Error("connection reset"));
    expect(await failureOf(sendVendorRequest(call()))).toMatchObject({ kind: "network", isRetryable: true });
  });

  it("rethrows the caller's abort reason as it is, never as the vendor's failure", async () => {
    agent.get(ORIGIN).intercept({ path: "/thing" }).reply(200, { ok: true }).delay(500);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("job cancelled")), 20);
    const error = await sendVendorRequest(call({ signal: controller.signal })).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(VendorHttpError);
    expect(error).toMatchObject({ message: "job cancelled" });
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates, and nothing else", () => {
    const now = Date.parse("2026-12-06T12:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Sun, 06 Dec 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sun, 06 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
