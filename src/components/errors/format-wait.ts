const MS_PER_DAY = 24 * 60 * 60 * 1000;

type ZoneFormats = {
  day: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
  weekday: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
};

const zoneFormats = new Map<string, ZoneFormats>();

/**
 * Formatters for a time zone (a user's chosen one), or the reader's own for `undefined`. An unknown zone
 * name falls back to the reader's: a stale setting must not break the page.
 */
function formatsFor(timeZone: string | undefined): ZoneFormats {
  const key = timeZone ?? "";
  let formats = zoneFormats.get(key);
  if (!formats) {
    try {
      formats = {
        day: new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }),
        time: new Intl.DateTimeFormat(undefined, { timeZone, timeStyle: "short" }),
        weekday: new Intl.DateTimeFormat(undefined, { timeZone, weekday: "long" }),
        dateTime: new Intl.DateTimeFormat(undefined, { timeZone, dateStyle: "medium", timeStyle: "short" }),
      };
    } catch {
      return formatsFor(undefined);
    }
    zoneFormats.set(key, formats);
  }
  return formats;
}

/** The calendar day an instant falls on in that zone, as a day count, so two can be subtracted. */
function calendarDay(time: number, formats: ZoneFormats): number {
  const [year, month, day] = formats.day.format(time).split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/**
 * When something resumes, in the reader's time zone (or `timeZone`), as a phrase that follows "resumes" or
 * "try again": "at 9:00 AM", "tomorrow at 9:00 AM", "on Thursday at 9:00 AM", or "on 12 Mar 2026, 9:00 AM"
 * beyond a week. Quota resets at midnight Pacific, which is morning in Europe and evening in Asia, so the
 * day matters.
 */
export function formatResumeTime(date: Date, now: number = Date.now(), timeZone?: string): string {
  const formats = formatsFor(timeZone);
  const days = calendarDay(date.getTime(), formats) - calendarDay(now, formats);
  const time = formats.time.format(date);
  if (days <= 0) return `at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  if (days < 7) return `on ${formats.weekday.format(date)} at ${time}`;
  return `on ${formats.dateTime.format(date)}`;
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
