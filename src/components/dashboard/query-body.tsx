"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { Skeleton } from "~/components/ui/skeleton";

type QueryBodyProps<T, TError> = {
  query: UseQueryResult<T, TError>;
  /** What failed, in the card's words: "We couldn't load today's quota". */
  errorTitle: string;
  /** Said to screen readers while loading: "Loading today's quota…". */
  loadingText: string;
  children: (data: T) => ReactNode;
};

/**
 * A card's body from one query. The page prefetches every query, so the loading and error branches show
 * only when that prefetch failed and the browser is trying again.
 */
export function QueryBody<T, TError>({ query, errorTitle, loadingText, children }: QueryBodyProps<T, TError>) {
  if (query.isPending) {
    return (
      <div aria-busy="true" className="space-y-3">
        <Skeleton className="h-4 w-40 rounded-full" />
        <Skeleton className="h-2.5 w-full rounded-full" />
        <span className="sr-only">{loadingText}</span>
      </div>
    );
  }
  if (query.isError && query.data === undefined) {
    return (
      <ApiErrorAlert
        error={query.error}
        title={errorTitle}
        fallback="Please try again in a moment."
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
      />
    );
  }
  return <>{children(query.data as T)}</>;
}
