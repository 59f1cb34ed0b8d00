/**
 * Pacific-time calendar maths for YouTube's quota day. Google resets every project's quota at midnight
 * America/Los_Angeles, which is 08:00 UTC in winter (PST) and 07:00 UTC in summer (PDT). The zone database
 * decides which, so the answer is right on both DST change days; nothing here hard-codes an offset.
 */
const QUOTA_TIME_ZONE = "America/Los_Angeles";

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: QUOTA_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: QUOTA_TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The quota day an instant belongs to, as `YYYY-MM-DD` in Pacific time. */
export function quotaDayOf(instant: Date): string {
  return dayFormat.format(instant);
}

/** The quota day as a UTC-midnight Date, the form Prisma expects for a `@db.Date` column. */
export function quotaDayDate(instant: Date): Date {
  return new Date(`${quotaDayOf(instant)}T00:00:00.000Z`);
}

/** The first instant of the next Pacific calendar day: when Google's quota resets. */
export function nextQuotaReset(instant: Date): Date {
  const [year, month, day] = quotaDayOf(instant).split("-").map(Number) as [number, number, number];
  // Midnight Pacific is 07:00Z (PDT) or 08:00Z (PST); pick the candidate that is 00:00 local on the next day.
  const nextDay = new Date(Date.UTC(year, month - 1, day + 1));
  const expectedDay = nextDay.toISOString().slice(0, 10);
  for (const hourUtc of [7, 8]) {
    const candidate = new Date(nextDay.getTime() + hourUtc * 60 * 60 * 1000);
    if (quotaDayOf(candidate) === expectedDay && timeFormat.format(candidate) === "00:00") return candidate;
  }
  throw new Error(`no Pacific midnight found after ${instant.toISOString()}`);
}
