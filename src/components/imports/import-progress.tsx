"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferOutput } from "@trpc/tanstack-react-query";
import Link from "next/link";
import { useState } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { shouldRetryQuery } from "~/components/errors/error-text";
import { isRunActive } from "~/components/live/in-flux";
import { useLiveUpdates } from "~/components/live/live-updates";
import { cx } from "~/components/ui/class-names";
import { CheckCircleIcon, ErrorIcon, Spinner, WarningIcon } from "~/components/ui/icons";
import { ProgressBar } from "~/components/ui/progress-bar";
import { Skeleton } from "~/components/ui/skeleton";
import { useNow } from "~/components/ui/use-now";
import { useTRPC } from "~/trpc/client";
import { createFinishWatch } from "./finish-watch";
import { describeSkipReasons, describeWaiting } from "./run-text";

export type ImportRun = inferOutput<ReturnType<typeof useTRPC>["imports"]["get"]>;
type RunStatus = ImportRun["status"];

/** How often the estimate and the resume time on screen are recomputed (no request). */
const TICK_INTERVAL_MS = 1000;
/** Without the live stream, an active run is re-read this often. */
const FALLBACK_POLL_INTERVAL_MS = 5000;
/** A run waiting for the quota reset can wait for hours; it is checked less often until it is close. */
const WAITING_POLL_INTERVAL_MS = 15_000;

/** Polling only stands in for the live stream, which brings each change of the row as it commits. */
function pollInterval(run: ImportRun | undefined, isLive: boolean): number | false {
  if (isLive || !isRunActive(run)) return false;
  const resumesIn = run?.status === "waiting" && run.resumeAt ? run.resumeAt.getTime() - Date.now() : 0;
  return resumesIn > WAITING_POLL_INTERVAL_MS ? WAITING_POLL_INTERVAL_MS : FALLBACK_POLL_INTERVAL_MS;
}
/** Below this much run time the rate is mostly start-up noise, so no estimate is shown. */
const MIN_ELAPSED_FOR_ETA_MS = 3000;

function formatEta(seconds: number): string {
  if (seconds < 60) return "less than a minute left";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min left`;
}

/** Time left at the rate so far; null until there is a rate worth quoting. */
function estimateRemaining(run: ImportRun, now: number): string | null {
  if (run.status !== "running" || !run.startedAt) return null;
  const processed = run.imported + run.skipped + run.failed;
  const elapsedMs = now - run.startedAt.getTime();
  if (processed === 0 || processed >= run.total || elapsedMs < MIN_ELAPSED_FOR_ETA_MS) return null;
  const perSecond = processed / (elapsedMs / 1000);
  return formatEta((run.total - processed) / perSecond);
}

/** What a finished import of a channel with no uploads says instead of a bare "Done". */
const EMPTY_CHANNEL_TEXT = "Done: this channel has no videos on YouTube yet, so there was nothing to import.";

function statusLine(run: ImportRun, now: number): string {
  switch (run.status) {
    case "queued":
      return "Waiting for a worker…";
    case "running":
      return "Importing…";
    case "waiting":
      return describeWaiting(run, now);
    case "done":
      // A channel that never published answers with no uploads list or an empty one: a result, not an error.
      return run.kind === "channel" && run.total === 0 ? EMPTY_CHANNEL_TEXT : "Done";
    case "partial":
      return "Done, with some videos that couldn't be read";
    case "failed":
      return run.error ?? "The import stopped because of an error.";
  }
}

const STATUS_ICONS: Record<RunStatus, { Icon: typeof CheckCircleIcon | typeof Spinner; className: string }> = {
  queued: { Icon: Spinner, className: "text-muted-foreground" },
  running: { Icon: Spinner, className: "text-brand-text" },
  waiting: { Icon: WarningIcon, className: "text-warning-fg" },
  done: { Icon: CheckCircleIcon, className: "text-success-fg" },
  partial: { Icon: WarningIcon, className: "text-warning-fg" },
  failed: { Icon: ErrorIcon, className: "text-danger-fg" },
};

export type ImportProgressProps = {
  runId: string;
  /** The run as a list already returned it; saves a request for runs that have finished. */
  initialRun?: ImportRun;
  /** When `initialRun` was fetched, so it goes stale on the usual schedule. */
  initialRunUpdatedAt?: number;
  /** Called once when a run this component watched goes from active to finished. */
  onFinished?: (run: ImportRun) => void;
  className?: string;
};

/**
 * Live progress of one import run, read from its row (`imports.get`), updated by the live stream as the worker
 * writes it (or polled every 5 s while active when the stream is down):
 * a bar, the counts, why videos were skipped, and a status line with an estimate while running.
 */
export function ImportProgress({ runId, initialRun, initialRunUpdatedAt, onFinished, className }: ImportProgressProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isLive = useLiveUpdates();
  const options = trpc.imports.get.queryOptions(
    { runId },
    {
      initialData: initialRun,
      initialDataUpdatedAt: initialRunUpdatedAt,
      refetchInterval: (query) => pollInterval(query.state.data, isLive),
      retry: shouldRetryQuery,
    },
  );
  const [hasJustFinished] = useState(createFinishWatch);
  const run = useQuery({
    ...options,
    // "The run finished" is learnt when a read returns (the live stream answers a finished run by rereading
    // it, never by writing it into the cache), so it is reported from the fetch itself rather than by an
    // effect watching the data; the watch compares with the cached run and fires once even if reads overlap.
    queryFn: async (context) => {
      const before = queryClient.getQueryData(options.queryKey);
      const latest = await options.queryFn!(context);
      if (onFinished && hasJustFinished(before, latest)) onFinished(latest);
      return latest;
    },
  });
  // Ticks only while an estimate or a resume time is on screen.
  const now = useNow(TICK_INTERVAL_MS, run.data?.status === "running" || run.data?.status === "waiting");

  if (run.isPending) {
    return (
      <div aria-busy="true" className={className}>
        <Skeleton className="h-4 w-40 rounded-full" />
        <Skeleton className="mt-3 h-2.5 w-full rounded-full" />
        <Skeleton className="mt-3 h-3 w-56 max-w-full rounded-full" />
        <span className="sr-only">Loading import progress…</span>
      </div>
    );
  }

  if (run.isError && !run.data) {
    return (
      <ApiErrorAlert
        className={className}
        error={run.error}
        title="We couldn't load this import's progress"
        fallback="Please try again in a moment."
        onRetry={() => void run.refetch()}
        isRetrying={run.isFetching}
      />
    );
  }

  return <RunDetails run={run.data} now={now} className={className} />;
}

/** A run's status line, bar, counts and skip reasons, as of `now`. */
function RunDetails({ run, now, className }: { run: ImportRun; now: number; className: string | undefined }) {
  const processed = run.imported + run.skipped + run.failed;
  const isActive = isRunActive(run);
  const isGrowing = run.kind !== "videos" && isActive;
  const skipReasons = describeSkipReasons(run.skipReasons);
  const eta = estimateRemaining(run, now);
  const look = STATUS_ICONS[run.status];

  return (
    <div className={className}>
      <div className="flex items-start justify-between gap-3">
        <p
          role="status"
          className={cx(
            "flex min-w-0 items-start gap-2 text-sm font-medium",
            run.status === "failed" && "text-danger-fg",
          )}
        >
          <look.Icon className={cx("mt-0.5 size-4 shrink-0", look.className)} />
          <span>{statusLine(run, now)}</span>
        </p>
        {eta ? <p className="shrink-0 text-sm text-muted-foreground">{eta}</p> : null}
      </div>

      <ProgressBar
        className="mt-3"
        label="Import progress"
        max={run.total}
        valueText={`${processed} of ${run.total} videos`}
        segments={[
          { value: run.imported, tone: "success" },
          { value: run.skipped, tone: "muted" },
          { value: run.failed, tone: "danger" },
        ]}
      />

      <p className="mt-2 text-sm text-muted-foreground tabular-nums">
        <span className="font-medium text-foreground">{run.imported} imported</span>
        {" · "}
        {run.skipped} skipped
        {" · "}
        <span className={run.failed > 0 ? "text-danger-fg" : undefined}>{run.failed} failed</span>
        {run.total > 0
          ? ` of ${run.total}${isGrowing ? " found so far" : ""}`
          : isGrowing
            ? " — finding videos…"
            : null}
      </p>
      {skipReasons.length > 0 ? (
        <p className="mt-1 text-sm text-muted-foreground">Not imported: {skipReasons.join(", ")}.</p>
      ) : null}

      {!isActive && run.imported > 0 ? (
        <Link
          href="/projects"
          className="mt-3 inline-flex text-sm font-medium text-brand-text underline-offset-4 hover:underline"
        >
          See your projects<span aria-hidden="true">&nbsp;→</span>
        </Link>
      ) : null}
    </div>
  );
}
