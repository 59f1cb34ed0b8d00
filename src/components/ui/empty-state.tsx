import type { ReactNode } from "react";
import { cx } from "./class-names";

export type EmptyStateProps = {
  icon?: ReactNode;
  title: ReactNode;
  /** Headings must follow the page outline; defaults to h2. */
  headingLevel?: "h2" | "h3";
  children?: ReactNode;
  /** The ways forward (ButtonLinks). */
  actions?: ReactNode;
  className?: string;
};

/** What a list shows when there is nothing in it: why, and what to do next. */
export function EmptyState({
  icon,
  title,
  headingLevel: Heading = "h2",
  children,
  actions,
  className,
}: EmptyStateProps) {
  return (
    <div
      className={cx(
        "flex flex-col items-center rounded-card border border-dashed border-border-strong px-6 py-14 text-center sm:py-16",
        className,
      )}
    >
      {icon ? (
        <span className="flex size-12 items-center justify-center rounded-full bg-surface-muted text-muted-foreground [&_svg]:size-6">
          {icon}
        </span>
      ) : null}
      <Heading className={cx("text-lg font-semibold", icon ? "mt-4" : undefined)}>{title}</Heading>
      {children ? <div className="mt-2 max-w-md text-sm text-muted-foreground">{children}</div> : null}
      {actions ? (
        <div className="mt-6 flex w-full flex-col justify-center gap-3 sm:w-auto sm:flex-row">{actions}</div>
      ) : null}
    </div>
  );
}
