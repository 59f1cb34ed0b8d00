/**
 * A small method + path router over node:http, plus the reply helpers the route modules share.
 * Patterns are literal segments, `:name` parameters and a trailing `*`. Route modules (routes/*.ts)
 * each export a `register…Routes(router)` function, so new surfaces (WebSub, LLM) are one
 * more module and one more line in server.ts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorState } from "./state.ts";

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  state: EmulatorState;
  /** Aborted when the client goes away before the reply is finished. */
  signal: AbortSignal;
}

export type RouteHandler = (context: RequestContext) => Promise<void> | void;

interface Route {
  method: string;
  segments: string[];
  hasWildcard: boolean;
  handler: RouteHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): void {
    const segments = pattern.split("/").filter(Boolean);
    const hasWildcard = segments.at(-1) === "*";
    if (hasWildcard) segments.pop();
    this.routes.push({ method: method.toUpperCase(), segments, hasWildcard, handler });
  }

  /** First registered match wins; HEAD falls back to GET (node:http drops the body itself). */
  match(method: string, pathname: string): { handler: RouteHandler; params: Record<string, string> } | null {
    const parts = pathname.split("/").filter(Boolean).map(safeDecode);
    const methods = method === "HEAD" ? ["HEAD", "GET", "*"] : [method, "*"];
    for (const candidate of methods) {
      for (const route of this.routes) {
        if (route.method !== candidate) continue;
        const params = matchSegments(route, parts);
        if (params) return { handler: route.handler, params };
      }
    }
    return null;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(route: Route, parts: string[]): Record<string, string> | null {
  if (route.hasWildcard ? parts.length < route.segments.length : parts.length !== route.segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    const part = parts[index] ?? "";
    if (segment.startsWith(":")) params[segment.slice(1)] = part;
    else if (segment !== part) return null;
  }
  if (route.hasWildcard) params["*"] = parts.slice(route.segments.length).join("/");
  return params;
}

/** Control-API JSON (our own format, not Google's). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/**
 * Google-style JSON: 2-space indent and <, >, & written as \u003c, \u003e, \u0026, as Google's
 * front end does (visible in the recorded error bodies). The parsed value is unchanged.
 */
export function sendGoogleJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body, null, 2).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
  res.writeHead(status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    vary: "Origin, X-Origin, Referer",
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Control-API bodies are small; anything bigger is a mistake, not a payload. */
const MAX_JSON_BODY_BYTES = 1_000_000;

export class BadRequestError extends Error {}

/** The whole body as UTF-8; over 1 MB is a BadRequestError. */
export async function readBodyText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_JSON_BODY_BYTES) throw new BadRequestError("request body is larger than 1 MB");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = (await readBodyText(req)).trim();
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestError("request body is not valid JSON");
  }
}

/** Strong or weak, quoted or bare, comma-separated, or "*": how clients actually send etags back. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((value) =>
      value
        .trim()
        .replace(/^W\//, "")
        .replace(/^"(.*)"$/, "$1"),
    )
    .some((value) => value === "*" || value === etag);
}
