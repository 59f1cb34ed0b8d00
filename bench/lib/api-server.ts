/**
 * Child process for the API-load benchmark: the tRPC handler of the web app (src/trpc/http-handler.ts — the
 * same handler `next start` serves, with its context: Better Auth session cookies, rate limits, error
 * mapping), served as `next start` serves it (src/server/serve-web-handler.ts) by a plain node:http server
 * on loopback, in its own process so its CPU is its own. Used instead of a `next start` of a production
 * build, whose build takes minutes on this machine; what is left out is Next's own routing layer in front.
 * Before listening it connects the benchmark's users to the emulator's demo channel (token encrypted with
 * this process's key, as Connect YouTube stores it). Also serves /api/metrics (the app's route), so the
 * benchmark reads the same counters from it as from `next start`. Prints "api ready <url>".
 */
import { createServer } from "node:http";
import { GET as metricsGet } from "~/app/api/metrics/route";
import { serveWebHandler } from "~/server/serve-web-handler";
import { handleTrpcRequest } from "~/trpc/http-handler";
import { connectToDemoChannel } from "./demo-connections";
import { readDriverInput } from "./driver";

const input = readDriverInput<{ userIds: string[] }>();
await connectToDemoChannel(input.userIds);

const server = createServer((req, res) => {
  const isMetrics = req.url?.split("?")[0] === "/api/metrics";
  void serveWebHandler(req, res, isMetrics ? metricsGet : handleTrpcRequest);
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
