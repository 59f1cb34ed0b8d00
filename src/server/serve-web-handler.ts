/**
 * Serves a web-standard handler (Request in, Response out) on Node's request and response, for a route
 * that Next hands the raw pair (a Pages Router API route with its body parser off). The request body is
 * passed on as a stream that reads the socket only as fast as the handler reads it, so a body the handler
 * refuses unread is never held; the response is written as it is produced (streams and server-sent events
 * included), and the request's signal aborts when the client goes away before the answer ends.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { logger } from "~/server/logger";

type WebHandler = (request: Request) => Promise<Response>;

/** The compression middleware's flush, present when Next compresses the answer. */
type FlushableResponse = ServerResponse & { flush?: () => void };

function requestOf(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (":path") are not headers a Request may carry.
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.append(name, value);
  }
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers, signal });
  return new Request(url, {
    method,
    headers,
    signal,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: "half",
  } as RequestInit);
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.once("drain", done);
    res.once("close", done);
  });
}

/** Writes a chunk of a streamed answer and pushes it past compression; false once the client has gone. */
async function writeChunk(res: FlushableResponse, chunk: Uint8Array): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) await drained(res);
  res.flush?.();
  return !res.destroyed;
}

async function writeResponse(res: FlushableResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // A client that leaves mid-stream cancels the body, which ends a subscription's generator.
  const cancel = () => void reader.cancel().catch(() => {});
  res.once("close", cancel);
  try {
    const first = await reader.read();
    if (first.done) {
      res.end();
      return;
    }
    const second = await reader.read();
    // Answered in one piece (most answers): sent with its length, in one write.
    if (second.done) {
      if (!res.hasHeader("content-length")) res.setHeader("content-length", first.value.byteLength);
      res.end(first.value);
      return;
    }
    if (!(await writeChunk(res, first.value)) || !(await writeChunk(res, second.value))) return;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (!(await writeChunk(res, chunk.value))) return;
    }
    res.end();
  } finally {
    res.off("close", cancel);
  }
}

export async function serveWebHandler(req: IncomingMessage, res: ServerResponse, handler: WebHandler): Promise<void> {
  const left = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) left.abort();
  });
  try {
    await writeResponse(res, await handler(requestOf(req, left.signal)));
  } catch (error) {
    if (left.signal.aborted) return;
    logger.error({ err: error, path: req.url?.split("?")[0] }, "web handler failed");
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.statusCode = 500;
    res.setHeader("content-type", "application/json");
    res.setHeader("cache-control", "no-store");
    res.end(JSON.stringify({ error: { message: "Something went wrong on our side.", code: "INTERNAL_SERVER_ERROR" } }));
  }
}
