"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, type ReactNode } from "react";
import { Countdown } from "~/components/errors/countdown";
import { describeApiError, readAppErrorCode } from "~/components/errors/error-text";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cx } from "~/components/ui/class-names";
import { formatDateTime } from "~/components/ui/format-date";
import { Spinner } from "~/components/ui/icons";
import { RefreshIcon } from "~/components/ui/media-icons";
import { useTRPC } from "~/trpc/client";
import { ChannelAvatar } from "./channel-avatar";
import {
  describeSyncStatus,
  importedCountText,
  lastCheckedText,
  nextCheckText,
  type SourceSummary,
} from "./source-status";

export type SourceRowProps = {
  source: SourceSummary;
  /** The list's clock, so every row's relative times move together. */
  now: number;
  /** "Sync now" is limited per user, not per channel: while set, every row's button waits for it. */
  syncWaitUntil: Date | null;
  onSyncRateLimited: (until: Date) => void;
  onUnfollow: (source: SourceSummary) => void;
};

/**
 * One followed channel: who it is, how its sync stands (status, last/next check, live updates, imported
 * count), and its controls (auto-sync switch, Sync now, Unfollow).
 */
export function SourceRow({ source, now, syncWaitUntil, onSyncRateLimited, onUnfollow }: SourceRowProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const waitId = useId();
  const { channel, sync } = source;

  const update = useMutation(
    trpc.sources.update.mutationOptions({
      // Pending until the list has re-read, so the switch never flips back for a moment.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sources.pathKey() }),
    }),
  );
  const syncNow = useMutation(
    trpc.sources.syncNow.mutationOptions({
      onError: (error) => {
        const { action } = describeApiError(error);
        if (action?.kind === "wait") onSyncRateLimited(action.until);
      },
    }),
  );

  // While the change is on its way, show what was asked for.
  const isSyncEnabled = update.isPending ? update.variables.syncEnabled : source.syncEnabled;
  const status = describeSyncStatus(sync, now);
  const nextCheck = nextCheckText(sync.nextCheckAt, now);
  const showsError = (sync.status === "failing" || sync.status === "gone") && sync.error;
  const isSyncBlocked = syncWaitUntil !== null;

  return (
    <li aria-labelledby={titleId} className="flex gap-4 p-4 sm:p-5">
      <ChannelAvatar title={channel.title} src={channel.thumbnailUrl} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <h3 id={titleId} className="min-w-0 font-semibold">
            <a
              href={channel.url}
              target="_blank"
              rel="noopener noreferrer"
              className="break-words underline-offset-4 hover:text-brand-text hover:underline"
            >
              {channel.title}
              <span className="sr-only"> (opens YouTube in a new tab)</span>
            </a>
          </h3>
          <Badge tone={status.tone}>{status.label}</Badge>
          {sync.isPushActive ? (
            <Badge tone="brand" title="YouTube tells us about new uploads as they happen">
              <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
              Live updates
            </Badge>
          ) : null}
        </div>

        <p className="mt-1 text-sm text-muted-foreground">
          {channel.handle ? (
            <>
              <span>@{channel.handle}</span>
              <span aria-hidden="true"> · </span>
            </>
          ) : null}
          <span>{importedCountText(source.importedCount)}</span>
        </p>

        <p className="mt-1 text-sm text-muted-foreground">
          <TimeText date={sync.lastCheckedAt}>{lastCheckedText(sync.lastCheckedAt, now)}</TimeText>
          {nextCheck && sync.nextCheckAt ? (
            <>
              <span aria-hidden="true"> · </span>
              <TimeText date={sync.nextCheckAt}>{nextCheck}</TimeText>
            </>
          ) : null}
        </p>

        {showsError ? <p className="mt-1 text-sm text-danger-fg">{sync.error}</p> : null}

        <div className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-3">
          <AutoSyncSwitch
            isOn={isSyncEnabled}
            isPending={update.isPending}
            channelTitle={channel.title}
            onToggle={() => {
              if (update.isPending) return;
              syncNow.reset();
              update.mutate({ sourceId: source.id, syncEnabled: !isSyncEnabled });
            }}
          />
          {isSyncEnabled ? (
            <Button
              variant="secondary"
              size="sm"
              aria-disabled={isSyncBlocked || syncNow.isPending || undefined}
              aria-describedby={isSyncBlocked ? waitId : undefined}
              onClick={() => {
                if (isSyncBlocked || syncNow.isPending) return;
                syncNow.mutate({ sourceId: source.id });
              }}
            >
              {syncNow.isPending ? <Spinner /> : <RefreshIcon />}
              Sync now<span className="sr-only"> {channel.title}</span>
            </Button>
          ) : null}
          {isSyncEnabled && syncWaitUntil ? (
            <span id={waitId} className="text-sm text-muted-foreground">
              Try again <Countdown until={syncWaitUntil} />
            </span>
          ) : null}
          <Button variant="ghost" size="sm" className="sm:ml-auto" onClick={() => onUnfollow(source)}>
            Unfollow<span className="sr-only"> {channel.title}</span>
          </Button>
        </div>

        {/* Polite: results of this row's own buttons, read once when they change. */}
        <div aria-live="polite" className="text-sm">
          <RowMessage update={update} syncNow={syncNow} isSyncBlocked={isSyncBlocked} />
        </div>
      </div>
    </li>
  );
}

function TimeText({ date, children }: { date: Date | null; children: ReactNode }) {
  if (!date) return <span>{children}</span>;
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)}>
      {children}
    </time>
  );
}

type AutoSyncSwitchProps = { isOn: boolean; isPending: boolean; channelTitle: string; onToggle: () => void };

/** An on/off switch (role="switch"): Space and Enter toggle it, as on any button. */
function AutoSyncSwitch({ isOn, isPending, channelTitle, onToggle }: AutoSyncSwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={isOn}
      aria-busy={isPending || undefined}
      onClick={onToggle}
      className="group inline-flex h-9 items-center gap-2 rounded-control px-1 text-sm font-medium text-foreground"
    >
      <span
        aria-hidden="true"
        className={cx(
          "relative inline-flex h-6 w-10 shrink-0 items-center rounded-full border transition-colors",
          isOn ? "border-brand bg-brand" : "border-border-strong bg-surface-muted",
        )}
      >
        <span
          className={cx(
            "absolute size-4.5 rounded-full bg-white shadow-sm transition-transform motion-reduce:transition-none",
            isOn ? "translate-x-[1.125rem]" : "translate-x-0.5",
          )}
        />
      </span>
      Auto-sync<span className="sr-only"> {channelTitle}</span>
      <span aria-hidden="true" className="w-6 text-muted-foreground">
        {isOn ? "On" : "Off"}
      </span>
    </button>
  );
}

type RowMessageProps = {
  update: { isError: boolean; error: unknown };
  syncNow: { isError: boolean; error: unknown; isSuccess: boolean; data?: { alreadyQueued: boolean } | undefined };
  isSyncBlocked: boolean;
};

function RowMessage({ update, syncNow, isSyncBlocked }: RowMessageProps) {
  if (update.isError) {
    const text = describeApiError(update.error, "Please try again.");
    return <p className="mt-3 font-medium text-danger-fg">Auto-sync wasn&apos;t changed. {text.message}</p>;
  }
  if (syncNow.isError) {
    const text = describeApiError(syncNow.error, "Please try again.");
    const isRateLimited = readAppErrorCode(syncNow.error) === "RATE_LIMITED";
    // A rate-limit message is only true while the wait lasts; the countdown beside the button says until when.
    if (isRateLimited && !isSyncBlocked) return null;
    return (
      <p className={cx("mt-3 font-medium", isRateLimited ? "text-warning-fg" : "text-danger-fg")}>
        {isRateLimited ? text.message : `The check wasn't queued. ${text.message}`}
      </p>
    );
  }
  if (syncNow.isSuccess) {
    return (
      <p className="mt-3 font-medium text-success-fg">
        {syncNow.data?.alreadyQueued ? "Check queued (one was already on its way)" : "Check queued"}
      </p>
    );
  }
  return null;
}
