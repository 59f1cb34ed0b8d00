import { cx } from "./class-names";

/**
 * A grey placeholder block. Hidden from assistive tech: put `aria-busy` and a "Loading …" sr-only line on
 * the region it stands in for.
 */
export function Skeleton({ className }: { className?: string }) {
  return <span aria-hidden="true" className={cx("block bg-surface-muted motion-safe:animate-pulse", className)} />;
}
