"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { BellIcon } from "~/components/ui/icons";
import { ChannelIcon } from "~/components/ui/media-icons";
import { useTRPC } from "~/trpc/client";
import { QueryBody } from "./query-body";
import { FormattedNumber, RelativeTime } from "./viewer-format";

type StatCardProps = {
  titleId: string;
  title: string;
  icon: ReactNode;
  children: ReactNode;
  link: { href: string; label: string };
};

/** A small card: one figure with a line about it, and the page where it can be acted on. */
function StatCard({ titleId, title, icon, children, link }: StatCardProps) {
  return (
    <Card as="section" aria-labelledby={titleId} className="flex flex-col">
      <div className="flex items-center gap-3">
        <span className="flex size-9 shrink-0 items-center justify-center rounded-control bg-brand-soft text-brand-text">
          {icon}
        </span>
        <h2 id={titleId} className="text-lg font-semibold tracking-tight">
          {title}
        </h2>
      </div>
      <div className="mt-4 flex-1">{children}</div>
      <div className="mt-5">
        <ButtonLink href={link.href} variant="secondary" size="sm">
          {link.label}
        </ButtonLink>
      </div>
    </Card>
  );
}

function BigFigure({ value, unit }: { value: number; unit: string }) {
  return (
    <p className="text-sm text-muted-foreground">
      <span className="mr-1.5 text-3xl font-bold tracking-tight text-foreground tabular-nums">
        <FormattedNumber value={value} />
      </span>
      {unit}
    </p>
  );
}

export function UnreadNotificationsCard() {
  const trpc = useTRPC();
  // The same query (and cache entry) as the header's bell.
  const unread = useQuery(trpc.notifications.unreadCount.queryOptions());
  return (
    <StatCard
      titleId="dashboard-notifications-title"
      title="Notifications"
      icon={<BellIcon className="size-5" />}
      link={{ href: "/notifications", label: "Open notifications" }}
    >
      <QueryBody
        query={unread}
        errorTitle="We couldn't count your notifications"
        loadingText="Counting your notifications…"
      >
        {(data) =>
          data.count > 0 ? (
            <BigFigure value={data.count} unit="unread" />
          ) : (
            <p className="text-sm text-muted-foreground">You&apos;re all caught up.</p>
          )
        }
      </QueryBody>
    </StatCard>
  );
}

export function FollowedChannelsCard() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.dashboard.summary.queryOptions());
  return (
    <StatCard
      titleId="dashboard-sources-title"
      title="Followed channels"
      icon={<ChannelIcon className="size-5" />}
      link={
        summary.data?.sources.total
          ? { href: "/sources", label: "Manage channels" }
          : { href: "/sources", label: "Follow a channel" }
      }
    >
      <QueryBody query={summary} errorTitle="We couldn't load your channels" loadingText="Loading your channels…">
        {({ sources }) =>
          sources.total === 0 ? (
            <p className="text-sm text-muted-foreground">
              Follow a channel and its new uploads become projects by themselves.
            </p>
          ) : (
            <>
              <BigFigure value={sources.total} unit={sources.total === 1 ? "channel" : "channels"} />
              <ul aria-label="Sync state" className="mt-3 flex flex-wrap gap-2">
                <li>
                  <Badge tone="success">{sources.total - sources.paused} auto-syncing</Badge>
                </li>
                {sources.paused > 0 ? (
                  <li>
                    <Badge>{sources.paused} paused</Badge>
                  </li>
                ) : null}
                {sources.waiting > 0 ? (
                  <li>
                    <Badge tone="warning">{sources.waiting} waiting for quota</Badge>
                  </li>
                ) : null}
                {sources.failing > 0 ? (
                  <li>
                    <Badge tone="danger">{sources.failing} failing</Badge>
                  </li>
                ) : null}
              </ul>
              <p className="mt-3 text-sm text-muted-foreground">
                {sources.lastCheckedAt ? (
                  <>
                    Last checked <RelativeTime date={sources.lastCheckedAt} />
                  </>
                ) : (
                  "Not checked yet — the first check runs shortly."
                )}
              </p>
            </>
          )
        }
      </QueryBody>
    </StatCard>
  );
}
