import { useId } from "react";
import { cx } from "./class-names";

/** A point: x as epoch milliseconds, y as a value. */
export type ChartPoint = readonly [x: number, y: number];

export type ChartTone = "brand" | "sky" | "amber" | "emerald" | "violet" | "slate";

/** Picked to stay apart from each other, and readable on both the light and the dark surface. */
const TONE_CLASSES: Record<ChartTone, string> = {
  brand: "text-brand-text",
  sky: "text-sky-600 dark:text-sky-400",
  amber: "text-amber-600 dark:text-amber-400",
  emerald: "text-emerald-600 dark:text-emerald-400",
  violet: "text-violet-600 dark:text-violet-400",
  slate: "text-slate-500 dark:text-slate-400",
};

export const CHART_TONES: readonly ChartTone[] = ["brand", "sky", "amber", "emerald", "violet", "slate"];

export type ChartSeries = {
  label: string;
  points: readonly ChartPoint[];
  tone: ChartTone;
  /** Filled down to zero (one series a chart, or they hide each other). */
  area?: boolean;
  /** A forecast rather than a measurement. */
  dashed?: boolean;
  /** Shown in the legend after the label ("12 waiting"); the legend is also the chart's text alternative. */
  valueText?: string;
};

export type ChartThreshold = { value: number; label: string };

export type LineChartProps = {
  /** The chart's accessible name ("Queue depth, last hour"). */
  title: string;
  /** One or two sentences a screen reader gets instead of the picture: what it shows now. */
  summary: string;
  series: readonly ChartSeries[];
  /** The x range drawn, so charts of the same window line up and an empty stretch shows as empty. */
  xDomain: readonly [number, number];
  /** The y axis reaches at least this (a threshold, a limit); otherwise it fits the data. */
  yMin?: number;
  formatX: (x: number) => string;
  formatY: (y: number) => string;
  thresholds?: readonly ChartThreshold[];
  /** Said in place of the lines when no series has a point. */
  emptyText?: string;
  className?: string;
};

/** Plot coordinates: the SVG is stretched to its box, so x and y are simply 0–1000 and 0–100. */
const PLOT_WIDTH = 1000;
const PLOT_HEIGHT = 100;

/** Rounds a maximum up to 1, 2 or 5 × a power of ten, so the top gridline carries a tidy figure. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value) ?? 10;
  return step * magnitude;
}

function scale(domain: readonly [number, number], yMax: number) {
  const span = Math.max(1, domain[1] - domain[0]);
  return {
    x: (x: number) => ((x - domain[0]) / span) * PLOT_WIDTH,
    y: (y: number) => PLOT_HEIGHT - (Math.min(Math.max(y, 0), yMax) / yMax) * PLOT_HEIGHT,
  };
}

function pathOf(points: readonly ChartPoint[], toX: (x: number) => number, toY: (y: number) => number): string {
  return points.map(([x, y], index) => `${index === 0 ? "M" : "L"}${toX(x).toFixed(1)} ${toY(y).toFixed(2)}`).join(" ");
}

/**
 * A small line/area chart in plain SVG, no chart library. The drawing stretches to any width (lines keep
 * their stroke with `vector-effect`), while every word and figure (axis labels, legend, last values) is
 * HTML, so text never squashes on a 375 px phone and follows the theme. The SVG is one `role="img"` with
 * a title and a text summary; the legend repeats each series' latest value, so colour is never the only
 * way to tell lines apart or read them.
 */
export function LineChart({
  title,
  summary,
  series,
  xDomain,
  yMin = 0,
  formatX,
  formatY,
  thresholds = [],
  emptyText = "No data in this window yet.",
  className,
}: LineChartProps) {
  const id = useId();
  const drawn = series.filter((entry) => entry.points.length > 0);
  const dataMax = Math.max(
    0,
    ...drawn.flatMap((entry) => entry.points.map(([, y]) => y)),
    ...thresholds.map((line) => line.value),
  );
  const yMax = niceCeiling(Math.max(yMin, dataMax));
  const { x: toX, y: toY } = scale(xDomain, yMax);

  return (
    <figure className={cx("min-w-0", className)}>
      <div className="flex items-baseline justify-between gap-2 text-xs text-muted-foreground tabular-nums">
        <span>{formatY(yMax)}</span>
      </div>
      <div className="relative mt-1 h-36 sm:h-44">
        <svg
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-desc`}
          viewBox={`0 0 ${PLOT_WIDTH} ${PLOT_HEIGHT}`}
          preserveAspectRatio="none"
          className="absolute inset-0 size-full overflow-visible"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          <g className="text-border" aria-hidden="true">
            {[0, 0.5, 1].map((fraction) => (
              <line
                key={fraction}
                x1={0}
                x2={PLOT_WIDTH}
                y1={PLOT_HEIGHT * fraction}
                y2={PLOT_HEIGHT * fraction}
                stroke="currentColor"
                strokeWidth={1}
                vectorEffect="non-scaling-stroke"
              />
            ))}
          </g>
          {thresholds.map((line) => (
            <line
              key={line.label}
              x1={0}
              x2={PLOT_WIDTH}
              y1={toY(line.value)}
              y2={toY(line.value)}
              className="text-danger"
              stroke="currentColor"
              strokeWidth={1.5}
              strokeDasharray="6 4"
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {drawn.map((entry) => {
            const path = pathOf(entry.points, toX, toY);
            const first = entry.points[0]!;
            const last = entry.points[entry.points.length - 1]!;
            return (
              <g key={entry.label} className={TONE_CLASSES[entry.tone]}>
                {entry.area && entry.points.length > 1 ? (
                  <path
                    d={`${path} L${toX(last[0]).toFixed(1)} ${PLOT_HEIGHT} L${toX(first[0]).toFixed(1)} ${PLOT_HEIGHT} Z`}
                    fill="currentColor"
                    fillOpacity={0.15}
                    stroke="none"
                  />
                ) : null}
                <path
                  d={path}
                  fill="none"
                  stroke="currentColor"
                  strokeWidth={2}
                  strokeLinejoin="round"
                  strokeDasharray={entry.dashed ? "6 5" : undefined}
                  vectorEffect="non-scaling-stroke"
                />
              </g>
            );
          })}
        </svg>
        {/* Dots are HTML so they stay round in the stretched plot; the last one of each series is "now". */}
        {drawn.map((entry) => {
          const last = entry.points[entry.points.length - 1]!;
          return (
            <span
              key={entry.label}
              aria-hidden="true"
              className={cx(
                "absolute size-2 -translate-x-1/2 -translate-y-1/2 rounded-full bg-current",
                TONE_CLASSES[entry.tone],
              )}
              style={{ left: `${(toX(last[0]) / PLOT_WIDTH) * 100}%`, top: `${(toY(last[1]) / PLOT_HEIGHT) * 100}%` }}
            />
          );
        })}
        {drawn.length === 0 ? (
          <p className="absolute inset-0 flex items-center justify-center text-sm text-muted-foreground">{emptyText}</p>
        ) : null}
      </div>
      <div aria-hidden="true" className="mt-1 flex justify-between gap-2 text-xs text-muted-foreground tabular-nums">
        <span>{formatX(xDomain[0])}</span>
        <span>{formatX(xDomain[1])}</span>
      </div>
      <figcaption className="mt-3">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {series.map((entry) => (
            <li key={entry.label} className="flex min-w-0 items-center gap-2">
              <span
                aria-hidden="true"
                className={cx(
                  "h-0.5 w-4 shrink-0 rounded-full",
                  entry.dashed ? "border-t-2 border-dashed border-current bg-transparent" : "bg-current",
                  TONE_CLASSES[entry.tone],
                )}
              />
              <span className="break-all font-mono text-xs">{entry.label}</span>
              {entry.valueText ? <span className="text-muted-foreground tabular-nums">{entry.valueText}</span> : null}
            </li>
          ))}
          {thresholds.map((line) => (
            <li key={line.label} className="flex items-center gap-2">
              <span aria-hidden="true" className="w-4 shrink-0 border-t-2 border-dashed border-danger" />
              <span className="text-xs">{line.label}</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
