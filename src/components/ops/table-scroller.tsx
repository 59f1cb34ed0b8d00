import type { ReactNode } from "react";

/**
 * A wide table's horizontal scroller. On a phone the tables are wider than the screen; the scroller is
 * focusable and named so keyboard users can scroll it too (axe: scrollable-region-focusable), which
 * is why a plain div takes tabIndex here.
 */
export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="mt-4 overflow-x-auto rounded-control focus-visible:outline-2 focus-visible:outline-ring">
      {children}
    </div>
  );
}
