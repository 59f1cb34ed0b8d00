/** The one table `npm run bench` prints: a Markdown table, aligned, so it pastes into docs as is. */
import { formatNumber } from "./stats";
import type { BenchRow } from "./types";

function decimalsFor(value: number): number {
  return Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
}

export function formatFigure(value: number): string {
  return formatNumber(value, decimalsFor(value));
}

/**
 * How many times better Showreel is than the baseline on this row (> 1: better), from the medians. Empty
 * without a baseline; "∞" when Showreel's figure is 0 where lower is better (e.g. units over budget).
 */
export function formatRatio(row: BenchRow): string {
  if (!row.baseline) return "";
  const [ours, theirs] = [row.stats.median, row.baseline.median];
  const [numerator, denominator] = row.better === "higher" ? [ours, theirs] : [theirs, ours];
  if (denominator === 0) return numerator === 0 ? "1×" : "∞";
  return `${formatFigure(numerator / denominator)}×`;
}

/**
 * One row per figure: Showreel's spread, the baseline's median and the ratio side by side, the target and
 * whether it was met; every benchmark's own extra figures go in the last column as "label: value", so
 * the table keeps nine columns however many benchmarks it holds.
 */
export function renderTable(rows: readonly BenchRow[]): string {
  return renderCells(rows.map(rowCells));
}

const TABLE_HEADER = [
  "benchmark",
  "size",
  "workers",
  "Showreel min / median / max",
  "baseline median",
  "ratio",
  "target",
  "met?",
  "other figures",
];

/** A row's nine cells, as the table prints them. */
export function rowCells(row: BenchRow): string[] {
  return [
    row.benchmark,
    row.size,
    String(row.workers),
    `${formatFigure(row.stats.min)} / ${formatFigure(row.stats.median)} / ${formatFigure(row.stats.max)} ${row.metric}`,
    row.baseline ? `${formatFigure(row.baseline.median)} ${row.metric}` : "",
    formatRatio(row),
    row.target,
    row.met ? "yes" : "NO",
    [
      ...(row.perWorker === undefined
        ? []
        : [{ label: "per worker", value: `${formatFigure(row.perWorker)} ${row.metric}` }]),
      ...row.extra,
    ]
      .map((cell) => `${cell.label}: ${cell.value}`)
      .join("; "),
  ];
}

/** The table from rows already in cells (rowCells, or lines read back from docs/benchmarks.md), aligned. */
export function renderCells(body: readonly (readonly string[])[]): string {
  const widths = TABLE_HEADER.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? "").padEnd(width)).join(" | ")} |`;
  return [line(TABLE_HEADER), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...body.map(line)].join(
    "\n",
  );
}

/** The body rows of a table renderTable printed, as cells (header and rule left out). */
export function parseTableCells(markdown: string): string[][] {
  const lines = markdown.split("\n").filter((line) => line.startsWith("|"));
  return lines.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split(" | ")
      .map((cell) => cell.trim()),
  );
}
