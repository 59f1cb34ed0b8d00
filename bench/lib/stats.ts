/** min / median / max of a run's repeats: what every benchmark row reports. */
export type Stats = { min: number; median: number; max: number; values: number[] };

export function summarize(values: readonly number[]): Stats {
  if (values.length === 0) throw new Error("summarize: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted.at(-1)!, values: [...values] };
}

/** Fixed decimals, thousands separated: 1234.5 → "1,234.5". */
export function formatNumber(value: number, decimals = 0): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
