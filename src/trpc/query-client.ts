import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/** Attempts after a web process refused a call as busy, before the UI shows the failure. */
export const MAX_OVERLOAD_RETRIES = 4;
/** TanStack Query's own default for other failures in the browser (none on the server). */
const DEFAULT_QUERY_RETRIES = 3;
/** Never wait longer than this between attempts, whatever Retry-After says. */
const MAX_OVERLOAD_DELAY_MS = 10_000;

/**
 * Retry-After, in ms, when `error` is a web process's refusal to take the call at all (admission control's
 * 503, or a proxy's): an HTTP 503 whose body is not a tRPC error. Null for anything else — a procedure's
 * own 503 (quota exhausted, YouTube down) comes as a tRPC error with data, and ran.
 */
export function overloadRetryDelayMs(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const { meta, data } = error as { meta?: { response?: { status?: number; headers?: Headers } }; data?: unknown };
  const response = meta?.response;
  if (response?.status !== 503 || data != null) return null;
  const seconds = Number(response.headers?.get("retry-after") ?? "1");
  return Math.min(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000, MAX_OVERLOAD_DELAY_MS);
}

/**
 * A refused call never ran, so queries and mutations alike retry it after Retry-After (plus up to half a
 * second of jitter, so the tabs a burst refused do not come back together). While it retries the query
 * stays pending and the UI shows its usual loading state, not an error.
 */
function retryDelay(failureCount: number, error: unknown): number {
  const overload = overloadRetryDelayMs(error);
  if (overload !== null) return overload + Math.random() * 500;
  return Math.min(1000 * 2 ** failureCount, 30_000);
}

export function makeQueryClient(): QueryClient {
  const isServer = typeof window === "undefined";
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30 * 1000,
        retry: (failureCount, error) =>
          overloadRetryDelayMs(error) !== null
            ? failureCount < MAX_OVERLOAD_RETRIES
            : !isServer && failureCount < DEFAULT_QUERY_RETRIES,
        retryDelay,
      },
      mutations: {
        retry: (failureCount, error) => overloadRetryDelayMs(error) !== null && failureCount < MAX_OVERLOAD_RETRIES,
        retryDelay,
      },
      dehydrate: {
        serializeData: superjson.serialize,
        // Also stream queries still pending on the server, so prefetch never blocks rendering.
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
