"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { shouldRetryQuery } from "~/components/errors/error-text";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClassName } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CardHeader } from "~/components/ui/card-header";
import { formatDateTime, formatRelativeTime } from "~/components/ui/format-date";
import { formatNumber } from "~/components/ui/format-number";
import { DownloadIcon, Spinner } from "~/components/ui/icons";
import { ProgressBar } from "~/components/ui/progress-bar";
import { Skeleton } from "~/components/ui/skeleton";
import { useTRPC } from "~/trpc/client";

/** While a file is being prepared, its progress is read this often. */
const PREPARING_POLL_MS = 1_500;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function Time({ date, relative = false }: { date: Date; relative?: boolean }) {
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)}>
      {relative ? formatRelativeTime(date) : formatDateTime(date)}
    </time>
  );
}

/**
 * "Export my data": a JSON file of the account, prepared by the worker and downloadable once, for
 * DATA_EXPORT_TTL_HOURS (24 h). The card follows the latest export: preparing (with progress), ready,
 * downloaded, expired or failed, and offers a new one when the last is done with.
 */
export function DataExportCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(
    trpc.account.exportStatus.queryOptions(undefined, {
      retry: shouldRetryQuery,
      refetchInterval: (query) => (query.state.data?.state === "preparing" ? PREPARING_POLL_MS : false),
    }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.exportStatus.queryKey() });
  const request = useMutation(trpc.account.requestExport.mutationOptions({ onSuccess: refresh }));
  const current = status.data ?? null;
  const canRequest = !current || current.state !== "preparing";

  const requestButton = (label: string) => (
    <Button
      variant={current?.state === "ready" ? "secondary" : "primary"}
      onClick={() => request.mutate()}
      aria-disabled={request.isPending || undefined}
    >
      {request.isPending ? <Spinner /> : null}
      {request.isPending ? "Starting…" : label}
    </Button>
  );

  return (
    <Card as="section" aria-labelledby="data-export-title">
      <CardHeader
        icon={<DownloadIcon />}
        titleId="data-export-title"
        title="Export my data"
        description="A JSON file of your account: your projects with their tools, categories, topics and YouTube stats, the channels you follow, your import history and notifications. No passwords or tokens. It is prepared in the background; you can download it once, within 24 hours."
      />
      <div className="mt-5" aria-live="polite">
        {status.isPending ? (
          <div aria-busy="true" className="space-y-2">
            <Skeleton className="h-4 w-64 rounded-full" />
            <span className="sr-only">Loading your export…</span>
          </div>
        ) : status.isError && !status.data ? (
          <ApiErrorAlert
            error={status.error}
            title="We couldn't load your export"
            onRetry={() => void status.refetch()}
            isRetrying={status.isFetching}
          />
        ) : !current ? (
          <p className="text-sm text-muted-foreground">You haven&apos;t exported your data yet.</p>
        ) : current.state === "preparing" ? (
          <div className="space-y-2">
            <p className="flex items-center gap-2 text-sm font-medium">
              <Spinner /> Preparing your export…
            </p>
            <ProgressBar
              label="Export progress"
              max={current.projectsTotal}
              segments={[{ value: current.projectsDone, tone: "brand" }]}
              valueText={`${formatNumber(current.projectsDone)} of ${formatNumber(current.projectsTotal)} projects`}
            />
            <p className="text-sm text-muted-foreground">
              {formatNumber(current.projectsDone)} of {formatNumber(current.projectsTotal)} projects written. You can
              leave this page; the file waits here for you.
            </p>
          </div>
        ) : current.state === "ready" ? (
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm">
              Your export is ready ({formatBytes(current.bytes)}, {formatNumber(current.projectsDone)} projects).
              Download it once, before {current.expiresAt ? <Time date={current.expiresAt} /> : "it expires"}.
            </p>
            <a
              href={`/api/data-export?id=${encodeURIComponent(current.id)}`}
              download
              className={buttonClassName({ variant: "primary" })}
              // The file can be fetched once: reread the status so the card says it was downloaded.
              onClick={() => window.setTimeout(() => void refresh(), 1_500)}
            >
              <DownloadIcon /> Download (JSON)
            </a>
          </div>
        ) : current.state === "downloaded" ? (
          <p className="text-sm text-muted-foreground">
            Downloaded {current.downloadedAt ? <Time date={current.downloadedAt} relative /> : null}. Each file can be
            downloaded once; ask for a new one whenever you like.
          </p>
        ) : current.state === "expired" ? (
          <p className="text-sm text-muted-foreground">
            Your last export expired {current.expiresAt ? <Time date={current.expiresAt} relative /> : null} without
            being downloaded.
          </p>
        ) : (
          <Alert tone="danger" title="Your export could not be prepared">
            {current.error ?? "Something went wrong while writing the file."} Nothing was lost; ask for a new one.
          </Alert>
        )}
      </div>
      <div role="alert">
        {request.isError ? (
          <ApiErrorAlert
            className="mt-4"
            error={request.error}
            title="We couldn't start your export"
            onDismiss={() => request.reset()}
          />
        ) : null}
      </div>
      {!status.isPending && canRequest ? (
        <div className="mt-5 flex justify-end">
          {requestButton(current ? "Prepare a new export" : "Prepare my export")}
        </div>
      ) : null}
    </Card>
  );
}
