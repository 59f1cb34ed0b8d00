"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferOutput } from "@trpc/tanstack-react-query";
import { Alert } from "~/components/ui/alert";
import { Card } from "~/components/ui/card";
import { CardHeader } from "~/components/ui/card-header";
import { StrokeIcon } from "~/components/ui/icons";
import { ProgressBar, type ProgressTone } from "~/components/ui/progress-bar";
import { useTRPC } from "~/trpc/client";
import { QueryBody } from "./query-body";
import { FormattedNumber, ResumeTime } from "./viewer-format";

type QuotaToday = inferOutput<ReturnType<typeof useTRPC>["quota"]["today"]>;

/**
 * A primary-key read of two rows, at most this often on an idle page; the live stream also rereads it when
 * an import finishes or a notification arrives (src/components/live/live-updates.tsx).
 */
const QUOTA_REFRESH_INTERVAL_MS = 5 * 60_000;
/** Past this share of a budget the bar turns amber: auto-sync stops around here. */
const WARNING_SHARE = 0.8;
/** True in every time zone, so the server can say it before the browser knows the viewer's. */
const PACIFIC_MIDNIGHT = "at midnight Pacific time";

function meterTone(used: number, limit: number): ProgressTone {
  if (used >= limit) return "danger";
  return used >= limit * WARNING_SHARE ? "warning" : "brand";
}

/**
 * Today's YouTube units: everyone's (YouTube's budget is per app, not per user) and the viewer's own
 * share, the reset in the viewer's time zone, and a paused state while new calls are refused.
 */
export function QuotaMeter({ timeZone }: { timeZone: string | null }) {
  const trpc = useTRPC();
  const quota = useQuery(trpc.quota.today.queryOptions(undefined, { refetchInterval: QUOTA_REFRESH_INTERVAL_MS }));
  return (
    <Card as="section" aria-labelledby="dashboard-quota-title" className="flex flex-col">
      <CardHeader
        icon={<GaugeIcon />}
        titleId="dashboard-quota-title"
        title="Today's YouTube quota"
        description="YouTube gives Showreel a daily budget of API units, shared by everyone, and each person a share of it."
      />
      <div className="mt-6">
        <QueryBody query={quota} errorTitle="We couldn't load today's quota" loadingText="Loading today's quota…">
          {(data) => <QuotaFigures quota={data} timeZone={timeZone} />}
        </QueryBody>
      </div>
    </Card>
  );
}

function QuotaFigures({ quota, timeZone }: { quota: QuotaToday; timeZone: string | null }) {
  return (
    <div className="space-y-5">
      {quota.exhaustedUntil ? (
        <Alert
          tone="warning"
          title={
            <>
              {quota.exhaustedScope === "user" ? "Your share is exhausted" : "Exhausted"} — resumes{" "}
              <ResumeTime date={quota.exhaustedUntil} timeZone={timeZone} serverText={PACIFIC_MIDNIGHT} />
            </>
          }
        >
          {quota.exhaustedScope === "user"
            ? "You've used your share of today's YouTube quota. Your imports wait and carry on by themselves."
            : "Today's YouTube quota is used up. Imports and syncs wait and carry on by themselves — nothing is lost."}
        </Alert>
      ) : null}
      <Meter
        title="Everyone on Showreel"
        label="YouTube units used today by everyone"
        used={quota.project.used}
        limit={quota.project.limit}
      />
      <Meter title="Your share" label="YouTube units you used today" used={quota.user.used} limit={quota.user.limit} />
      <p className="text-sm text-muted-foreground">
        Resets <ResumeTime date={quota.resetsAt} timeZone={timeZone} serverText={PACIFIC_MIDNIGHT} />. Auto-sync stops
        at <FormattedNumber value={quota.project.syncLimit} /> units so your imports keep some room.
      </p>
    </div>
  );
}

function Meter({ title, label, used, limit }: { title: string; label: string; used: number; limit: number }) {
  const shown = Math.min(used, limit);
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <p className="text-sm font-medium">{title}</p>
        <p className="text-sm text-muted-foreground tabular-nums">
          <span className="font-semibold text-foreground">
            <FormattedNumber value={used} />
          </span>{" "}
          of <FormattedNumber value={limit} /> units
        </p>
      </div>
      <ProgressBar
        className="mt-2"
        label={label}
        max={limit}
        valueText={`${used} of ${limit} units`}
        segments={[{ value: shown, tone: meterTone(used, limit) }]}
      />
    </div>
  );
}

function GaugeIcon() {
  return (
    <StrokeIcon>
      <path d="M4.5 17a8.5 8.5 0 1 1 15 0" />
      <path d="m12 13 3.5-4" />
      <circle cx="12" cy="13" r="1" />
    </StrokeIcon>
  );
}
