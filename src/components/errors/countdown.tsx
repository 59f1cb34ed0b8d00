"use client";

import { useNow } from "~/components/ui/use-now";
import { formatResumeTime, formatWait } from "./format-wait";

const TICK_MS = 1000;

/** Whether `until` has passed, re-checked every second; for enabling a "Try again" button on time. */
export function useHasPassed(until: Date): boolean {
  const now = useNow(TICK_MS);
  return now >= until.getTime();
}

/**
 * "in 4:59", ticking down each second. Screen readers get the fixed clock time ("at 3:45 PM") instead of a
 * number that changes under them; the visible figures are hidden from them. Reads as the end of a sentence:
 * "You can try again <Countdown />."
 */
export function Countdown({ until, className }: { until: Date; className?: string }) {
  const now = useNow(TICK_MS);
  const remainingMs = until.getTime() - now;
  return (
    <time dateTime={until.toISOString()} className={className}>
      <span aria-hidden="true" className="tabular-nums">
        {remainingMs > 0 ? `in ${formatWait(remainingMs)}` : "now"}
      </span>
      <span className="sr-only">{remainingMs > 0 ? formatResumeTime(until, now) : "now"}</span>
    </time>
  );
}
