import type { OpsOverview, QueueHistory } from "~/lib/ops/get-ops-overview";
import { Card, CardDescription, CardTitle } from "~/components/ui/card";
import { formatNumber } from "~/components/ui/format-number";
import { CHART_TONES, LineChart, type ChartPoint, type ChartSeries } from "~/components/ui/line-chart";
import { formatClock, formatDayClock, formatLag, formatMs } from "./ops-format";
import { OpsTable } from "./ops-table";

const DURATION_COLUMNS = [
  { label: "Queue" },
  { label: "Completed", isNumeric: true },
  { label: "p50 now", isNumeric: true },
  { label: "p95 now", isNumeric: true },
];

/** Lines a chart draws at most; more would be a tangle no one can read (the table has every queue). */
const MAX_QUEUE_LINES = 5;

/** Sums series that share timestamps (every queue is sampled at the same minute) into one. */
function sumByTime(seriesList: readonly (readonly ChartPoint[])[]): ChartPoint[] {
  const totals = new Map<number, number>();
  for (const points of seriesList) for (const [at, value] of points) totals.set(at, (totals.get(at) ?? 0) + value);
  return [...totals.entries()].sort(([a], [b]) => a - b);
}

const lastValue = (points: readonly ChartPoint[]) => points[points.length - 1]?.[1];
const peak = (points: readonly ChartPoint[]) => Math.max(0, ...points.map(([, value]) => value));

/** The busiest queues by a measure, most first, leaving out queues where it is always zero. */
function busiest(history: readonly QueueHistory[], measure: (queue: QueueHistory) => number): QueueHistory[] {
  return history
    .filter((queue) => measure(queue) > 0)
    .sort((a, b) => measure(b) - measure(a))
    .slice(0, MAX_QUEUE_LINES);
}

export function QueueDepthCard({ overview }: { overview: OpsOverview }) {
  const domain = [overview.windowStart.getTime(), overview.readAt.getTime()] as const;
  const total = sumByTime(overview.queueHistory.map((queue) => queue.depth));
  const queues = busiest(overview.queueHistory, (queue) => peak(queue.depth));
  const series: ChartSeries[] = [
    { label: "all queues", points: total, tone: "slate", valueText: `${formatNumber(lastValue(total) ?? 0)} now` },
    ...queues.map((queue, index) => ({
      label: queue.queue,
      points: queue.depth,
      tone: CHART_TONES[index % (CHART_TONES.length - 1)]!,
      valueText: `${formatNumber(lastValue(queue.depth) ?? 0)} now`,
    })),
  ];
  return (
    <Card as="section" aria-labelledby="ops-depth-title">
      <CardTitle as="h2" id="ops-depth-title">
        Queue depth
      </CardTitle>
      <CardDescription>Jobs waiting or running, last hour, one point a minute and the present.</CardDescription>
      <LineChart
        className="mt-4"
        title="Queue depth, last hour"
        summary={`${formatNumber(lastValue(total) ?? 0)} jobs waiting or running now across all queues; peak ${formatNumber(peak(total))} in the last hour.`}
        series={series}
        xDomain={domain}
        yMin={5}
        formatX={formatClock}
        formatY={formatNumber}
      />
    </Card>
  );
}

export function JobDurationsCard({ overview }: { overview: OpsOverview }) {
  const domain = [overview.windowStart.getTime(), overview.readAt.getTime()] as const;
  const queues = busiest(overview.queueHistory, (queue) => (queue.p95Ms.length > 0 ? queue.completed : 0));
  const series: ChartSeries[] = queues.map((queue, index) => ({
    label: queue.queue,
    points: queue.p95Ms,
    tone: CHART_TONES[index]!,
    valueText: `p95 ${formatMs(lastValue(queue.p95Ms) ?? 0)}`,
  }));
  const slowest = queues.reduce<{ queue: string; ms: number } | null>((worst, queue) => {
    const ms = peak(queue.p95Ms);
    return !worst || ms > worst.ms ? { queue: queue.queue, ms } : worst;
  }, null);
  return (
    <Card as="section" aria-labelledby="ops-durations-title">
      <CardTitle as="h2" id="ops-durations-title">
        Job durations
      </CardTitle>
      <CardDescription>
        p95 run time per minute, last hour, for the busiest queues; the alert fires above 30 s. The table has p50 too.
      </CardDescription>
      <LineChart
        className="mt-4"
        title="Job run time p95, last hour"
        summary={
          slowest
            ? `Slowest p95 in the last hour: ${slowest.queue} at ${formatMs(slowest.ms)}.`
            : "No job has completed in the last hour."
        }
        series={series}
        xDomain={domain}
        yMin={1000}
        formatX={formatClock}
        formatY={formatMs}
        emptyText="No job completed in the last hour."
      />
      <OpsTable caption="Job run times per queue, last hour" columns={DURATION_COLUMNS} minWidthClass="min-w-[28rem]">
        {overview.queueHistory
          .filter((queue) => queue.completed > 0)
          .map((queue) => {
            const p50 = lastValue(queue.p50Ms);
            const p95 = lastValue(queue.p95Ms);
            return (
              <tr key={queue.queue} className="border-t border-border">
                <th scope="row" className="py-2 pr-4 font-mono text-xs font-normal">
                  {queue.queue}
                </th>
                <td className="py-2 pr-4 text-right tabular-nums">{formatNumber(queue.completed)}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{p50 === undefined ? "–" : formatMs(p50)}</td>
                <td className="py-2 text-right tabular-nums">{p95 === undefined ? "–" : formatMs(p95)}</td>
              </tr>
            );
          })}
      </OpsTable>
    </Card>
  );
}

export function SyncLagCard({ overview }: { overview: OpsOverview }) {
  const { syncLag } = overview;
  return (
    <Card as="section" aria-labelledby="ops-lag-title">
      <CardTitle as="h2" id="ops-lag-title">
        Sync lag
      </CardTitle>
      <p className="mt-2 text-3xl font-semibold tabular-nums">{formatLag(syncLag.seconds)}</p>
      <CardDescription>
        How overdue the most overdue followed channel is; {formatNumber(syncLag.dueChannels)} channels are due now. The
        alert fires above 4 h.
      </CardDescription>
      <LineChart
        className="mt-4"
        title="Sync lag, last hour"
        summary={`Sync lag is ${formatLag(syncLag.seconds)} now, peak ${formatLag(peak(syncLag.history))} in the last hour.`}
        series={[
          {
            label: "sync lag",
            points: syncLag.history,
            tone: "sky",
            area: true,
            valueText: formatLag(syncLag.seconds),
          },
        ]}
        xDomain={[overview.windowStart.getTime(), overview.readAt.getTime()]}
        yMin={60}
        formatX={formatClock}
        formatY={formatLag}
      />
    </Card>
  );
}

export function QuotaCard({ overview }: { overview: OpsOverview }) {
  const { quota } = overview;
  const now = overview.readAt.getTime();
  const share = (units: number) => `${Math.round((units / quota.limit) * 100)} %`;
  const isOverBudget = quota.projectedAtReset > quota.limit;
  return (
    <Card as="section" aria-labelledby="ops-quota-title">
      <CardTitle as="h2" id="ops-quota-title">
        YouTube quota today
      </CardTitle>
      <p className="mt-2 text-3xl font-semibold tabular-nums">
        {formatNumber(quota.used)}{" "}
        <span className="text-base font-normal text-muted-foreground">of {formatNumber(quota.limit)} units</span>
      </p>
      <CardDescription>
        At today&apos;s rate, {formatNumber(quota.projectedAtReset)} units ({share(quota.projectedAtReset)}) will be
        spent by the reset at {formatDayClock(quota.resetsAt)} (midnight Pacific).{" "}
        {quota.exhaustsAt ? (
          <strong className="text-danger-fg">The budget runs out at {formatDayClock(quota.exhaustsAt)}.</strong>
        ) : null}
      </CardDescription>
      <LineChart
        className="mt-4"
        title="YouTube quota used today, with the projection to the reset"
        summary={`${formatNumber(quota.used)} of ${formatNumber(quota.limit)} units used (${share(quota.used)}); projected ${formatNumber(quota.projectedAtReset)} at the reset${isOverBudget ? ", over the budget" : ""}.`}
        series={[
          { label: "used", points: quota.history, tone: "brand", area: true, valueText: formatNumber(quota.used) },
          {
            label: "projected",
            points: [
              [now, quota.used],
              [quota.resetsAt.getTime(), quota.projectedAtReset],
            ],
            tone: "slate",
            dashed: true,
            valueText: `${formatNumber(quota.projectedAtReset)} at reset`,
          },
        ]}
        xDomain={[quota.dayStart.getTime(), quota.resetsAt.getTime()]}
        thresholds={[
          { value: quota.limit, label: `budget ${formatNumber(quota.limit)}` },
          { value: Math.round(quota.limit * 0.8), label: "80 % alert" },
        ]}
        formatX={formatDayClock}
        formatY={formatNumber}
      />
    </Card>
  );
}
