/**
 * Child process for the API-load benchmark: the tRPC route handler of the web app
 * (src/app/api/trpc/[trpc]/route.ts — the same module `next start` serves, with its context: Better Auth
 * session cookies, rate limits, error mapping) behind a plain node:http server on loopback, in its own
 * process so its CPU is its own. Used instead of a `next start` of a production build, whose build takes
 * minutes on this machine; what is left out is Next's own routing layer in front of the handler.
 * Before listening it connects the benchmark's users to the emulator's demo channel (token encrypted with
 * this process's key, as Connect YouTube stores it). Also serves /api/metrics (the app's route), so the
 * benchmark reads the same counters from it as from `next start`. Prints "api ready <url>".
 */
import { createServer } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import { GET as metricsGet } from "~/app/api/metrics/route";
import { GET, POST } from "~/app/api/trpc/[trpc]/route";
import { connectToDemoChannel } from "./demo-connections";
import { readDriverInput } from "./driver";

const input = readDriverInput<{ userIds: string[] }>();
await connectToDemoChannel(input.userIds);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    // A client that goes away ends the request, as it does under `next start`: a live stream stops there.
    const gone = new AbortController();
    res.on("close", () => gone.abort());
    const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
      method: req.method,
      headers,
      signal: gone.signal,
      ...(req.method === "POST" ? { body: Buffer.concat(chunks) } : {}),
    });
    const pathname = new URL(request.url).pathname;
    const handle = pathname === "/api/metrics" ? metricsGet : req.method === "POST" ? POST : GET;
    void handle(request).then(
      async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        // A server-sent-events answer never ends on its own: streamed. Others are buffered, as before streams
        // existed, so the handler's cost per request stays comparable with earlier runs.
        if (response.body && response.headers.get("content-type")?.startsWith("text/event-stream")) {
          await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), res).catch(() => res.destroy());
        } else {
          res.end(Buffer.from(await response.arrayBuffer()));
        }
      },
      (error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`handler threw: ${String(error)}`);
      },
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") process.stdout.write(`api ready http://127.0.0.1:${address.port}\n`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
