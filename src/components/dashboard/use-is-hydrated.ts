"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and during hydration, true afterwards. Text that depends on the viewer's clock,
 * locale or time zone waits for it, so the server's HTML (rendered in UTC, in the server's locale) never
 * disagrees with the browser's first render.
 */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
