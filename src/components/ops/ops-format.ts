/**
 * How /ops writes times and durations. Times are UTC, as the logs and Prometheus have them, and so the
 * server-rendered first HTML and the browser agree whatever the admin's time zone.
 */
const CLOCK = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const CLOCK_SECONDS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
const DAY_CLOCK = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "14:05" (UTC). */
export const formatClock = (at: number | Date) => CLOCK.format(at);
/** "14:05:09 UTC". */
export const formatClockSeconds = (at: number | Date) => `${CLOCK_SECONDS.format(at)} UTC`;
/** "2 Dec, 14:05 UTC". */
export const formatDayClock = (at: number | Date) => `${DAY_CLOCK.format(at)} UTC`;

/** A job's run time: "840 ms", "12.4 s", "3.1 min". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** A lag: "0 s", "45 s", "12 min", "3.5 h". */
export function formatLag(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
