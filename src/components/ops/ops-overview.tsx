"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { shouldRetryQuery } from "~/components/errors/error-text";
import { Card, CardDescription, CardTitle } from "~/components/ui/card";
import { formatNumber } from "~/components/ui/format-number";
import { formatWait } from "~/components/errors/format-wait";
import { useTRPC } from "~/trpc/client";

/** Live enough to watch a backlog drain, cheap enough to leave open: one small query every 5 s. */
export const OPS_REFRESH_MS = 5_000;

const SEGMENTS = [
  { key: "active", label: "Running", className: "bg-brand" },
  { key: "ready", label: "Waiting", className: "bg-amber-500" },
  { key: "deferred", label: "Scheduled", className: "bg-sky-500" },
  { key: "failed", label: "Failed", className: "bg-red-600" },
] as const;

type QueueRow = { name: string; ready: number; deferred: number; active: number; failed: number; total: number };

/** One stacked bar per queue, scaled to the busiest queue; the table beside it carries the numbers. */
function QueueBar({ queue, scale }: { queue: QueueRow; scale: number }) {
  return (
    <div aria-hidden="true" className="flex h-3 w-full overflow-hidden rounded-full bg-surface-muted">
      {SEGMENTS.map((segment) =>
        queue[segment.key] > 0 ? (
          <span key={segment.key} className={segment.className} style={{ width: `${(queue[segment.key] / scale) * 100}%` }} />
        ) : null,
      )}
    </div>
  );
}

export function OpsOverview() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.ops.overview.queryOptions(undefined, { refetchInterval: OPS_REFRESH_MS, retry: shouldRetryQuery }));

  if (overview.isError) return <ApiErrorAlert error={overview.error} title="We couldn't read the queues" onRetry={() => void overview.refetch()} />;
  if (!overview.data) return <p className="text-muted-foreground">Reading the queues…</p>;

  const { queues, syncLagSeconds, dueChannels, readAt } = overview.data;
  const scale = Math.max(1, ...queues.map((queue) => queue.active + queue.ready + queue.deferred + queue.failed));
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <CardTitle as="h2">Sync lag</CardTitle>
          <p className="mt-2 text-3xl font-semibold tabular-nums">{formatWait(syncLagSeconds * 1000)}</p>
          <CardDescription className="mt-1">
            How overdue the most overdue followed channel is; {formatNumber(dueChannels)} channels are due now.
          </CardDescription>
        </Card>
        <Card>
          <CardTitle as="h2">Failed jobs kept</CardTitle>
          <p className="mt-2 text-3xl font-semibold tabular-nums">{formatNumber(queues.reduce((sum, queue) => sum + queue.failed, 0))}</p>
          <CardDescription className="mt-1">Jobs that gave up after their retries, still in the queue tables.</CardDescription>
        </Card>
      </div>
      <Card>
        <CardTitle as="h2">Queues</CardTitle>
        <CardDescription className="mt-1">
          pg-boss&apos;s own counts, refreshed every {OPS_REFRESH_MS / 1000} s (last read {readAt.toLocaleTimeString()}).
        </CardDescription>
        <ul aria-label="Legend" className="mt-4 flex flex-wrap gap-4 text-sm text-muted-foreground">
          {SEGMENTS.map((segment) => (
            <li key={segment.key} className="flex items-center gap-2">
              <span aria-hidden="true" className={`size-3 rounded-full ${segment.className}`} />
              {segment.label}
            </li>
          ))}
        </ul>
        <div className="mt-4 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Jobs per queue by state</caption>
            <thead className="text-muted-foreground">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Queue</th>
                <th scope="col" className="w-1/3 py-2 pr-4 font-medium">Load</th>
                {SEGMENTS.map((segment) => (
                  <th key={segment.key} scope="col" className="py-2 pr-4 text-right font-medium">
                    {segment.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {queues.map((queue) => (
                <tr key={queue.name} className="border-t border-border">
                  <th scope="row" className="py-2 pr-4 font-mono text-xs font-normal">{queue.name}</th>
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
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
