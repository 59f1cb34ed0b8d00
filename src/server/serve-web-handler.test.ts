import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { serveWebHandler } from "./serve-web-handler";

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function serve(handler: (request: Request) => Promise<Response>): Promise<string> {
  server = createServer((req, res) => void serveWebHandler(req, res, handler));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("serveWebHandler", () => {
  it("hands the handler the method, URL, headers and body, and sends a whole answer with its length", async () => {
    let seen: { method: string; url: string; header: string | null; body: string } | undefined;
    const origin = await serve(async (req) => {
      seen = { method: req.method, url: req.url, header: req.headers.get("x-test"), body: await req.text() };
      const headers = new Headers({ "content-type": "application/json" });
      headers.append("set-cookie", "a=1; Path=/");
      headers.append("set-cookie", "b=2; Path=/");
      return new Response(JSON.stringify({ ok: true }), { status: 201, headers });
    });
    const response = await request(`${origin}/api/x?y=1`, {
      method: "POST",
      headers: { "x-test": "hi" },
      body: "payload",
    });
    expect(await response.body.text()).toBe('{"ok":true}');
    expect(response.statusCode).toBe(201);
    expect(response.headers["content-length"]).toBe("11");
    expect(response.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(seen).toEqual({ method: "POST", url: `${origin}/api/x?y=1`, header: "hi", body: "payload" });
  });

  it("writes a streamed answer as it is produced, not when it ends", async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const origin = await serve(async () => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode("data: one\n\n"));
          controller.enqueue(new TextEncoder().encode("data: two\n\n"));
          await released;
          controller.enqueue(new TextEncoder().encode("data: three\n\n"));
          controller.close();
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    });
    const response = await request(`${origin}/stream`);
    const chunks = response.body[Symbol.asyncIterator]();
    let text = "";
    while (!text.includes("two")) text += String((await chunks.next()).value);
    expect(text).toBe("data: one\n\ndata: two\n\n");
    release();
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) text += String(next.value);
    expect(text).toBe("data: one\n\ndata: two\n\ndata: three\n\n");
    expect(response.headers["content-length"]).toBeUndefined();
  });

  it("aborts the request's signal and cancels the answer when the client leaves mid-stream", async () => {
    let signal: AbortSignal | undefined;
    let cancelled = false;
    const origin = await serve(async (req) => {
      signal = req.signal;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("data: hello\n\n"));
          controller.enqueue(new TextEncoder().encode(": waiting\n\n"));
        },
        cancel() {
          cancelled = true;
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    });
    const leave = new AbortController();
    const response = await request(`${origin}/stream`, { signal: leave.signal });
    await response.body[Symbol.asyncIterator]().next();
    leave.abort();
    for (let waited = 0; !(cancelled && signal?.aborted) && waited < 2_000; waited += 20) await delay(20);
    expect(signal?.aborted).toBe(true);
    expect(cancelled).toBe(true);
  });

  it("answers a handler that throws with a bare 500, no details", async () => {
    const origin = await serve(async () => {
      throw new Error("secret detail");
    });
    const response = await request(`${origin}/boom`);
    const text = await response.body.text();
    expect(response.statusCode).toBe(500);
    expect(text).not.toContain("secret");
    expect(JSON.parse(text)).toEqual({
      error: { message: "Something went wrong on our side.", code: "INTERNAL_SERVER_ERROR" },
    });
  });
});
