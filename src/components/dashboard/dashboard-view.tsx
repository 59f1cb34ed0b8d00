"use client";

import { useQuery } from "@tanstack/react-query";
import { RequireSession } from "~/components/auth/require-session";
import { ButtonLink } from "~/components/ui/button";
import { Skeleton } from "~/components/ui/skeleton";
import { useTRPC } from "~/trpc/client";
import { ActiveImports } from "./active-imports";
import { FollowedChannelsCard, UnreadNotificationsCard } from "./activity-cards";
import { ConnectionSummary } from "./connection-summary";
import { QuotaMeter } from "./quota-meter";
import { RecentProjects } from "./recent-projects";

const QUICK_ACTIONS = [
  { href: "/videos", label: "Import videos" },
  { href: "/import", label: "Paste links" },
  { href: "/sources", label: "Follow a channel" },
] as const;

/**
 * /dashboard: visitors get a sign-in prompt that brings them back; a signed-in user gets the page at once,
 * with the session the app layout read and every query the page preloaded.
 */
export function DashboardView() {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Dashboard</h1>
      <div className="mt-3">
        <RequireSession returnTo="/dashboard" reason="to see your dashboard" fallback={<DashboardSkeleton />}>
          {() => <Dashboard />}
        </RequireSession>
      </div>
    </>
  );
}

/** The signed-in home: connection, quota, running imports, activity and the latest projects. */
function Dashboard() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.dashboard.summary.queryOptions());
  const connection = useQuery(trpc.youtube.connection.queryOptions());
  const isConnected = Boolean(connection.data);
  const name = summary.data?.user.name.trim();

  return (
    <div className="space-y-8">
      <div className="flex flex-col gap-6 lg:flex-row lg:items-end lg:justify-between">
        <p className="text-lg text-muted-foreground">
          {name ? `Welcome back, ${name}.` : "Welcome back."} Here&apos;s where your portfolio stands today.
        </p>
        <nav aria-label="Quick actions">
          <ul className="flex flex-col gap-3 sm:flex-row">
            {QUICK_ACTIONS.map((action, index) => (
              <li key={action.href}>
                <ButtonLink
                  href={action.href}
                  // My Videos needs a connection; without one, connecting (in its card) is the first step instead.
                  variant={index === 0 && isConnected ? "primary" : "secondary"}
                  className="w-full sm:w-auto"
                >
                  {action.label}
                </ButtonLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <ConnectionSummary />
        <QuotaMeter timeZone={summary.data?.user.timeZone ?? null} />
      </div>

      <ActiveImports />

      <div className="grid gap-6 sm:grid-cols-2">
        <UnreadNotificationsCard />
        <FollowedChannelsCard />
      </div>

      <RecentProjects isConnected={isConnected} />
    </div>
  );
}

function DashboardSkeleton() {
  return (
    <div aria-busy="true" className="grid gap-6 lg:grid-cols-2">
      {[0, 1].map((card) => (
        <div key={card} aria-hidden="true" className="rounded-card border border-border bg-surface p-6 shadow-card">
          <Skeleton className="h-5 w-48 rounded-full" />
          <Skeleton className="mt-6 h-2.5 w-full rounded-full" />
          <Skeleton className="mt-4 h-2.5 w-2/3 rounded-full" />
        </div>
      ))}
      <span className="sr-only">Loading your dashboard…</span>
    </div>
  );
}
