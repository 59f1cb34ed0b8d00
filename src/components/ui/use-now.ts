"use client";

import { useEffect, useState } from "react";

/**
 * The current time, re-read every `intervalMs` while `isEnabled`: for countdowns and "about 2 min left".
 * Only the clock is synchronised here; no data is fetched. Components using it render in the browser
 * only (behind the session check), so the server's time never has to match.
 */
export function useNow(intervalMs: number, isEnabled: boolean = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isEnabled) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, isEnabled]);
  return now;
}
