"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { describeApiError, YOUTUBE_CONNECT_HREF } from "~/components/errors/error-text";
import { YouTubeTermsNotice } from "~/components/legal/youtube-terms-notice";
import { ReconnectAlert } from "~/components/settings/youtube-connection-card";
import { ChannelAvatar } from "~/components/sources/channel-avatar";
import { Badge } from "~/components/ui/badge";
import { Button, ButtonLink, buttonClassName } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CardHeader } from "~/components/ui/card-header";
import { cx } from "~/components/ui/class-names";
import { Spinner, YouTubeIcon } from "~/components/ui/icons";
import { useToast } from "~/components/ui/toast";
import { useTRPC } from "~/trpc/client";
import { QueryBody } from "./query-body";

/**
 * The YouTube connection at a glance: which channel, whether it still works (with the reconnect banner when
 * it does not), and a one-click check. Disconnecting and the details live on the settings page.
 */
export function ConnectionSummary() {
  const trpc = useTRPC();
  const connection = useQuery(trpc.youtube.connection.queryOptions());
  return (
    <Card as="section" aria-labelledby="dashboard-connection-title" className="flex flex-col">
      <CardHeader
        icon={<YouTubeIcon className="size-5" />}
        titleId="dashboard-connection-title"
        title="YouTube connection"
        description="Read-only access that lets Showreel list your uploads and keep your portfolio current."
      />
      <div className="mt-6 flex flex-1 flex-col">
        <QueryBody
          query={connection}
          errorTitle="We couldn't load your YouTube connection"
          loadingText="Loading your YouTube connection…"
        >
          {(data) => (data ? <ConnectedChannel connection={data} /> : <ConnectPrompt />)}
        </QueryBody>
      </div>
    </Card>
  );
}

function ConnectPrompt() {
  return (
    <div className="flex flex-1 flex-col">
      <p className="text-sm leading-relaxed text-foreground">
        Connect your channel to pick videos from My Videos and follow it for new uploads. Showreel never posts, edits or
        deletes anything on YouTube. You can still paste links to any public video without connecting.
      </p>
      <div className="mt-auto pt-5">
        {/* A route handler that redirects to Google: a full page load, not a client-side navigation. */}
        <a href={YOUTUBE_CONNECT_HREF} className={cx(buttonClassName(), "w-full sm:w-auto")}>
          Connect YouTube
        </a>
        <YouTubeTermsNotice className="mt-3" />
      </div>
    </div>
  );
}

type Connection = {
  channelTitle: string;
  channelHandle: string | null;
  status: "active" | "needs_reconnect" | "revoked";
};

function ConnectedChannel({ connection }: { connection: Connection }) {
  const isWorking = connection.status === "active";
  const handle = connection.channelHandle ? `@${connection.channelHandle.replace(/^@/, "")}` : null;
  return (
    <div className="flex flex-1 flex-col">
      {/* Not a live region: it describes the page as it loaded, it is not news. */}
      {isWorking ? null : <ReconnectAlert className="mb-5" />}
      <div className="flex items-center gap-3">
        <ChannelAvatar title={connection.channelTitle} src={null} />
        <div className="min-w-0 flex-1">
          <p className="truncate font-semibold">{connection.channelTitle}</p>
          {handle ? <p className="truncate text-sm text-muted-foreground">{handle}</p> : null}
        </div>
        <Badge tone={isWorking ? "success" : "warning"}>
          <span className="sr-only">Status: </span>
          {isWorking ? "Connected" : "Needs reconnecting"}
        </Badge>
      </div>
      <div className="mt-auto flex flex-col gap-3 pt-5 sm:flex-row sm:flex-wrap">
        {isWorking ? <CheckConnectionButton /> : null}
        <ButtonLink href="/settings" variant={isWorking ? "ghost" : "secondary"} size="sm">
          Manage in Settings
        </ButtonLink>
      </div>
    </div>
  );
}

/** Asks YouTube whether the grant still works (1 unit); the answer arrives as a toast. */
function CheckConnectionButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const check = useMutation(
    trpc.youtube.checkConnection.mutationOptions({
      onSuccess: () =>
        toast.show({
          tone: "success",
          title: "YouTube connection works",
          description: "YouTube answered with your channel.",
        }),
      onError: (error) =>
        toast.show({
          tone: "error",
          title: "The check failed",
          description: describeApiError(error, "We couldn't reach YouTube.").message,
        }),
      // The check spends a unit, and a failure may mark the connection or the day's quota.
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.youtube.connection.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.quota.today.queryKey() }),
        ]),
    }),
  );
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-disabled={check.isPending || undefined}
      onClick={() => {
        if (!check.isPending) check.mutate();
      }}
    >
      {check.isPending ? <Spinner /> : null}
      {check.isPending ? "Checking…" : "Check connection"}
    </Button>
  );
}
