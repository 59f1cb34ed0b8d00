"use client";

import { useEffect, useState } from "react";
import { formatDateTime, formatRelativeTime } from "~/components/ui/format-date";
import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/icons";

/** How often the relative time is re-rendered; the finest unit it shows is the minute. */
const TICK_MS = 15_000;

/** The current time, re-rendered every `intervalMs` by a timer: relative times move on without a request. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

type UpdatedAtProps = {
  /** When Showreel last asked YouTube for this page. */
  fetchedAt: Date;
  onRefresh: () => void;
  isRefreshing: boolean;
};

/**
 * "Updated 3 minutes ago · Refresh". The page is stored and served for a few minutes without asking YouTube,
 * then kept while the channel's public feed shows nothing new; this says when it was last confirmed, and
 * Refresh asks YouTube now (the only way a private or unlisted upload shows before the next public change). The sentence is a polite live region, so a screen
 * reader hears when a refresh has brought it to "just now".
 */
export function UpdatedAt({ fetchedAt, onRefresh, isRefreshing }: UpdatedAtProps) {
  const now = useNow(TICK_MS);
  // The server's clock stamps fetchedAt; a browser a little behind it would otherwise read "in 1 minute".
  const shown = new Date(Math.min(fetchedAt.getTime(), now));
  return (
    <div className="flex items-center gap-2">
      <p role="status" aria-atomic="true" className="text-sm text-muted-foreground">
        {isRefreshing ? (
          "Checking YouTube…"
        ) : (
          <>
            Updated {/* The server renders with its clock and the browser with its own: a minute may differ. */}
            <time dateTime={fetchedAt.toISOString()} title={formatDateTime(fetchedAt)} suppressHydrationWarning>
              {formatRelativeTime(shown, now)}
            </time>
          </>
        )}
      </p>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => {
          if (!isRefreshing) onRefresh();
        }}
        aria-disabled={isRefreshing || undefined}
        title="New public uploads show by themselves; Refresh also brings private and unlisted ones and new view counts."
      >
        {isRefreshing ? <Spinner /> : null}
        Refresh<span className="sr-only"> the list from YouTube</span>
      </Button>
    </div>
  );
}
