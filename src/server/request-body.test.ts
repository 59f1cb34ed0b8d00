import { describe, expect, it } from "vitest";
import { capRequestBody } from "./request-body";

/** A chunked body (no Content-Length) that records how many bytes were pulled from it. */
function chunkedBody(chunkBytes: number, chunks: number) {
  let pulled = 0;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      sent += 1;
      pulled += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(97));
    },
  });
  return { body, pulled: () => pulled };
}

const post = (body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request("http://app.test/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("capRequestBody", () => {
  it("refuses by Content-Length with 413 before reading a byte", async () => {
    const source = chunkedBody(1024, 100);
    const answer = await capRequestBody(post(source.body, { "content-length": String(100 * 1024) }), {
      route: "test",
      maxBytes: 4096,
    });
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(413);
    expect(source.pulled()).toBeLessThanOrEqual(1024);
  });

  it("stops reading a chunked body as soon as it passes the cap", async () => {
    const source = chunkedBody(1024, 10_000);
    const answer = await capRequestBody(post(source.body), { route: "test", maxBytes: 8 * 1024 });
    expect((answer as Response).status).toBe(413);
    expect(source.pulled()).toBeLessThanOrEqual(10 * 1024);
  });

  it("hands on a request whose Content-Length is within the cap as it is, its body unread", async () => {
    const request = post(JSON.stringify({ hello: "world" }), {
      "content-type": "application/json",
      "content-length": "17",
    });
    expect(await capRequestBody(request, { route: "test", maxBytes: 17 })).toBe(request);
    expect(request.bodyUsed).toBe(false);
    expect(await request.json()).toEqual({ hello: "world" });
  });

  it("refuses a Content-Length that is not a number of bytes", async () => {
    const answer = await capRequestBody(post("{}", { "content-length": "lots" }), { route: "test", maxBytes: 1024 });
    expect((answer as Response).status).toBe(413);
  });

  it("hands on a body under the cap unchanged, and a request without a body as it is", async () => {
    const answer = await capRequestBody(
      post(JSON.stringify({ hello: "world" }), { "content-type": "application/json" }),
      { route: "test", maxBytes: 1024 },
    );
    expect(answer).toBeInstanceOf(Request);
    expect(await (answer as Request).json()).toEqual({ hello: "world" });
    expect((answer as Request).headers.get("content-type")).toBe("application/json");
    const get = new Request("http://app.test/api/x");
    expect(await capRequestBody(get, { route: "test", maxBytes: 1 })).toBe(get);
  });
});
