/**
 * Starts the emulator: one node:http server, the route modules, and the shared state. Tests import
 * `createEmulatorServer` (port 0 picks a free port); `main.ts` is the CLI around it. The app never
 * imports anything from here: it only points its base URLs at `url`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { ImageHosting } from "./images.ts";
import { DEFAULT_DAILY_QUOTA_UNITS } from "./quota.ts";
import { Router, sendJson } from "./router.ts";
import { registerControlRoutes } from "./routes/control.ts";
import { registerDataApiRoutes } from "./routes/data-api.ts";
import { registerFeedRoutes } from "./routes/feeds.ts";
import { registerLlmRoutes } from "./routes/llm.ts";
import { registerOAuthRoutes } from "./routes/oauth.ts";
import { registerThumbnailRoutes } from "./routes/thumbnails.ts";
import { registerWebSubRoutes } from "./routes/websub.ts";
import { EmulatorState } from "./state.ts";

export const DEFAULT_SEED = "showreel";
export const DEFAULT_WORLD_SIZE = 1000;

export interface EmulatorServerOptions {
  port?: number;
  host?: string;
  seed?: string;
  worldSize?: number;
  dailyQuota?: number;
  apiKeys?: string[] | "any";
  /** ISO instant the generated world is dated from (default: the current hour). */
  worldAnchor?: string;
  /** "emulator": replies point at images this server draws, for an offline demo (default "google"). */
  images?: ImageHosting;
}

export interface EmulatorServer {
  url: string;
  port: number;
  state: EmulatorState;
  close(): Promise<void>;
}

export async function createEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const state = new EmulatorState({
    seed: options.seed ?? DEFAULT_SEED,
    worldSize: options.worldSize ?? DEFAULT_WORLD_SIZE,
    dailyQuota: options.dailyQuota ?? DEFAULT_DAILY_QUOTA_UNITS,
    apiKeys: options.apiKeys ?? "any",
    ...(options.worldAnchor ? { worldAnchorMs: Date.parse(options.worldAnchor) } : {}),
    ...(options.images ? { images: options.images } : {}),
  });
  const router = new Router();
  registerDataApiRoutes(router);
  registerFeedRoutes(router);
  registerOAuthRoutes(router);
  registerLlmRoutes(router);
  registerWebSubRoutes(router);
  registerThumbnailRoutes(router);
  registerControlRoutes(router);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    const match = router.match(req.method ?? "GET", url.pathname);
    if (!match) {
      sendJson(res, 404, { error: { code: "not_found", message: `no route ${req.method ?? ""} ${url.pathname}` } });
      return;
    }
    try {
      await match.handler({ req, res, url, params: match.params, state, signal: abort.signal });
    } catch (error) {
      if (res.headersSent) res.destroy();
      else
        sendJson(res, 500, {
          error: { code: "internal", message: error instanceof Error ? error.message : String(error) },
        });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  // Hung requests hold their sockets open; close() must be able to end them.
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("emulator: server has no TCP address");
  const urlHost = host.includes(":") ? `[${host}]` : host;
  state.origin = `http://${urlHost}:${address.port}`;

  return {
    url: state.origin,
    port: address.port,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.websub.close();
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
