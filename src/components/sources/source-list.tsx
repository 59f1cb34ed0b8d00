"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { firstReads, nextCursorOf } from "~/components/first-reads";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { shouldRetryQuery } from "~/components/errors/error-text";
import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { EmptyState } from "~/components/ui/empty-state";
import { LoadMoreFooter } from "~/components/ui/load-more-footer";
import { Spinner } from "~/components/ui/icons";
import { ChannelIcon } from "~/components/ui/media-icons";
import { useLiveInterval } from "~/components/live/live-updates";
import { Skeleton } from "~/components/ui/skeleton";
import { useNow } from "~/components/ui/use-now";
import { useTRPC } from "~/trpc/client";
import { SourceRow } from "./source-row";
import type { SourceSummary } from "./source-status";

/**
 * The live stream says when a follower's sync status changes; the check times still move without one, so the
 * list is re-read this often while visible (TanStack Query pauses in background tabs), and more often without
 * the stream.
 */
const LIST_LIVE_REFRESH_MS = 5 * 60_000;
const LIST_FALLBACK_POLL_MS = 60_000;
/** How often "5 minutes ago" / "in 10 minutes" are recomputed between polls. */
const RELATIVE_TIME_TICK_MS = 30_000;

/**
 * The user's followed channels, newest follow first, a page at a time ("Load more"), kept current by the
 * live stream (sync status) and a slow re-read (check times). Unfollowing asks first, in a dialog.
 */
export function SourceList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [unfollowTarget, setUnfollowTarget] = useState<SourceSummary | null>(null);
  const [unfollowed, setUnfollowed] = useState<string | null>(null);
  const [removedId, setRemovedId] = useState<string | null>(null);
  const [syncWaitUntil, setSyncWaitUntil] = useState<Date | null>(null);
  const now = useNow(RELATIVE_TIME_TICK_MS);
  const refetchInterval = useLiveInterval(LIST_FALLBACK_POLL_MS, LIST_LIVE_REFRESH_MS);

  const sources = useInfiniteQuery(
    trpc.sources.list.infiniteQueryOptions(firstReads.sources, {
      getNextPageParam: nextCursorOf,
      retry: shouldRetryQuery,
      refetchInterval,
    }),
  );

  const remove = useMutation(
    trpc.sources.remove.mutationOptions({
      onSuccess: async (_result, { sourceId }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.sources.pathKey() });
        const title = unfollowTarget?.id === sourceId ? unfollowTarget.channel.title : null;
        setUnfollowed(title ? `You unfollowed ${title}. Its projects are still in your portfolio.` : "Unfollowed.");
        setRemovedId(sourceId);
        setUnfollowTarget(null);
      },
    }),
  );

  // Times the per-user Sync now wait; no data is fetched here. Every row's button comes back together.
  useEffect(() => {
    if (!syncWaitUntil) return;
    const timer = setTimeout(() => setSyncWaitUntil(null), Math.max(0, syncWaitUntil.getTime() - Date.now()));
    return () => clearTimeout(timer);
  }, [syncWaitUntil]);

  // The dialog would hand focus back to the Unfollow button it came from, but that row is gone: once the
  // dialog has closed and the list no longer has the row, focus moves to the list's heading instead.
  const items = sources.data?.pages.flatMap((page) => page.items) ?? [];
  const isRemovedRowGone = removedId !== null && !items.some((item) => item.id === removedId);
  useEffect(() => {
    if (unfollowTarget || !isRemovedRowGone) return;
    headingRef.current?.focus();
    setRemovedId(null);
  }, [unfollowTarget, isRemovedRowGone]);

  function closeUnfollow() {
    if (remove.isPending) return;
    setUnfollowTarget(null);
    remove.reset();
  }

  return (
    <section aria-labelledby="followed-channels-title">
      <h2
        ref={headingRef}
        id="followed-channels-title"
        tabIndex={-1}
        className="text-xl font-semibold tracking-tight focus:outline-none"
      >
        Followed channels
      </h2>
      <div role="status" className="text-sm">
        {unfollowed ? <p className="mt-2 text-muted-foreground">{unfollowed}</p> : null}
      </div>

      <div className="mt-4">
        {sources.isPending ? (
          <SourceListSkeleton />
        ) : sources.isError && !sources.data ? (
          <ApiErrorAlert
            error={sources.error}
            title="We couldn't load your followed channels"
            fallback="Please try again in a moment."
            onRetry={() => void sources.refetch()}
            isRetrying={sources.isFetching}
          />
        ) : items.length === 0 ? (
          <EmptyState icon={<ChannelIcon />} title="You're not following any channels yet" headingLevel="h3">
            Follow a channel above and its new uploads become projects automatically, usually within minutes. You can
            pause auto-sync or unfollow at any time; projects you already have stay.
          </EmptyState>
        ) : (
          <>
            <ul
              aria-label="Followed channels"
              className="divide-y divide-border rounded-card border border-border bg-surface shadow-card"
            >
              {items.map((source) => (
                <SourceRow
                  key={source.id}
                  source={source}
                  now={now}
                  syncWaitUntil={syncWaitUntil}
                  onSyncRateLimited={setSyncWaitUntil}
                  onUnfollow={(target) => {
                    remove.reset();
                    setUnfollowed(null);
                    setUnfollowTarget(target);
                  }}
                />
              ))}
            </ul>

            <LoadMoreFooter
              query={sources}
              count={items.length}
              noun={{ one: "channel", many: "channels" }}
              partialLabel={(count) => `Showing the ${count} most recently followed`}
              errorTitle="We couldn't load more channels"
              className="mt-6"
            />
          </>
        )}
      </div>

      <Dialog
        open={unfollowTarget !== null}
        onClose={closeUnfollow}
        isDismissable={!remove.isPending}
        initialFocusRef={cancelRef}
        title={unfollowTarget ? `Unfollow ${unfollowTarget.channel.title}?` : "Unfollow this channel?"}
        description={
          "Its new uploads stop becoming projects. The projects already imported from it stay in your portfolio."
        }
      >
        <div role="alert">
          {remove.isError ? (
            <ApiErrorAlert className="mt-4" error={remove.error} title="The channel wasn't unfollowed" />
          ) : null}
        </div>
        <DialogActions>
          <Button
            ref={cancelRef}
            variant="secondary"
            onClick={closeUnfollow}
            aria-disabled={remove.isPending || undefined}
          >
            Cancel
          </Button>
          <Button
            variant="danger"
            aria-disabled={remove.isPending || undefined}
            onClick={() => {
              if (unfollowTarget && !remove.isPending) remove.mutate({ sourceId: unfollowTarget.id });
            }}
          >
            {remove.isPending ? <Spinner /> : null}
            {remove.isPending ? "Unfollowing…" : "Unfollow"}
          </Button>
        </DialogActions>
      </Dialog>
    </section>
  );
}

function SourceListSkeleton() {
  return (
    <div aria-busy="true">
      <ul aria-hidden="true" className="divide-y divide-border rounded-card border border-border bg-surface">
        {[0, 1, 2].map((row) => (
          <li key={row} className="flex gap-4 p-5">
            <Skeleton className="size-12 rounded-full" />
            <span className="flex flex-1 flex-col gap-2">
              <Skeleton className="h-4 w-48 rounded-full" />
              <Skeleton className="h-3 w-full max-w-xs rounded-full" />
              <Skeleton className="h-3 w-full max-w-sm rounded-full" />
            </span>
          </li>
        ))}
      </ul>
      <span className="sr-only">Loading your followed channels…</span>
    </div>
  );
}
