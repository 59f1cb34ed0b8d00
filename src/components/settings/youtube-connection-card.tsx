"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Alert } from "~/components/ui/alert";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { Button, buttonClassName } from "~/components/ui/button";
import { Card, CardDescription, CardTitle } from "~/components/ui/card";
import { cx } from "~/components/ui/class-names";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { formatDate, formatDateTime, formatRelativeTime } from "~/components/ui/format-date";
import { Spinner, YouTubeIcon } from "~/components/ui/icons";
import { useTRPC } from "~/trpc/client";
import { describeApiErrorMessage } from "~/components/errors/error-text";
import { GOOGLE_PERMISSIONS_URL } from "~/components/legal/legal-links";
import { YouTubeTermsNotice } from "~/components/legal/youtube-terms-notice";

/** A route handler that redirects to Google's consent page: a full navigation, never a client-side one. */
export const YOUTUBE_CONNECT_HREF = "/api/youtube/connect";

type ConnectionStatus = "active" | "needs_reconnect" | "revoked";

const STATUS_LOOKS: Record<ConnectionStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  needs_reconnect: { label: "Needs reconnecting", tone: "warning" },
  revoked: { label: "Access revoked", tone: "danger" },
};

const SCOPE_LABELS: Record<string, string> = {
  "https://www.googleapis.com/auth/youtube.readonly": "View your YouTube account (read-only)",
};

// Identity scopes ride along with every Google grant and say nothing about YouTube access.
const IDENTITY_SCOPES = new Set(["openid", "email", "profile"]);

/** YouTube handles are shown with their "@", whichever way the API returned them. */
function formatHandle(handle: string): string {
  return handle.startsWith("@") ? handle : `@${handle}`;
}

export function YouTubeConnectionCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connection = useQuery(trpc.youtube.connection.queryOptions());
  const [isConfirmOpen, setIsConfirmOpen] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Owned here, not by the connected view: that view unmounts once the connection is gone, and the
  // "disconnected" confirmation must outlive it.
  const disconnect = useMutation(
    trpc.youtube.disconnect.mutationOptions({
      onSuccess: () => {
        setIsConfirmOpen(false);
        // Everything under `youtube.*` (connection, my videos) describes the grant that is now gone.
        return queryClient.invalidateQueries({ queryKey: trpc.youtube.pathKey() });
      },
    }),
  );

  function closeConfirm() {
    if (disconnect.isPending) return;
    setIsConfirmOpen(false);
    disconnect.reset();
  }

  return (
    <Card as="section" aria-labelledby="youtube-connection-title">
      <div className="flex items-start gap-4">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-control border border-border bg-surface-muted">
          <YouTubeIcon className="size-6" />
        </span>
        <div className="min-w-0">
          <CardTitle as="h2" id="youtube-connection-title">
            YouTube connection
          </CardTitle>
          <CardDescription className="mt-1">
            Lets Showreel list your uploads and keep your portfolio in step with your channel.
          </CardDescription>
        </div>
      </div>

      <div className="mt-6">
        {connection.isPending ? (
          <ConnectionSkeleton />
        ) : connection.isError && !connection.data ? (
          <Alert
            role="alert"
            tone="danger"
            title="We couldn't load your YouTube connection"
            action={
              <Button variant="secondary" size="sm" onClick={() => void connection.refetch()}>
                {connection.isFetching ? "Retrying…" : "Try again"}
              </Button>
            }
          >
            {describeApiErrorMessage(connection.error, "Please try again in a moment.")}
          </Alert>
        ) : connection.data ? (
          <ConnectedChannel connection={connection.data} onDisconnect={() => setIsConfirmOpen(true)} />
        ) : (
          <NotConnected
            justDisconnected={disconnect.isSuccess}
            isRevokePending={disconnect.data?.revocation === "queued"}
          />
        )}
      </div>

      <Dialog
        open={isConfirmOpen}
        onClose={closeConfirm}
        isDismissable={!disconnect.isPending}
        initialFocusRef={cancelRef}
        title="Disconnect YouTube?"
        description={
          <>
            <p>Disconnecting {connection.data ? `“${connection.data.channelTitle}”` : "your channel"}:</p>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              <li>revokes Showreel&apos;s access at Google,</li>
              <li>deletes the stored tokens,</li>
              <li>turns off auto-sync for your followed channels,</li>
              <li>
                and <strong className="font-semibold text-foreground">keeps all your projects</strong>; those of private
                or unlisted videos lose the YouTube details only your permission could read (title, thumbnail, stats)
                until you reconnect.
              </li>
            </ul>
            <p className="mt-2">You can reconnect at any time.</p>
          </>
        }
      >
        <div role="alert">
          {disconnect.isError ? (
            <Alert tone="danger" className="mt-4">
              {describeApiErrorMessage(disconnect.error, "We couldn't disconnect YouTube. Please try again.")}
            </Alert>
          ) : null}
        </div>
        <DialogActions>
          <Button
            ref={cancelRef}
            variant="secondary"
            onClick={closeConfirm}
            aria-disabled={disconnect.isPending || undefined}
          >
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              if (!disconnect.isPending) disconnect.mutate();
            }}
            aria-disabled={disconnect.isPending || undefined}
          >
            {disconnect.isPending ? <Spinner /> : null}
            {disconnect.isPending ? "Disconnecting…" : "Disconnect YouTube"}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}

function NotConnected({ justDisconnected, isRevokePending }: { justDisconnected: boolean; isRevokePending: boolean }) {
  return (
    <div>
      {justDisconnected ? (
        <Alert
          role="status"
          tone="success"
          title="YouTube disconnected"
          className="mb-5 focus:outline-none"
          // The Disconnect button that had focus is gone; land keyboard and screen-reader users here.
          tabIndex={-1}
          ref={focusOnMount}
        >
          Showreel no longer has access to your channel. Your projects are all still here; private and unlisted
          videos&apos; details come back when you reconnect.
          {isRevokePending
            ? " Google didn't confirm the revoke straight away, so Showreel keeps asking it in the background until it does."
            : null}
        </Alert>
      ) : null}
      <p className="text-sm leading-relaxed text-foreground">
        Showreel asks for read-only access to your YouTube channel, so it can list your uploads and import the ones you
        choose. It never posts, edits or deletes anything on YouTube, and you can disconnect at any time.
      </p>
      <a href={YOUTUBE_CONNECT_HREF} className={cx(buttonClassName(), "mt-5 w-full sm:w-auto")}>
        Connect YouTube
      </a>
      <YouTubeTermsNotice className="mt-4" />
    </div>
  );
}

/** Stable, so React calls it once on mount rather than on every render. */
function focusOnMount(element: HTMLElement | null) {
  element?.focus();
}

type Connection = {
  channelTitle: string;
  channelHandle: string | null;
  status: ConnectionStatus;
  scopes: string[];
  connectedAt: Date;
  lastRefreshedAt: Date | null;
};

/**
 * Asks YouTube, with the stored grant, whether the connection still works. Renewing an expired token
 * happens silently on the way; a revoked grant comes back as a reconnect error and the refreshed
 * connection query then shows the reconnect banner.
 */
function CheckConnectionButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const check = useMutation(
    trpc.youtube.checkConnection.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.youtube.connection.queryKey() }),
    }),
  );
  return (
    <div className="flex flex-col gap-2 sm:items-start">
      <Button variant="secondary" size="sm" onClick={() => check.mutate()} aria-disabled={check.isPending || undefined}>
        {check.isPending ? <Spinner /> : null}
        {check.isPending ? "Checking…" : "Check connection"}
      </Button>
      <p role="status" className="text-sm text-muted-foreground">
        {check.isSuccess ? "YouTube answered: the connection works." : null}
        {check.isError ? describeApiErrorMessage(check.error, "We couldn't reach YouTube. Please try again.") : null}
      </p>
    </div>
  );
}

/** The banner for a grant that stopped working, wherever the connection is shown (settings, dashboard). */
export function ReconnectAlert({ role, className }: { role?: "alert"; className?: string }) {
  return (
    <Alert
      role={role}
      tone="warning"
      title="YouTube access has expired or was revoked"
      className={className}
      action={
        <a href={YOUTUBE_CONNECT_HREF} className={buttonClassName({ size: "sm" })}>
          Reconnect YouTube
        </a>
      }
    >
      Reconnect to keep importing — your projects are safe. Private and unlisted videos' details are hidden until you
      do.
    </Alert>
  );
}

function ConnectedChannel({ connection, onDisconnect }: { connection: Connection; onDisconnect: () => void }) {
  const status = STATUS_LOOKS[connection.status];
  const needsReconnect = connection.status !== "active";
  const youTubeScopes = connection.scopes.filter((scope) => !IDENTITY_SCOPES.has(scope));
  const accessHintId = useId();

  return (
    <div>
      {needsReconnect ? <ReconnectAlert role="alert" className="mb-6" /> : null}

      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 items-center gap-3">
          <span
            aria-hidden="true"
            className="flex size-12 shrink-0 items-center justify-center rounded-full bg-brand-soft text-lg font-semibold text-brand-text"
          >
            {connection.channelTitle.trim().charAt(0).toUpperCase() || "?"}
          </span>
          <div className="min-w-0">
            <p className="truncate font-semibold">{connection.channelTitle}</p>
            <p className="truncate text-sm text-muted-foreground">
              {connection.channelHandle ? `${formatHandle(connection.channelHandle)} · ` : null}
              Connected{" "}
              <time dateTime={connection.connectedAt.toISOString()} title={formatDateTime(connection.connectedAt)}>
                {formatDate(connection.connectedAt)}
              </time>
            </p>
          </div>
        </div>
        <Badge tone={status.tone} className="self-start">
          <span className="sr-only">Status: </span>
          {status.label}
        </Badge>
      </div>

      <dl className="mt-6 grid gap-4 border-t border-border pt-5 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-muted-foreground">Access</dt>
          <dd className="mt-1">
            {youTubeScopes.length > 0 ? (
              <ul>
                {youTubeScopes.map((scope) => (
                  <li key={scope}>{SCOPE_LABELS[scope] ?? scope}</li>
                ))}
              </ul>
            ) : (
              "None"
            )}
          </dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Access last renewed</dt>
          <dd className="mt-1">
            {connection.lastRefreshedAt ? (
              <time
                dateTime={connection.lastRefreshedAt.toISOString()}
                title={formatDateTime(connection.lastRefreshedAt)}
              >
                {formatRelativeTime(connection.lastRefreshedAt)}
              </time>
            ) : (
              "Not yet"
            )}
          </dd>
        </div>
      </dl>

      {needsReconnect ? null : (
        <div className="mt-6 border-t border-border pt-5">
          <CheckConnectionButton />
        </div>
      )}

      <div className="mt-6 flex flex-col gap-4 border-t border-border pt-5 sm:flex-row sm:items-center sm:justify-between">
        <p id={accessHintId} className="max-w-md text-sm text-muted-foreground">
          Disconnecting keeps every project you&apos;ve imported; private and unlisted videos&apos; details are removed.
          You can also take Showreel&apos;s access away on Google&apos;s side, in your Google Account&apos;s third-party
          connections.
        </p>
        <div className="flex flex-col gap-3 sm:flex-row sm:shrink-0">
          {/* Developer Policies III.A.2.h: revoking at Google, besides our own Disconnect. */}
          <a
            href={GOOGLE_PERMISSIONS_URL}
            target="_blank"
            rel="noopener noreferrer"
            aria-describedby={accessHintId}
            className={buttonClassName({ variant: "secondary" })}
          >
            Manage access at Google
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
          <Button variant="danger" onClick={onDisconnect}>
            Disconnect
          </Button>
        </div>
      </div>
    </div>
  );
}

function ConnectionSkeleton() {
  return (
    <div aria-busy="true" className="flex items-center gap-3">
      <span aria-hidden="true" className="size-12 rounded-full bg-surface-muted motion-safe:animate-pulse" />
      <span aria-hidden="true" className="flex flex-1 flex-col gap-2">
        <span className="h-4 w-40 rounded-full bg-surface-muted motion-safe:animate-pulse" />
        <span className="h-3 w-56 max-w-full rounded-full bg-surface-muted motion-safe:animate-pulse" />
      </span>
      <span className="sr-only">Loading your YouTube connection…</span>
    </div>
  );
}
