"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { inferOutput } from "@trpc/tanstack-react-query";
import { useEffect, useSyncExternalStore } from "react";
import { useSession } from "~/components/auth/auth-client";
import { skipReasonsSchema } from "~/lib/imports/imports.schema";
import type { LiveEvent } from "~/server/live/hub";
import { useTRPC, useTRPCClient } from "~/trpc/client";
import { isInFlux, isRunActive } from "./in-flux";
import { connectLive, type LiveState } from "./live-connection";

type Trpc = ReturnType<typeof useTRPC>;
type ImportRun = inferOutput<Trpc["imports"]["get"]>;

/**
 * Turns one live event into cache updates: progress goes straight into imports.get's cache (no request);
 * anything else marks the affected queries stale, and TanStack Query refetches those on screen.
 */
export function applyLiveEvent(
  event: LiveEvent,
  { queryClient, trpc }: { queryClient: QueryClient; trpc: Trpc },
): void {
  const invalidate = (...queryKeys: readonly unknown[][]) => {
    for (const queryKey of queryKeys) void queryClient.invalidateQueries({ queryKey });
  };
  switch (event.kind) {
    case "import": {
      const queryKey = trpc.imports.get.queryKey({ runId: event.runId });
      const state = queryClient.getQueryState(queryKey);
      const firstReadInFlight = state?.data === undefined && state?.fetchStatus === "fetching";
      if (firstReadInFlight) {
        // The run's first read is in flight and may have read the row before this change; TanStack Query
        // would fold an invalidation into that same read, so it is cancelled and made again.
        void queryClient.cancelQueries({ queryKey }).then(() => queryClient.invalidateQueries({ queryKey }));
      }
      const skipReasons = skipReasonsSchema.safeParse(event.run?.skipReasons);
      if (event.run && skipReasons.success && isRunActive(event.run)) {
        // A run a page already shows takes the event's figures (imports.get's own columns) as they are;
        // one no page shows yet (a sync just started it) makes the lists of runs on screen reread.
        const run: ImportRun = { ...event.run, skipReasons: skipReasons.data };
        if (state?.data === undefined) invalidate(trpc.dashboard.summary.queryKey(), trpc.imports.list.pathKey());
        else if (state.fetchStatus !== "fetching") queryClient.setQueryData(queryKey, run);
        // A reread in flight (the stream's hello, a refocus) may have read the row before this change and
        // land after it, putting older figures back on screen until the next event. The event carries all
        // the read would bring, so the read is cancelled and the event written once it has stopped (before
        // the next event can arrive: the cancel settles in microtasks).
        else void queryClient.cancelQueries({ queryKey }).then(() => queryClient.setQueryData(queryKey, run));
        return;
      }
      // Finished (or too large to send, or with figures this page cannot read): read the run once, and what
      // its end changed.
      invalidate(
        ...(firstReadInFlight ? [] : [queryKey]),
        trpc.imports.list.pathKey(),
        trpc.projects.pathKey(),
        trpc.dashboard.pathKey(),
        trpc.sources.pathKey(),
        trpc.quota.pathKey(),
      );
      return;
    }
    case "notification":
      // Notifications are how the worker reports quota trouble and failed syncs: the meter rereads too.
      invalidate(trpc.notifications.pathKey(), trpc.quota.pathKey());
      return;
    case "project":
      invalidate(trpc.projects.pathKey());
      return;
    case "projects":
      invalidate(trpc.projects.pathKey(), trpc.dashboard.pathKey(), trpc.sources.pathKey());
      return;
    case "sources":
      invalidate(trpc.sources.pathKey());
      return;
    case "resync":
      // Events may have been missed: everything on screen is read again, once.
      void queryClient.invalidateQueries();
      return;
    case "hello":
      // The stream (re)opened: reread once what was still moving when the page was rendered.
      void queryClient.invalidateQueries({ predicate: (query) => isInFlux(query.queryKey, query.state.data) });
      return;
    case "ping":
      return;
  }
}

/** The tab's stream state: one stream per tab, so one value per page, read by every polling component. */
let liveState: LiveState = "connecting";
const stateListeners = new Set<() => void>();

function setLiveState(next: LiveState): void {
  if (next === liveState) return;
  liveState = next;
  for (const listener of stateListeners) listener();
}

function subscribeToLiveState(listener: () => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/**
 * Keeps one live-events stream open per signed-in tab (mounted once, in the root layout) and feeds the
 * query cache from it. Renders nothing; components ask `useLiveUpdates()` whether they may skip polling.
 */
export function LiveUpdates(): null {
  const session = useSession();
  const userId = session.data?.user.id ?? null;
  const isSignedOut = !session.isPending && !userId;
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (isSignedOut) setLiveState("fallback");
    if (!userId) return;
    setLiveState("connecting");
    return connectLive<LiveEvent>({
      subscribe: (input, handlers) => trpcClient.live.events.subscribe(input, handlers),
      onState: setLiveState,
      onEvent: (event) => applyLiveEvent(event, { queryClient, trpc }),
    });
  }, [userId, isSignedOut, trpc, trpcClient, queryClient]);

  return null;
}

/**
 * True while the tab's live stream is open or opening (the server renders pages this way too): the page
 * then polls nothing fast, events update it. False once it fell back to polling (a proxy that buffers, a
 * failing stream) or nobody is signed in.
 */
export function useLiveUpdates(): boolean {
  const state = useSyncExternalStore(
    subscribeToLiveState,
    () => liveState,
    () => "connecting" as const,
  );
  return state !== "fallback";
}

/** A query's refetch interval: `live` while the stream works, `fallback` while polling stands in for it. */
export function useLiveInterval(fallback: number | false, live: number | false = false): number | false {
  return useLiveUpdates() ? live : fallback;
}
