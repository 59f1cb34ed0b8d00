"use client";

import { useQuery } from "@tanstack/react-query";
import { firstReads } from "~/components/first-reads";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { shouldRetryQuery } from "~/components/errors/error-text";
import { formatDateTime, formatRelativeTime } from "~/components/ui/format-date";
import { Skeleton } from "~/components/ui/skeleton";
import { useTRPC } from "~/trpc/client";
import { ImportProgress, type ImportRun } from "./import-progress";

/** The run's own label ("3 videos", the channel's title) with what kind of run it is. */
export function runTitle(run: ImportRun): string {
  switch (run.kind) {
    case "videos":
      return run.label ?? (run.total === 1 ? "1 video" : `${run.total} videos`);
    case "channel":
      return run.label ? `Channel: ${run.label}` : "Channel import";
    case "sync":
      return run.label ? `Sync: ${run.label}` : "Channel sync";
  }
}

type RecentImportsProps = {
  /** Runs already shown elsewhere on the page (under the form that started them). */
  hiddenRunIds: ReadonlySet<string>;
  onRunFinished: () => void;
};

/** The last ten import runs, newest first, each following its own progress while it is active. */
export function RecentImports({ hiddenRunIds, onRunFinished }: RecentImportsProps) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.imports.list.queryOptions(firstReads.recentImports, { retry: shouldRetryQuery }));

  if (runs.isPending) {
    return (
      <div aria-busy="true" className="space-y-3">
        {[0, 1].map((row) => (
          <div key={row} aria-hidden="true" className="rounded-card border border-border bg-surface p-5 shadow-card">
            <Skeleton className="h-4 w-32 rounded-full" />
            <Skeleton className="mt-4 h-2.5 w-full rounded-full" />
            <Skeleton className="mt-3 h-3 w-48 rounded-full" />
          </div>
        ))}
        <span className="sr-only">Loading your recent imports…</span>
      </div>
    );
  }

  if (runs.isError && !runs.data) {
    return (
      <ApiErrorAlert
        error={runs.error}
        title="We couldn't load your recent imports"
        fallback="Please try again in a moment."
        onRetry={() => void runs.refetch()}
        isRetrying={runs.isFetching}
      />
    );
  }

  const shown = runs.data.filter((run) => !hiddenRunIds.has(run.id));
  if (shown.length === 0) {
    return (
      <p className="rounded-card border border-dashed border-border-strong px-4 py-8 text-center text-sm text-muted-foreground">
        {runs.data.length === 0
          ? "No imports yet. Imports you start here or from My Videos show up with their progress."
          : "Nothing else yet — your earlier imports will be listed here."}
      </p>
    );
  }

  return (
    <ul className="space-y-3">
      {shown.map((run) => (
        <li key={run.id} className="rounded-card border border-border bg-surface p-4 shadow-card sm:p-5">
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
            <h3 className="font-semibold">{runTitle(run)}</h3>
            <p className="text-sm text-muted-foreground">
              Started{" "}
              <time dateTime={run.createdAt.toISOString()} title={formatDateTime(run.createdAt)}>
                {formatRelativeTime(run.createdAt)}
              </time>
            </p>
          </div>
          <ImportProgress
            runId={run.id}
            initialRun={run}
            initialRunUpdatedAt={runs.dataUpdatedAt}
            onFinished={onRunFinished}
          />
        </li>
      ))}
    </ul>
  );
}
