/**
 * tRPC calls as the browser sends them (src/trpc/client.tsx: httpBatchLink with superjson): a batch of one,
 * its input under "0" in superjson's form, GET for a query and POST for a mutation, with the client's own
 * header, and the Accept-Encoding a browser sends (the web process does not compress; the proxy in front
 * does: next.config.ts). test/trpc-request.test.ts checks these against tRPC's own client, and
 * e2e/live-updates.spec.ts against what Chromium sends.
 */
import superjson from "superjson";
import { TRPC_CLIENT_HEADERS } from "~/trpc/wire";

const ENDPOINT = "/api/trpc";

/** Headers every browser request carries here, whatever it asks. */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "accept-encoding": "gzip, deflate, br, zstd",
});

function batchOfOne(input: unknown): string {
  return JSON.stringify({ 0: superjson.serialize(input) });
}

/** A query's path and query string. */
export function trpcQueryPath(procedure: string, input: unknown): string {
  return `${ENDPOINT}/${procedure}?batch=1&input=${encodeURIComponent(batchOfOne(input))}`;
}

/** A subscription's path (httpSubscriptionLink: server-sent events on a GET of its own, not batched). */
export function trpcSubscriptionPath(procedure: string, input: unknown): string {
  return `${ENDPOINT}/${procedure}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
}

/** A query: its path and the headers the browser's client adds. */
export function trpcQuery(procedure: string, input: unknown): { path: string; headers: Record<string, string> } {
  return { path: trpcQueryPath(procedure, input), headers: { ...BROWSER_HEADERS, ...TRPC_CLIENT_HEADERS } };
}

/** A mutation: POSTed to this path with this body and these headers. */
export function trpcMutation(
  procedure: string,
  input: unknown,
): { path: string; body: string; headers: Record<string, string> } {
  return {
    path: `${ENDPOINT}/${procedure}?batch=1`,
    body: batchOfOne(input),
    headers: { ...BROWSER_HEADERS, ...TRPC_CLIENT_HEADERS, "content-type": "application/json" },
  };
}
