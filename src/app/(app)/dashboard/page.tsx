import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { withNextPath } from "~/components/auth/safe-next-path";
import { DashboardView } from "~/components/dashboard/dashboard-view";
import { RECENT_PROJECTS_LIMIT } from "~/components/dashboard/recent-projects";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";
import { isUnauthorized } from "./is-unauthorized";

export const metadata: Metadata = {
  title: "Dashboard",
  description: "Your YouTube connection, today's quota, imports in progress and your latest projects.",
};

/**
 * Every query the dashboard shows is fetched here and handed to the client cache, so the first HTML already
 * holds the figures: no skeletons, no second round trip. The connection query goes first because it also
 * tells a signed-out visitor apart, who is sent to sign in and brought back.
 */
export default async function DashboardPage() {
  const queryClient = getQueryClient();
  try {
    await queryClient.fetchQuery(trpc.youtube.connection.queryOptions());
  } catch (error) {
    if (isUnauthorized(error)) redirect(withNextPath("/sign-in", "/dashboard"));
    throw error;
  }
  await Promise.all([
    queryClient.prefetchQuery(trpc.dashboard.summary.queryOptions()),
    queryClient.prefetchQuery(trpc.quota.today.queryOptions()),
    queryClient.prefetchQuery(trpc.projects.list.queryOptions({ limit: RECENT_PROJECTS_LIMIT })),
    queryClient.prefetchQuery(trpc.notifications.unreadCount.queryOptions()),
  ]);

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <HydrateClient>
        <DashboardView />
      </HydrateClient>
    </div>
  );
}
