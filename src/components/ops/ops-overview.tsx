"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { shouldRetryQuery } from "~/components/errors/error-text";
import { Alert } from "~/components/ui/alert";
import { Card, CardDescription, CardTitle } from "~/components/ui/card";
import { formatNumber } from "~/components/ui/format-number";
import { useTRPC } from "~/trpc/client";
import { JobDurationsCard, QueueDepthCard, QuotaCard, SyncLagCard } from "./ops-charts";
import { formatClockSeconds, formatDayClock } from "./ops-format";
import { BreakersCard, DeadLettersCard, RecentFailuresCard } from "./ops-lists";
import { OpsTable } from "./ops-table";

/** Live enough to watch a backlog drain, cheap enough to leave open: a handful of bounded reads every 5 s. */
const OPS_REFRESH_MS = 5_000;

const SEGMENTS = [
  { key: "active", label: "Running", className: "bg-brand" },
  { key: "ready", label: "Waiting", className: "bg-amber-500" },
  { key: "deferred", label: "Scheduled", className: "bg-sky-500" },
  { key: "failed", label: "Failed", className: "bg-red-600" },
] as const;

const QUEUE_COLUMNS = [
  { label: "Queue" },
  { label: "Load", className: "w-1/3" },
  ...SEGMENTS.map((segment) => ({ label: segment.label, isNumeric: true })),
];

type QueueRow = { name: string; ready: number; deferred: number; active: number; failed: number; total: number };

/** One stacked bar per queue, scaled to the busiest queue; the table beside it carries the numbers. */
function QueueBar({ queue, scale }: { queue: QueueRow; scale: number }) {
  return (
    <div aria-hidden="true" className="flex h-3 w-full overflow-hidden rounded-full bg-surface-muted">
      {SEGMENTS.map((segment) =>
        queue[segment.key] > 0 ? (
          <span
            key={segment.key}
            className={segment.className}
            style={{ width: `${(queue[segment.key] / scale) * 100}%` }}
          />
        ) : null,
      )}
    </div>
  );
}

type ConfigError = { reason: string; method: string; status: number | null; count: number; lastSeenAt: Date };

/**
 * Google refusing Showreel's own key or project (the YouTubeConfigError alert): one line per reason, since
 * creators only see "an administrator has been told". What to change is in docs/operations.md.
 */
function ConfigErrorsNotice({ errors }: { errors: readonly ConfigError[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert
      tone="danger"
      role="alert"
      title="Google refuses Showreel's configuration"
      aria-label="YouTube configuration problems"
    >
      <ul className="space-y-1">
        {errors.map((error) => (
          <li key={error.reason}>
            <span className="font-mono">{error.reason}</span> on {error.method}
            {error.status === null ? "" : ` (HTTP ${error.status})`}: {formatNumber(error.count)}{" "}
            {error.count === 1 ? "call" : "calls"} refused, last at {formatDayClock(error.lastSeenAt)}. Imports and
            syncs wait until the API key or Google Cloud project is fixed (docs/operations.md#youtubeconfigerror).
          </li>
        ))}
      </ul>
    </Alert>
  );
}

export function OpsOverview() {
  const trpc = useTRPC();
  const overview = useQuery(
    trpc.ops.overview.queryOptions(undefined, { refetchInterval: OPS_REFRESH_MS, retry: shouldRetryQuery }),
  );

  if (overview.isError && !overview.data) {
    return (
      <ApiErrorAlert
        error={overview.error}
        title="We couldn't read the queues"
        onRetry={() => void overview.refetch()}
      />
    );
  }
  if (!overview.data) return <p className="text-muted-foreground">Reading the queues…</p>;

  const data = overview.data;
  // Work queues only (those with a history): dead-letter queues have their own card, and pg-boss's internal ones
  // (`__pgboss__send-it`) are not ours to watch.
  const workQueues = data.queues.filter((queue) => data.queueHistory.some((history) => history.queue === queue.name));
  const scale = Math.max(1, ...workQueues.map((queue) => queue.active + queue.ready + queue.deferred + queue.failed));
  return (
    <div className="space-y-6">
      <p className="text-sm text-muted-foreground" aria-live="off">
        Refreshed every {OPS_REFRESH_MS / 1000} s; last read{" "}
        <time dateTime={data.readAt.toISOString()}>{formatClockSeconds(data.readAt)}</time>.
        {overview.isError ? " The last refresh failed; showing the previous read." : null}
      </p>
      <ConfigErrorsNotice errors={data.configErrors} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <QuotaCard overview={data} />
        <SyncLagCard overview={data} />
        <QueueDepthCard overview={data} />
        <JobDurationsCard overview={data} />
      </div>
      <DeadLettersCard deadLetters={data.deadLetters} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <RecentFailuresCard failures={data.recentFailures} />
        <BreakersCard breakers={data.breakers} readAt={data.readAt} />
      </div>
      <Card as="section" aria-labelledby="ops-queues-title">
        <CardTitle as="h2" id="ops-queues-title">
          Queues
        </CardTitle>
        <CardDescription className="mt-1">
          pg-boss&apos;s own counts per work queue, as of its last monitor pass.
        </CardDescription>
        <ul aria-label="Legend" className="mt-4 flex flex-wrap gap-4 text-sm text-muted-foreground">
          {SEGMENTS.map((segment) => (
            <li key={segment.key} className="flex items-center gap-2">
              <span aria-hidden="true" className={`size-3 rounded-full ${segment.className}`} />
              {segment.label}
            </li>
          ))}
        </ul>
        <OpsTable caption="Jobs per queue by state" columns={QUEUE_COLUMNS} minWidthClass="min-w-[36rem]">
          {workQueues.map((queue) => (
            <tr key={queue.name} className="border-t border-border">
              <th scope="row" className="py-2 pr-4 font-mono text-xs font-normal">
                {queue.name}
              </th>
              <td className="py-2 pr-4">
                <QueueBar queue={queue} scale={scale} />
              </td>
              {SEGMENTS.map((segment) => (
                <td key={segment.key} className="py-2 pr-4 text-right tabular-nums">
                  {formatNumber(queue[segment.key])}
                </td>
              ))}
            </tr>
          ))}
        </OpsTable>
      </Card>
    </div>
  );
}
