import { Button } from "./button";
import { cx } from "./class-names";
import { Spinner } from "./icons";

export type PaginationProps = {
  /** 1-based. */
  page: number;
  /** Null when the total is unknown. */
  pageCount: number | null;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** A page is loading: both buttons wait, and the one pressed shows a spinner. */
  pendingDirection?: "previous" | "next" | null;
  label?: string;
  className?: string;
};

/** Previous / Next paging for token-paged lists, where jumping to page N is not possible. */
export function Pagination({
  page,
  pageCount,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  pendingDirection = null,
  label = "Pages",
  className,
}: PaginationProps) {
  const isPending = pendingDirection !== null;
  return (
    <nav aria-label={label} className={cx("flex items-center justify-between gap-3", className)}>
      <Button
        variant="secondary"
        aria-disabled={!hasPrevious || isPending || undefined}
        onClick={() => {
          if (hasPrevious && !isPending) onPrevious();
        }}
      >
        {pendingDirection === "previous" ? <Spinner /> : <span aria-hidden="true">←</span>}
        Previous<span className="sr-only"> page</span>
      </Button>
      <p className="text-sm text-muted-foreground tabular-nums">
        Page {page}
        {pageCount ? ` of ${pageCount}` : null}
      </p>
      <Button
        variant="secondary"
        aria-disabled={!hasNext || isPending || undefined}
        onClick={() => {
          if (hasNext && !isPending) onNext();
        }}
      >
        Next<span className="sr-only"> page</span>
        {pendingDirection === "next" ? <Spinner /> : <span aria-hidden="true">→</span>}
      </Button>
    </nav>
  );
}
