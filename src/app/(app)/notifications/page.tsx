import type { Metadata } from "next";
import { NotificationsView } from "./notifications-view";
import { firstReads, nextCursorOf } from "~/components/first-reads";
import { getServerSession, HydrateClient, preload, preloadInfinite, trpc } from "~/trpc/server";

export const metadata: Metadata = {
  title: "Notifications",
  description: "Updates about your YouTube connection, imports and portfolio.",
};

export default async function NotificationsPage() {
  if (await getServerSession()) {
    await Promise.all([
      preloadInfinite(
        trpc.notifications.list.infiniteQueryOptions(firstReads.notifications, { getNextPageParam: nextCursorOf }),
      ),
      preload(trpc.notifications.unreadCount.queryOptions()),
    ]);
  }
  return (
    <HydrateClient>
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Notifications</h1>
        <p className="mt-3 text-lg text-muted-foreground">
          Things that happened while you were away, and anything that needs you.
        </p>
        <div className="mt-8">
          <NotificationsView />
        </div>
      </div>
    </HydrateClient>
  );
}
