"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "~/components/navigation";
import { useSession } from "~/components/auth/auth-client";
import { useLiveInterval } from "~/components/live/live-updates";
import { BellIcon } from "~/components/ui/icons";
import { useTRPC } from "~/trpc/client";

/**
 * Only while the live stream is down (it says when a notification arrives or is read): often enough that a
 * reconnect warning shows up within a minute; one indexed count per poll.
 */
const FALLBACK_REFRESH_INTERVAL_MS = 60_000;

/** "99+" keeps the badge inside the bell at any count. */
function badgeText(count: number): string {
  return count > 99 ? "99+" : String(count);
}

export function NotificationsBell() {
  const trpc = useTRPC();
  const pathname = usePathname();
  const session = useSession();
  const refetchInterval = useLiveInterval(FALLBACK_REFRESH_INTERVAL_MS);
  const unread = useQuery(
    trpc.notifications.unreadCount.queryOptions(undefined, {
      enabled: Boolean(session.data),
      refetchInterval,
    }),
  );
  const count = unread.data?.count ?? 0;

  return (
    <Link
      href="/notifications"
      aria-current={pathname === "/notifications" ? "page" : undefined}
      className="relative inline-flex size-11 items-center justify-center rounded-control text-muted-foreground transition-colors hover:bg-surface-muted hover:text-foreground aria-[current=page]:text-brand-text"
    >
      <BellIcon className="size-5" />
      <span className="sr-only">{count > 0 ? `Notifications, ${count} unread` : "Notifications"}</span>
      {count > 0 ? (
        <span
          aria-hidden="true"
          className="absolute top-1.5 right-1 flex h-5 min-w-5 items-center justify-center rounded-full bg-brand px-1 text-[0.6875rem] leading-none font-semibold text-brand-foreground ring-2 ring-background"
        >
          {badgeText(count)}
        </span>
      ) : null}
    </Link>
  );
}
