"use client";

import { formatResumeTime } from "~/components/errors/format-wait";
import { formatDateTime, formatRelativeTime } from "~/components/ui/format-date";
import { formatNumber } from "~/components/ui/format-number";
import { useIsHydrated } from "./use-is-hydrated";

type ResumeTimeProps = {
  date: Date;
  /** The user's chosen zone (User.timezone); null means the browser's own. */
  timeZone: string | null;
  /** Read until the browser takes over; true whatever the viewer's zone ("at midnight Pacific time"). */
  serverText: string;
};

/** "at 9:00 AM", "tomorrow at 9:00 AM": when something happens, in the viewer's time zone. */
export function ResumeTime({ date, timeZone, serverText }: ResumeTimeProps) {
  const isHydrated = useIsHydrated();
  return (
    <time dateTime={date.toISOString()}>
      {isHydrated ? formatResumeTime(date, Date.now(), timeZone ?? undefined) : serverText}
    </time>
  );
}

/** "3 hours ago" with the full date as a tooltip, once the browser's clock and locale are known. */
export function RelativeTime({ date }: { date: Date }) {
  const isHydrated = useIsHydrated();
  return (
    <time dateTime={date.toISOString()} title={isHydrated ? formatDateTime(date) : undefined}>
      {isHydrated ? formatRelativeTime(date) : "recently"}
    </time>
  );
}

/** "12,480" in the viewer's locale; digits alone until the browser's locale is known. */
export function FormattedNumber({ value }: { value: number }) {
  const isHydrated = useIsHydrated();
  return <>{isHydrated ? formatNumber(value) : String(value)}</>;
}
