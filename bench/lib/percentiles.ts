/** Latency percentiles of one repeat (nearest-rank), what the import, reads and API-load rows report. */
export type Percentiles = { p50: number; p95: number; p99: number; count: number };

export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) throw new Error("percentile: no values");
  const rank = Math.ceil(share * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function percentilesOf(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    count: sorted.length,
  };
}
