import { cx } from "~/components/ui/class-names";
import { formatDateTime, formatRelativeTime } from "~/components/ui/format-date";

/**
 * "Stats updated 3 days ago": how old the YouTube numbers next to it are, the exact time in a tooltip and in
 * the time element's machine-readable value. Without a time — the numbers were not renewed within 30 days, the
 * video is gone, or its details were removed — the numbers are withheld and it says "Stats unavailable",
 * followed by `reason` when the caller has room to say why.
 */
export function StatsFreshness({
  updatedAt,
  reason,
  className,
}: {
  updatedAt: Date | null;
  reason?: string;
  className?: string;
}) {
  return (
    <p className={cx("text-muted-foreground", className)}>
      {updatedAt === null ? (
        `Stats unavailable${reason ?? ""}`
      ) : (
        <>
          Stats updated {/* The server renders with its clock and the browser with its own: a minute may differ. */}
          <time dateTime={updatedAt.toISOString()} title={formatDateTime(updatedAt)} suppressHydrationWarning>
            {formatRelativeTime(updatedAt)}
          </time>
        </>
      )}
    </p>
  );
}
