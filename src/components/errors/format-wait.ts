const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
const WEEKDAY_FORMAT = new Intl.DateTimeFormat(undefined, { weekday: "long" });
const DATE_TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

const MS_PER_DAY = 24 * 60 * 60 * 1000;

function startOfLocalDay(time: number): number {
  const day = new Date(time);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * When something resumes, in the reader's time zone, as a phrase that follows "resumes" or "try again":
 * "at 9:00 AM", "tomorrow at 9:00 AM", "on Thursday at 9:00 AM", or "on 12 Mar 2026, 9:00 AM" beyond a
 * week. Quota resets at midnight Pacific, which is morning in Europe and evening in Asia, so the day matters.
 */
export function formatResumeTime(date: Date, now: number = Date.now()): string {
  const days = Math.round((startOfLocalDay(date.getTime()) - startOfLocalDay(now)) / MS_PER_DAY);
  const time = TIME_FORMAT.format(date);
  if (days <= 0) return `at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  if (days < 7) return `on ${WEEKDAY_FORMAT.format(date)} at ${time}`;
  return `on ${DATE_TIME_FORMAT.format(date)}`;
}

/** A remaining wait for a countdown: "0:42", "12:05", then "1 h 05 min" once it passes an hour. */
export function formatWait(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min`;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}
