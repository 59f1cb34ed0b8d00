import type { Metadata } from "next";
import { DashboardView } from "~/components/dashboard/dashboard-view";
import { firstReads } from "~/components/first-reads";
import { getServerSession, HydrateClient, preload, trpc } from "~/trpc/server";

export const metadata: Metadata = {
  title: "Dashboard",
  description: "Your YouTube connection, today's quota, imports in progress and your latest projects.",
};

/** Every card's read is preloaded, so the first HTML already holds the figures: no skeletons. */
export default async function DashboardPage() {
  if (await getServerSession()) {
    await Promise.all([
      preload(trpc.youtube.connection.queryOptions()),
      preload(trpc.dashboard.summary.queryOptions()),
      preload(trpc.quota.today.queryOptions()),
      preload(trpc.projects.list.queryOptions(firstReads.dashboardProjects)),
      preload(trpc.notifications.unreadCount.queryOptions()),
    ]);
  }
  return (
    <HydrateClient>
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
        <DashboardView />
      </div>
    </HydrateClient>
  );
}
