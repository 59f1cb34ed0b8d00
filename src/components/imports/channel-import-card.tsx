"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { ChannelRefField, channelRefProblem } from "~/components/forms/channel-ref-field";
import { SubmitRow } from "~/components/forms/submit-row";
import { focusOnFixInput, useServerFieldError } from "~/components/forms/use-server-field-error";
import { Card } from "~/components/ui/card";
import { CardHeader } from "~/components/ui/card-header";
import { TextField } from "~/components/ui/input";
import { ChannelIcon } from "~/components/ui/media-icons";
import { DEFAULT_CHANNEL_IMPORT_VIDEOS, MAX_CHANNEL_IMPORT_VIDEOS } from "~/lib/imports/imports.schema";
import { useTRPC } from "~/trpc/client";
import { StartedRunProgress } from "./started-run-progress";

const SERVER_FALLBACK = "Check the channel and try again.";
const MAX_LABEL = new Intl.NumberFormat().format(MAX_CHANNEL_IMPORT_VIDEOS);

function maxVideosProblem(maxVideos: string): string | null {
  const count = Number(maxVideos);
  if (!/^\d+$/.test(maxVideos.trim()) || count < 1 || count > MAX_CHANNEL_IMPORT_VIDEOS) {
    return `Enter a whole number from 1 to ${MAX_LABEL}.`;
  }
  return null;
}

type ChannelImportCardProps = {
  runId: string | null;
  onStarted: (runId: string) => void;
  onRunFinished: () => void;
};

/** "Import a whole channel": the newest N uploads of any channel, and optionally follow it for new ones. */
export function ChannelImportCard({ runId, onStarted, onRunFinished }: ChannelImportCardProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [channel, setChannel] = useState("");
  const [maxVideos, setMaxVideos] = useState(String(DEFAULT_CHANNEL_IMPORT_VIDEOS));
  const [follow, setFollow] = useState(false);
  const [maxVideosError, setMaxVideosError] = useState<string | null>(null);
  const channelRef = useRef<HTMLInputElement>(null);
  const maxVideosRef = useRef<HTMLInputElement>(null);
  const followHintId = useId();
  const followId = useId();

  const importChannel = useMutation(
    trpc.imports.importChannel.mutationOptions({
      onSuccess: ({ runId: startedRunId }) => {
        setChannel("");
        onStarted(startedRunId);
        return queryClient.invalidateQueries({ queryKey: trpc.imports.list.queryKey() });
      },
      onError: focusOnFixInput(channelRef),
    }),
  );

  // The server only judges the channel (the number is bounded here first), so its input errors go there.
  const errors = useServerFieldError(importChannel, SERVER_FALLBACK);

  function submit() {
    importChannel.mutate({ channel: channel.trim(), maxVideos: Number(maxVideos), follow });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (importChannel.isPending) return;
    const channelProblem = channelRefProblem(channel);
    const countProblem = maxVideosProblem(maxVideos);
    errors.setInputError(channelProblem);
    setMaxVideosError(countProblem);
    if (channelProblem) return channelRef.current?.focus();
    if (countProblem) return maxVideosRef.current?.focus();
    submit();
  }

  return (
    <Card as="section" aria-labelledby="channel-import-title">
      <CardHeader
        icon={<ChannelIcon />}
        titleId="channel-import-title"
        title="Import a whole channel"
        description="Bring in a channel's newest uploads in one go. Big channels import in the background; you can leave this page."
      />

      <form
        noValidate
        onSubmit={handleSubmit}
        className="mt-6 flex flex-col gap-5"
        aria-busy={importChannel.isPending || undefined}
      >
        <ChannelRefField
          ref={channelRef}
          label="Channel"
          placeholder="@yourchannel"
          value={channel}
          onChange={(value) => {
            setChannel(value);
            errors.clear();
          }}
          error={errors.fieldError}
          readOnly={importChannel.isPending}
        />

        <TextField
          ref={maxVideosRef}
          label="How many of the newest videos"
          name="maxVideos"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_CHANNEL_IMPORT_VIDEOS}
          step={1}
          value={maxVideos}
          onChange={(event) => {
            setMaxVideos(event.target.value);
            if (maxVideosError) setMaxVideosError(null);
          }}
          hint={`From 1 to ${MAX_LABEL}, newest first.`}
          error={maxVideosError}
          readOnly={importChannel.isPending}
          className="sm:max-w-xs"
        />

        <div className="flex items-start gap-3">
          <input
            id={followId}
            type="checkbox"
            checked={follow}
            onChange={(event) => setFollow(event.target.checked)}
            disabled={importChannel.isPending}
            aria-describedby={followHintId}
            className="mt-0.5 size-5 shrink-0 cursor-pointer accent-brand"
          />
          <div>
            <label htmlFor={followId} className="cursor-pointer text-sm font-medium">
              Keep importing new uploads (follow this channel)
            </label>
            <p id={followHintId} className="mt-0.5 text-sm text-muted-foreground">
              New videos become projects as they&apos;re published. Manage followed channels under Sources.
            </p>
          </div>
        </div>

        <SubmitRow
          error={errors.alertError}
          errorTitle="The import didn't start"
          fallback={SERVER_FALLBACK}
          onRetry={channel.trim() ? submit : undefined}
          onDismiss={() => importChannel.reset()}
          isPending={importChannel.isPending}
          pendingLabel="Starting import…"
        >
          Import channel
        </SubmitRow>
      </form>

      {runId ? <StartedRunProgress runId={runId} onFinished={onRunFinished} /> : null}
    </Card>
  );
}
