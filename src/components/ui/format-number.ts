const COMPACT_FORMAT = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
const FULL_FORMAT = new Intl.NumberFormat();

/** "48K", "1.2M" in the reader's locale. */
function formatCompactNumber(value: number): string {
  return COMPACT_FORMAT.format(value);
}

/** "12,480" in the reader's locale; for titles next to a compact figure. */
export function formatNumber(value: number): string {
  return FULL_FORMAT.format(value);
}

/** "48K YouTube views", "1 YouTube view": YouTube's own count, named as YouTube's (Developer Policies III.E.4.h). */
export function formatViews(count: number): string {
  return count === 1 ? "1 YouTube view" : `${formatCompactNumber(count)} YouTube views`;
}

/** A video length as players show it: "4:05", "12:48", "1:02:03". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/** The same length as an ISO 8601 duration, for `<time dateTime>`: "PT1H2M3S". */
export function toIsoDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds % 60}S`;
}
