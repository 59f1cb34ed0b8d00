/**
 * The WebSub callback as a plain Request → Response function, so the Next route is one line and tests can
 * serve it from a bare node:http server for the emulator's hub. GET = intent check; POST = notification,
 * read up to MAX_PUSH_BYTES (a larger body is refused before it is buffered) and answered at once.
 */
import type { Logger } from "~/server/logger";
import { verifyIntent } from "./websub-intent";
import { MAX_PUSH_BYTES, receivePush } from "./websub-push";

const PLAIN = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };

/** The body, or null once it passes `limit` bytes (the rest is not read). */
async function readCapped(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function handleWebSubRequest(request: Request, deps: { logger: Logger }): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === "GET") {
    const answer = await verifyIntent(url.searchParams);
    return answer.status === 200
      ? new Response(answer.challenge, { status: 200, headers: PLAIN })
      : new Response("unknown subscription", { status: 404, headers: PLAIN });
  }
  if (request.method !== "POST")
    return new Response("method not allowed", { status: 405, headers: { ...PLAIN, allow: "GET, POST" } });
  const body = await readCapped(request, MAX_PUSH_BYTES);
  const result = await receivePush({
    youtubeChannelId: url.searchParams.get("channel_id"),
    signature: request.headers.get("x-hub-signature"),
    body,
    logger: deps.logger,
  });
  // 2xx whether or not the push verified: a forger learns nothing, the hub does not retry a real one.
  return new Response(null, { status: result.status === 413 ? 413 : 204 });
}
