/** The one table `npm run bench` prints: a Markdown table, aligned, so it pastes into docs as is. */
import { formatNumber } from "./stats";
import type { BenchRow } from "./types";

function decimalsFor(value: number): number {
  return Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
}

export function formatFigure(value: number): string {
  return formatNumber(value, decimalsFor(value));
}

export function renderTable(rows: readonly BenchRow[]): string {
  const extraLabels = [...new Set(rows.flatMap((row) => row.extra.map((cell) => cell.label)))];
  const header = ["benchmark", "size", "workers", "min / median / max", "per worker", ...extraLabels, "target", "met?"];
  const body = rows.map((row) => [
    row.benchmark,
    row.size,
    String(row.workers),
    `${formatFigure(row.stats.min)} / ${formatFigure(row.stats.median)} / ${formatFigure(row.stats.max)} ${row.metric}`,
    row.perWorker === undefined ? "" : `${formatFigure(row.perWorker)} ${row.metric}`,
    ...extraLabels.map((label) => row.extra.find((cell) => cell.label === label)?.value ?? ""),
    row.target,
    row.met ? "yes" : "NO",
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
