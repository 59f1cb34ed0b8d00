const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const DATE_TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const RELATIVE_FORMAT = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 60 * 60],
  ["month", 30 * 24 * 60 * 60],
  ["week", 7 * 24 * 60 * 60],
  ["day", 24 * 60 * 60],
  ["hour", 60 * 60],
  ["minute", 60],
];

/** "12 Mar 2026" in the reader's locale. */
export function formatDate(date: Date): string {
  return DATE_FORMAT.format(date);
}

/** "12 Mar 2026, 14:05" in the reader's locale; for tooltips next to a relative time. */
export function formatDateTime(date: Date): string {
  return DATE_TIME_FORMAT.format(date);
}

/** "3 hours ago", "yesterday", "just now". */
export function formatRelativeTime(date: Date, now: number = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  for (const [unit, unitSeconds] of UNITS) {
    if (Math.abs(seconds) >= unitSeconds) return RELATIVE_FORMAT.format(Math.round(seconds / unitSeconds), unit);
  }
  return "just now";
}
