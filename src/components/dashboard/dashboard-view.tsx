"use client";

import { useQuery } from "@tanstack/react-query";
import { ButtonLink } from "~/components/ui/button";
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
 * The signed-in home: connection, quota, running imports, activity and the latest projects. Every query
 * here was prefetched by the page, so this renders with data on the first pass.
 */
export function DashboardView() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.dashboard.summary.queryOptions());
  const connection = useQuery(trpc.youtube.connection.queryOptions());
  const isConnected = Boolean(connection.data);
  const name = summary.data?.user.name.trim();

  return (
    <div className="space-y-8">
      <div className="flex flex-col gap-6 lg:flex-row lg:items-end lg:justify-between">
        <div>
          <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Dashboard</h1>
          <p className="mt-3 text-lg text-muted-foreground">
            {name ? `Welcome back, ${name}.` : "Welcome back."} Here&apos;s where your portfolio stands today.
          </p>
        </div>
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
