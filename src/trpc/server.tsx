import "server-only";

import {
  dehydrate,
  HydrationBoundary,
  type FetchInfiniteQueryOptions,
  type FetchQueryOptions,
} from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { auth } from "~/server/auth";
import { createContext } from "./context";
import { makeQueryClient } from "./query-client";
import { appRouter, createCaller } from "./routers/_app";

/** One query client per request (React cache), shared by every prefetch in that render. */
export const getQueryClient = cache(makeQueryClient);

const createRequestContext = cache(async () => createContext({ headers: new Headers(await headers()) }));

export const trpc = createTRPCOptionsProxy({
  ctx: createRequestContext,
  router: appRouter,
  queryClient: getQueryClient,
});

/** Server-side data a component needs itself (not cached into the query client). */
export const caller = createCaller(createRequestContext);

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T): void {
  void getQueryClient().prefetchQuery(queryOptions);
}

/**
 * The browser session of this request, in the shape `useSession` gives the client (Better Auth's
 * get-session answer), or null when signed out. The session token and the client's address are left
 * out: this travels in the page's HTML.
 */
export const getServerSession = cache(async () => {
  const result = await auth.api.getSession({ headers: await headers() });
  if (!result) return null;
  return { user: result.user, session: { ...result.session, token: "", ipAddress: null, userAgent: null } };
});

/**
 * Fetches a query before the page renders, so its data is in the server's HTML and the first paint
 * shows it (no skeleton). For the cheap reads a page shows at once; `prefetch` streams instead. A failed
 * read is left for the browser to retry and explain.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function preload(options: FetchQueryOptions<any, any, any, any>): Promise<void> {
  return getQueryClient().prefetchQuery(options);
}

/** `preload` for a paged list read with useInfiniteQuery: its first page. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function preloadInfinite(options: FetchInfiniteQueryOptions<any, any, any, any, any>): Promise<void> {
  return getQueryClient().prefetchInfiniteQuery(options);
}
