"use client";

import { RequireSession } from "~/components/auth/require-session";
import { FollowChannelCard } from "~/components/sources/follow-channel-card";
import { SourceList } from "~/components/sources/source-list";
import { Skeleton } from "~/components/ui/skeleton";

/**
 * The signed-in part of /sources. Visitors get a sign-in prompt; a signed-in user gets the page at once, with the session the app layout
 * read and the data the page preloaded. Every procedure below checks the session again.
 */
export function SourcesView() {
  return (
    <RequireSession returnTo="/sources" reason="to follow channels" fallback={<SourcesSkeleton />}>
      {() => (
        <div className="space-y-12">
          <FollowChannelCard />
          <SourceList />
        </div>
      )}
    </RequireSession>
  );
}

function SourcesSkeleton() {
  return (
    <div aria-busy="true" className="rounded-card border border-border bg-surface p-6 shadow-card">
      <div aria-hidden="true">
        <Skeleton className="h-5 w-48 rounded-full" />
        <Skeleton className="mt-3 h-3 w-full max-w-sm rounded-full" />
        <Skeleton className="mt-6 h-11 w-full rounded-control" />
        <Skeleton className="mt-5 h-11 w-full max-w-xs rounded-control" />
        <Skeleton className="mt-5 h-11 w-28 rounded-control" />
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
