/**
 * The process's one pooled HTTP client (undici Agent) for calls to Google and other upstreams:
 * keep-alive, at most YOUTUBE_HTTP_CONNECTIONS sockets per origin, and connect/headers/body timeouts so
 * a stalled upstream cannot hold a socket for undici's five-minute defaults. Callers still pass an
 * AbortSignal per request. Cached on globalThis so dev hot reloads do not leak pools.
 */
import { Agent, type Dispatcher } from "undici";
import { env } from "~/env";
import { processSingleton } from "~/server/process-singleton";

export function createHttpAgent(options: { connections: number; timeoutMs: number }): Agent {
  return new Agent({
    connections: options.connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    connectTimeout: Math.min(options.timeoutMs, 5_000),
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    // Google speaks HTTP/2, the emulator HTTP/1.1; one socket per request keeps connection counts honest.
    allowH2: false,
  });
}

export const httpAgent: Dispatcher = processSingleton("showreelHttpAgent", () =>
  createHttpAgent({ connections: env.YOUTUBE_HTTP_CONNECTIONS, timeoutMs: env.YOUTUBE_HTTP_TIMEOUT_MS }),
);
