"use client";

import { RequireSession } from "~/components/auth/require-session";
import { NotificationList } from "~/components/notifications/notification-list";

export function NotificationsView() {
  return (
    <RequireSession returnTo="/notifications" reason="to see your notifications" fallback={<NotificationsPending />}>
      {() => <NotificationList />}
    </RequireSession>
  );
}

function NotificationsPending() {
  return (
    <div aria-busy="true" className="h-40 rounded-card border border-border bg-surface motion-safe:animate-pulse">
      <span className="sr-only">Loading…</span>
    </div>
  );
}
