"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { firstReads, nextCursorOf } from "~/components/first-reads";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClassName } from "~/components/ui/button";
import { cx } from "~/components/ui/class-names";
import { formatDateTime, formatRelativeTime } from "~/components/ui/format-date";
import { BellIcon, Spinner } from "~/components/ui/icons";
import { describeApiErrorMessage } from "~/components/errors/error-text";
import { useTRPC } from "~/trpc/client";
import { describeNotification, type NotificationAction } from "./notification-text";

type NotificationItem = { id: string; kind: string; payload: unknown; readAt: Date | null; createdAt: Date };

export function NotificationList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notifications = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(firstReads.notifications, { getNextPageParam: nextCursorOf }),
  );
  // The server's count, not the loaded pages': unread items may sit on pages not fetched yet.
  const unread = useQuery(trpc.notifications.unreadCount.queryOptions());
  const markAllRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      // Both the list and the header's unread badge live under `notifications.*`.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
    }),
  );

  if (notifications.isPending) return <NotificationListSkeleton />;

  if (notifications.isError && !notifications.data) {
    return (
      <Alert
        role="alert"
        tone="danger"
        title="We couldn't load your notifications"
        action={
          <Button variant="secondary" size="sm" onClick={() => void notifications.refetch()}>
            {notifications.isFetching ? "Retrying…" : "Try again"}
          </Button>
        }
      >
        {describeApiErrorMessage(notifications.error, "Please try again in a moment.")}
      </Alert>
    );
  }

  const items = notifications.data.pages.flatMap((page) => page.items);
  const unreadCount = unread.data?.count ?? items.filter((item) => item.readAt === null).length;

  if (items.length === 0) {
    return (
      <div className="flex flex-col items-center rounded-card border border-dashed border-border-strong px-6 py-16 text-center">
        <span className="flex size-12 items-center justify-center rounded-full bg-surface-muted text-muted-foreground">
          <BellIcon className="size-6" />
        </span>
        <h2 className="mt-4 text-lg font-semibold">You&apos;re all caught up</h2>
        <p className="mt-2 max-w-sm text-sm text-muted-foreground">
          We&apos;ll let you know here when something needs your attention — like YouTube access that needs renewing.
        </p>
      </div>
    );
  }

  return (
    <div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {unreadCount > 0 ? `${unreadCount} unread` : "Everything here is read."}
        </p>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            if (unreadCount > 0 && !markAllRead.isPending) markAllRead.mutate({ all: true });
          }}
          aria-disabled={unreadCount === 0 || markAllRead.isPending || undefined}
        >
          {markAllRead.isPending ? <Spinner /> : null}
          {markAllRead.isPending ? "Marking as read…" : "Mark all as read"}
        </Button>
      </div>
      <div role="alert">
        {markAllRead.isError ? (
          <Alert tone="danger" className="mt-4">
            {describeApiErrorMessage(
              markAllRead.error,
              "We couldn't mark your notifications as read. Please try again.",
            )}
          </Alert>
        ) : null}
      </div>

      <ul className="mt-4 divide-y divide-border overflow-hidden rounded-card border border-border bg-surface shadow-card">
        {items.map((item) => (
          <NotificationRow key={item.id} item={item} />
        ))}
      </ul>

      {notifications.hasNextPage ? (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            onClick={() => {
              if (!notifications.isFetchingNextPage) void notifications.fetchNextPage();
            }}
            aria-disabled={notifications.isFetchingNextPage || undefined}
          >
            {notifications.isFetchingNextPage ? <Spinner /> : null}
            {notifications.isFetchingNextPage ? "Loading…" : "Show older notifications"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function NotificationRow({ item }: { item: NotificationItem }) {
  const text = describeNotification(item);
  const isUnread = item.readAt === null;

  return (
    <li className={cx("relative flex gap-3 p-4 sm:gap-4 sm:p-5", isUnread && "bg-brand-soft/60")}>
      <span
        aria-hidden="true"
        className={cx(
          "mt-2 size-2.5 shrink-0 rounded-full",
          isUnread ? (text.isActionRequired ? "bg-warning" : "bg-brand") : "bg-transparent",
        )}
      />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
          <span className="font-semibold tracking-wide uppercase">{text.category}</span>
          <span aria-hidden="true">·</span>
          <time dateTime={item.createdAt.toISOString()} title={formatDateTime(item.createdAt)}>
            {formatRelativeTime(item.createdAt)}
          </time>
          {isUnread ? <span className="sr-only">, unread</span> : null}
        </p>
        <p
          className={cx(
            "mt-1 text-sm sm:text-base",
            isUnread ? "font-semibold text-foreground" : "text-muted-foreground",
          )}
        >
          {text.message}
        </p>
        {text.action ? (
          <NotificationActionLink action={text.action} isPrimary={isUnread && text.isActionRequired} />
        ) : null}
      </div>
    </li>
  );
}

function NotificationActionLink({ action, isPrimary }: { action: NotificationAction; isPrimary: boolean }) {
  const className = cx(buttonClassName({ variant: isPrimary ? "primary" : "secondary", size: "sm" }), "mt-3");
  return action.isDocumentLink ? (
    <a href={action.href} className={className}>
      {action.label}
    </a>
  ) : (
    <Link href={action.href} className={className}>
      {action.label}
    </Link>
  );
}

function NotificationListSkeleton() {
  return (
    <div aria-busy="true">
      <div className="h-4 w-24 rounded-full bg-surface-muted motion-safe:animate-pulse" aria-hidden="true" />
      <ul aria-hidden="true" className="mt-4 divide-y divide-border rounded-card border border-border bg-surface">
        {[0, 1, 2].map((row) => (
          <li key={row} className="flex gap-4 p-5">
            <span className="mt-2 size-2.5 rounded-full bg-surface-muted" />
            <span className="flex flex-1 flex-col gap-2">
              <span className="h-3 w-28 rounded-full bg-surface-muted motion-safe:animate-pulse" />
              <span className="h-4 w-full max-w-md rounded-full bg-surface-muted motion-safe:animate-pulse" />
            </span>
          </li>
        ))}
      </ul>
      <span className="sr-only">Loading your notifications…</span>
    </div>
  );
}
