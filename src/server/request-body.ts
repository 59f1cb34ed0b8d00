/**
 * Request body caps for the API route handlers. A body whose Content-Length passes the cap is refused
 * with 413 before a byte of it is read; one without a length (chunked) is read chunk by chunk and
 * refused as soon as it passes the cap, so a process never holds more than the cap of any one body.
 * A body whose Content-Length is within the cap is handed on unread (it cannot grow past its length); a
 * chunked one under the cap as a new Request with the bytes already read. Either way the handler parses
 * as before, and the caps are small enough to hold.
 */
import { metrics } from "~/server/metrics";

/** Signed-out callers of public tRPC procedures: their inputs are a handle and a cursor. */
export const ANONYMOUS_MAX_BODY_BYTES = 16 * 1024;
/** Better Auth's routes: an email, a password, a name, a callback URL. */
export const AUTH_MAX_BODY_BYTES = 64 * 1024;
/**
 * WebSub pushes: one Atom entry per notification, a few KB; hubs may batch entries, so leave room for
 * dozens of them while staying far from anything that could hurt the process.
 */
export const WEBSUB_MAX_BODY_BYTES = 256 * 1024;

export function bodyTooLarge(route: string, maxBytes: number): Response {
  metrics.webBodyRejectionsTotal.inc({ route });
  return Response.json(
    {
      error: {
        message: `The request body is larger than this endpoint accepts (${maxBytes} bytes).`,
        code: "PAYLOAD_TOO_LARGE",
      },
    },
    // The rest of the body is not read: ask the client not to reuse the connection for it.
    { status: 413, headers: { connection: "close", "cache-control": "no-store" } },
  );
}

/**
 * Bytes of `body` up to `maxBytes`, or null as soon as it passes them. The rest is left unread rather
 * than cancelled: cancelling the request stream destroys the socket before the 413 can be written, while
 * an unread body only stops the socket being read, and the server closes it after the answer.
 */
export async function readAtMost(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * `request` with its body under `maxBytes`, or a 413 response. Requests without a body (GET, HEAD, an empty
 * POST) come back unchanged, and so does one whose Content-Length is within the cap: Node's HTTP parser, which
 * every request here comes through, delivers exactly the declared length and takes any byte after it as
 * the next request, so such a body cannot pass the cap and is left for the handler to read once. A body
 * without a length (chunked) is read here, up to the cap.
 */
export async function capRequestBody(
  request: Request,
  options: { route: string; maxBytes: number },
): Promise<Request | Response> {
  if (!request.body) return request;
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const length = Number(declared);
    if (!(length <= options.maxBytes)) return bodyTooLarge(options.route, options.maxBytes);
    return request;
  }
  const bytes = await readAtMost(request.body, options.maxBytes);
  if (!bytes) return bodyTooLarge(options.route, options.maxBytes);
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: bytes,
    signal: request.signal,
  });
}
