/**
 * A web process for tests that need one of its own (a Postgres the test restarts, a process whose memory
 * or limits the test measures): node:http in front of the app's own handlers — /api/ready, /api/health
 * (route modules) and /api/trpc/* (src/trpc/http-handler.ts) — each served by src/server/serve-web-handler.ts
 * as `next start` serves the tRPC route, with the process's own pools as `next start` would hold them. It is
 * not Next's server (no build, no pages): what it proves is the route code and its pools, which is what a
 * database restart exercises.
 * Started with `node --import tsx test/web-routes-process.ts`; prints `web ready <port>`. Started with
 * `--expose-gc` too, it answers GET /__test/memory with its memory (KiB) after a full garbage collection,
 * so a test can tell memory a request left held from garbage not yet collected.
 */
import { createServer } from "node:http";
import * as health from "../src/app/api/health/route";
import * as ready from "../src/app/api/ready/route";
import { serveWebHandler } from "../src/server/serve-web-handler";
import { handleTrpcRequest, TRPC_METHODS } from "../src/trpc/http-handler";

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
  if (pathname.startsWith("/api/trpc/") && TRPC_METHODS.has(method)) return handleTrpcRequest;
  return undefined;
}

const server = createServer((incoming, outgoing) => {
  const handler = routeOf(new URL(incoming.url ?? "/", "http://127.0.0.1").pathname, incoming.method ?? "GET");
  if (!handler) {
    outgoing.writeHead(404).end();
    return;
  }
  void serveWebHandler(incoming, outgoing, async (request) => handler(request));
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`web ready ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
