"use client";

import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { Button } from "./button";
import { cx } from "./class-names";
import { Spinner } from "./icons";

/** The parts of a TanStack infinite query the footer reads. */
type PagedQuery = {
  error: unknown;
  isFetchNextPageError: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
};

type LoadMoreFooterProps = {
  query: PagedQuery;
  /** Items shown so far. */
  count: number;
  /** "project" / "projects": the count's words once everything is shown. */
  noun: { one: string; many: string };
  /** While more pages exist: "Showing the newest 24". */
  partialLabel: (count: number) => string;
  /** "We couldn't load more projects". */
  errorTitle: string;
  /** Replaces the default top margin (mt-8). */
  className?: string;
};

/**
 * Under a paged list: how much is shown (announced politely as it grows), "Load more" while there is
 * more, and a retryable error when a next page fails. The button stays focusable while loading
 * (aria-disabled, not disabled), so keyboard users keep their place.
 */
export function LoadMoreFooter({ query, count, noun, partialLabel, errorTitle, className }: LoadMoreFooterProps) {
  return (
    <>
      {query.isFetchNextPageError ? (
        <ApiErrorAlert
          className="mt-6"
          error={query.error}
          title={errorTitle}
          onRetry={() => void query.fetchNextPage()}
          isRetrying={query.isFetchingNextPage}
        />
      ) : null}

      <div className={cx("flex flex-col items-center gap-3", className ?? "mt-8")}>
        <p aria-live="polite" className="text-sm text-muted-foreground">
          {query.hasNextPage ? partialLabel(count) : `${count} ${count === 1 ? noun.one : noun.many}`}
        </p>
        {query.hasNextPage ? (
          <Button
            variant="secondary"
            aria-disabled={query.isFetchingNextPage || undefined}
            onClick={() => {
              if (!query.isFetchingNextPage) void query.fetchNextPage();
            }}
          >
            {query.isFetchingNextPage ? <Spinner /> : null}
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        ) : null}
      </div>
    </>
  );
}
