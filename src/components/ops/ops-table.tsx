import type { ReactNode } from "react";
import { cx } from "~/components/ui/class-names";

export type OpsColumn = { label: string; isNumeric?: boolean; className?: string };

/**
 * The /ops tables: a caption for screen readers, a header row, and a horizontal scroller, since on a
 * phone they are wider than the screen. The scroller is focusable and named so keyboard users can
 * scroll it too (axe: scrollable-region-focusable), which is why a plain div takes tabIndex here.
 */
export function OpsTable({
  caption,
  columns,
  minWidthClass,
  children,
}: {
  caption: string;
  columns: readonly OpsColumn[];
  /** A Tailwind min-width class: below it the table scrolls instead of squeezing. */
  minWidthClass: string;
  /** The body rows. */
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={`${caption} (scrollable)`}
      tabIndex={0}
      className="mt-4 overflow-x-auto rounded-control focus-visible:outline-2 focus-visible:outline-ring"
    >
      <table className={cx("w-full text-left text-sm", minWidthClass)}>
        <caption className="sr-only">{caption}</caption>
        <thead className="text-muted-foreground">
          <tr>
            {columns.map((column, index) => (
              <th
                key={column.label}
                scope="col"
                className={cx(
                  "py-2 font-medium",
                  index < columns.length - 1 && "pr-4",
                  column.isNumeric && "text-right",
                  column.className,
                )}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
