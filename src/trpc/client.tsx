"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, loggerLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import { makeQueryClient } from "./query-client";
import type { AppRouter } from "./routers/_app";
import { TRPC_CLIENT_HEADERS } from "./wire";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // The server makes a fresh client per request; the browser keeps one so suspense does not reset it.
  if (typeof window === "undefined") return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        loggerLink({ enabled: (op) => op.direction === "down" && op.result instanceof Error }),
        // Subscriptions (live.events) are server-sent events on their own GET; everything else is batched,
        // each batch answered as one JSON body. Not httpBatchStreamLink: its JSON-lines answer (headers
        // first, then a line per call, each written and flushed apart) cost the web process 1.19–1.28 ms of
        // CPU for a batch of one sources.list against 0.87–1.12 ms for the same call answered whole
        // (docs/architecture.md, "The web request path"); a batch's calls here all answer in milliseconds.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ transformer: superjson, url: "/api/trpc" }),
          false: httpBatchLink({
            transformer: superjson,
            url: "/api/trpc",
            headers: () => TRPC_CLIENT_HEADERS,
          }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
