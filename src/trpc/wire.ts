/**
 * What the browser's tRPC client puts on every query and mutation besides its input (src/trpc/client.tsx),
 * shared with the API benchmark, which sends what the browser sends (test/trpc-request.ts).
 */
export const TRPC_CLIENT_HEADERS: Readonly<Record<string, string>> = Object.freeze({ "x-trpc-source": "react" });
