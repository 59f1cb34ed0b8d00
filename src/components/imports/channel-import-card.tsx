"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { describeApiError } from "~/components/errors/error-text";
import { Button } from "~/components/ui/button";
import { Card, CardDescription, CardTitle } from "~/components/ui/card";
import { Spinner } from "~/components/ui/icons";
import { TextField } from "~/components/ui/input";
import { ChannelIcon } from "~/components/ui/media-icons";
import { DEFAULT_CHANNEL_IMPORT_VIDEOS, MAX_CHANNEL_IMPORT_VIDEOS } from "~/lib/imports/imports.schema";
import { MAX_REF_INPUT_LENGTH } from "~/lib/youtube/youtube-ref.schema";
import { useTRPC } from "~/trpc/client";
import { ImportProgress } from "./import-progress";
import { StartedRun } from "./started-run";

const SERVER_FALLBACK = "Check the channel and try again.";
const MAX_LABEL = new Intl.NumberFormat().format(MAX_CHANNEL_IMPORT_VIDEOS);

type FieldErrors = { channel?: string; maxVideos?: string };

function validate(channel: string, maxVideos: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!channel.trim()) errors.channel = "Enter a channel link, @handle or channel id.";
  else if (channel.length > MAX_REF_INPUT_LENGTH) errors.channel = "That's too long to be a YouTube channel link.";
  const count = Number(maxVideos);
  if (!/^\d+$/.test(maxVideos.trim()) || count < 1 || count > MAX_CHANNEL_IMPORT_VIDEOS) {
    errors.maxVideos = `Enter a whole number from 1 to ${MAX_LABEL}.`;
  }
  return errors;
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
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
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
      onError: (error) => {
        if (describeApiError(error).action?.kind === "fix-input") channelRef.current?.focus();
      },
    }),
  );

  const serverError = importChannel.isError ? describeApiError(importChannel.error, SERVER_FALLBACK) : null;
  // The server only judges the channel (the number is bounded here first), so its input errors go there.
  const channelError = fieldErrors.channel ?? (serverError?.action?.kind === "fix-input" ? serverError.message : null);

  function submit() {
    importChannel.mutate({ channel: channel.trim(), maxVideos: Number(maxVideos), follow });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (importChannel.isPending) return;
    const errors = validate(channel, maxVideos);
    setFieldErrors(errors);
    if (errors.channel) return channelRef.current?.focus();
    if (errors.maxVideos) return maxVideosRef.current?.focus();
    submit();
  }

  return (
    <Card as="section" aria-labelledby="channel-import-title">
      <div className="flex items-start gap-4">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-control bg-brand-soft text-brand-text">
          <ChannelIcon />
        </span>
        <div className="min-w-0">
          <CardTitle as="h2" id="channel-import-title">
            Import a whole channel
          </CardTitle>
          <CardDescription className="mt-1">
            Bring in a channel&apos;s newest uploads in one go. Big channels import in the background; you can
            leave this page.
          </CardDescription>
        </div>
      </div>

      <form noValidate onSubmit={handleSubmit} className="mt-6 flex flex-col gap-5" aria-busy={importChannel.isPending || undefined}>
        <TextField
          ref={channelRef}
          label="Channel"
          name="channel"
          value={channel}
          onChange={(event) => {
            setChannel(event.target.value);
            if (fieldErrors.channel) setFieldErrors(({ channel: _cleared, ...rest }) => rest);
            if (serverError?.action?.kind === "fix-input") importChannel.reset();
          }}
          placeholder="@yourchannel"
          hint="A channel link, its @handle, or its id (starts with UC)."
          error={channelError}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={MAX_REF_INPUT_LENGTH}
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
            if (fieldErrors.maxVideos) setFieldErrors(({ maxVideos: _cleared, ...rest }) => rest);
          }}
          hint={`From 1 to ${MAX_LABEL}, newest first.`}
          error={fieldErrors.maxVideos ?? null}
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

        {serverError && serverError.action?.kind !== "fix-input" ? (
          <ApiErrorAlert
            error={importChannel.error}
            title="The import didn't start"
            fallback={SERVER_FALLBACK}
            onRetry={channel.trim() ? submit : undefined}
            isRetrying={importChannel.isPending}
            onDismiss={() => importChannel.reset()}
          />
        ) : null}

        <Button type="submit" aria-disabled={importChannel.isPending || undefined} className="w-full sm:w-auto sm:self-start">
          {importChannel.isPending ? <Spinner /> : null}
          {importChannel.isPending ? "Starting import…" : "Import channel"}
        </Button>
      </form>

      {runId ? (
        <StartedRun>
          <ImportProgress key={runId} runId={runId} onFinished={onRunFinished} />
        </StartedRun>
      ) : null}
    </Card>
  );
}
