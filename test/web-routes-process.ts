/**
 * A web process for tests that need one of its own (a Postgres the test restarts, a process whose memory
 * or limits the test measures): node:http in front of the App Router's own route modules — /api/ready,
 * /api/health and /api/trpc/* — streaming request bodies to them as Next does, with the process's own
 * pools, as `next start` would hold them. It is not Next's server (no build, no
 * pages): what it proves is the route code and its pools, which is what a database restart exercises.
 * Started with `node --import tsx test/web-routes-process.ts`; prints `web ready <port>`. Started with
 * `--expose-gc` too, it answers GET /__test/memory with its memory (KiB) after a full garbage collection,
 * so a test can tell memory a request left held from garbage not yet collected.
 */
import { createServer } from "node:http";
import { Readable } from "node:stream";
import * as health from "../src/app/api/health/route";
import * as ready from "../src/app/api/ready/route";
import * as trpc from "../src/app/api/trpc/[trpc]/route";

type Handler = (request: Request) => Promise<Response> | Response;

/** Memory in KiB after a full collection: what the process holds, not what it has yet to collect. */
function memoryAfterGc(): Response {
  globalThis.gc?.();
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
  return Response.json({ rssKb: rss >> 10, heapUsedKb: heapUsed >> 10, arrayBuffersKb: arrayBuffers >> 10 });
}

function routeOf(pathname: string, method: string): Handler | undefined {
  if (pathname === "/__test/memory" && method === "GET" && globalThis.gc) return memoryAfterGc;
  if (pathname === "/api/ready" && method === "GET") return ready.GET;
  if (pathname === "/api/health" && method === "GET") return health.GET;
  if (pathname.startsWith("/api/trpc/")) return method === "POST" ? trpc.POST : trpc.GET;
  return undefined;
}

const server = createServer(async (incoming, outgoing) => {
  try {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const handler = routeOf(url.pathname, incoming.method ?? "GET");
    if (!handler) {
      outgoing.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === "string") headers.set(name, value);
    // The body streams to the handler as `next start` streams it, so body caps are measured for real.
    const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
    const request = new Request(url, {
      method: incoming.method,
      headers,
      ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
    } as RequestInit);
    const response = await handler(request);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    // What Next does with a route that throws: a bare 500, details only in the log.
    console.error(error);
    if (!outgoing.headersSent) outgoing.writeHead(500);
    outgoing.end();
  }
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`web ready ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
