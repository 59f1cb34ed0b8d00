"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { RequireSession } from "~/components/auth/require-session";
import { ChannelImportCard } from "~/components/imports/channel-import-card";
import { PasteLinksCard } from "~/components/imports/paste-links-card";
import { RecentImports } from "~/components/imports/recent-imports";
import { Skeleton } from "~/components/ui/skeleton";
import { useTRPC } from "~/trpc/client";

/**
 * The signed-in part of /import. Visitors get a sign-in prompt; a signed-in user gets the page at once, with the session the app layout
 * read and the data the page preloaded. Every procedure below checks the session again.
 */
export function ImportView() {
  return (
    <RequireSession returnTo="/import" reason="to import videos" fallback={<ImportSkeleton />}>
      {() => <ImportForms />}
    </RequireSession>
  );
}

/** Which run each form started during this visit; those show under their form, not in the list. */
type StartedRuns = { videos: string | null; channel: string | null };

function ImportForms() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [started, setStarted] = useState<StartedRuns>({ videos: null, channel: null });
  const hiddenRunIds = new Set([started.videos, started.channel].filter((id): id is string => id !== null));

  function handleRunFinished() {
    // New projects exist, and My Videos' "Imported" flags changed.
    void queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.youtube.myVideos.pathKey() });
  }

  return (
    <div className="space-y-12">
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <PasteLinksCard
          runId={started.videos}
          onStarted={(runId) => setStarted((current) => ({ ...current, videos: runId }))}
          onRunFinished={handleRunFinished}
        />
        <ChannelImportCard
          runId={started.channel}
          onStarted={(runId) => setStarted((current) => ({ ...current, channel: runId }))}
          onRunFinished={handleRunFinished}
        />
      </div>

      <section aria-labelledby="recent-imports-title">
        <h2 id="recent-imports-title" className="text-xl font-semibold tracking-tight">
          Recent imports
        </h2>
        <div className="mt-4">
          <RecentImports hiddenRunIds={hiddenRunIds} onRunFinished={handleRunFinished} />
        </div>
      </section>
    </div>
  );
}

function ImportSkeleton() {
  return (
    <div aria-busy="true" className="grid gap-6 lg:grid-cols-2">
      {[0, 1].map((card) => (
        <div key={card} aria-hidden="true" className="rounded-card border border-border bg-surface p-6 shadow-card">
          <Skeleton className="h-5 w-48 rounded-full" />
          <Skeleton className="mt-3 h-3 w-full max-w-sm rounded-full" />
          <Skeleton className="mt-6 h-40 w-full rounded-control" />
          <Skeleton className="mt-5 h-11 w-36 rounded-control" />
        </div>
      ))}
      <span className="sr-only">Loading…</span>
    </div>
  );
}
