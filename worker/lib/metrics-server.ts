/**
 * The worker's own small HTTP server: GET /metrics (Prometheus), /health (the process is up) and
 * /ready (the database answers and pg-boss is started). Bound to 127.0.0.1; port 0 picks a free one.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type MetricsServer = { server: Server; port: number; close: () => Promise<void> };

export async function startMetricsServer(options: {
  port: number;
  /** The exposition text (src/server/metrics.ts renderMetrics: scrape hooks run first). */
  render: () => Promise<{ contentType: string; body: string }>;
  isReady: () => Promise<boolean>;
}): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method !== "GET") {
        res.writeHead(405, { allow: "GET" }).end();
      } else if (path === "/metrics") {
        const { contentType, body } = await options.render();
        res.writeHead(200, { "content-type": contentType }).end(body);
      } else if (path === "/health") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
      } else if (path === "/ready") {
        const ready = await options.isReady().catch(() => false);
        res
          .writeHead(ready ? 200 : 503, { "content-type": "application/json" })
          .end(JSON.stringify({ status: ready ? "ready" : "not_ready" }));
      } else {
        res.writeHead(404).end();
      }
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
