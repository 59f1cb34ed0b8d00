"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { ChannelRefField, channelRefProblem } from "~/components/forms/channel-ref-field";
import { SubmitRow } from "~/components/forms/submit-row";
import { focusOnFixInput, useServerFieldError } from "~/components/forms/use-server-field-error";
import { StartedRunProgress } from "~/components/imports/started-run-progress";
import { Card } from "~/components/ui/card";
import { CardHeader } from "~/components/ui/card-header";
import { FieldFrame, useFieldIds } from "~/components/ui/field-frame";
import { ChannelIcon } from "~/components/ui/media-icons";
import { useEarlyEditRef } from "~/components/ui/use-early-edit";
import { useTRPC } from "~/trpc/client";

const SERVER_FALLBACK = "Check the channel and try again.";

/** How many recent uploads a follow may also import; 0 (only new uploads) is the default. */
const BACKFILL_CHOICES = [
  { value: 0, label: "None — only new uploads" },
  { value: 10, label: "The 10 newest" },
  { value: 50, label: "The 50 newest" },
  { value: 200, label: "The 200 newest" },
] as const;

/** What this visit's last follow did: who, and the import run of its recent uploads, if it asked for one. */
type Followed = { title: string; runId: string | null };

/** "Follow a channel": a URL, @handle or channel id, auto-synced from now on; optionally its recent uploads too. */
export function FollowChannelCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [channel, setChannel] = useState("");
  const [backfill, setBackfill] = useState(0);
  const [followed, setFollowed] = useState<Followed | null>(null);
  const channelRef = useRef<HTMLInputElement>(null);

  const follow = useMutation(
    trpc.sources.add.mutationOptions({
      onSuccess: ({ source, runId }) => {
        setChannel("");
        // How many recent uploads to bring in is a choice per follow, not a setting.
        setBackfill(0);
        setFollowed({ title: source.channel.title, runId });
        const refreshes = [queryClient.invalidateQueries({ queryKey: trpc.sources.pathKey() })];
        if (runId) refreshes.push(queryClient.invalidateQueries({ queryKey: trpc.imports.list.queryKey() }));
        return Promise.all(refreshes);
      },
      onError: focusOnFixInput(channelRef),
    }),
  );

  // A link we can't read or a channel YouTube doesn't know goes under the field; waits and outages are an alert.
  const errors = useServerFieldError(follow, SERVER_FALLBACK);

  function submit() {
    follow.mutate({ channel: channel.trim(), backfill });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (follow.isPending) return;
    const problem = channelRefProblem(channel);
    errors.setInputError(problem);
    if (problem) {
      channelRef.current?.focus();
      return;
    }
    submit();
  }

  function handleRunFinished() {
    // The run's videos are projects now, and the row's imported count changed.
    void queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.sources.pathKey() });
  }

  return (
    <Card as="section" aria-labelledby="follow-channel-title">
      <CardHeader
        icon={<ChannelIcon />}
        titleId="follow-channel-title"
        title="Follow a channel"
        description="New uploads become projects automatically, usually within minutes. Follow your own channel, or one you edit for."
      />

      <form
        noValidate
        onSubmit={handleSubmit}
        className="mt-6 flex flex-col gap-5"
        aria-busy={follow.isPending || undefined}
      >
        <ChannelRefField
          ref={channelRef}
          label="Channel URL, @handle or channel id"
          placeholder="https://www.youtube.com/@yourchannel"
          value={channel}
          onChange={(value) => {
            setChannel(value);
            errors.clear();
          }}
          error={errors.fieldError}
          readOnly={follow.isPending}
        />

        <BackfillSelect value={backfill} onChange={setBackfill} isDisabled={follow.isPending} />

        <SubmitRow
          error={errors.alertError}
          errorTitle="The channel wasn't followed"
          fallback={SERVER_FALLBACK}
          onRetry={channel.trim() ? submit : undefined}
          onDismiss={() => follow.reset()}
          isPending={follow.isPending}
          pendingLabel="Following…"
        >
          Follow
        </SubmitRow>
      </form>

      <div role="status">
        {followed && follow.isSuccess ? (
          <p className="mt-4 text-sm font-medium text-success-fg">
            You&apos;re following {followed.title}. Its new uploads will show up in your projects.
          </p>
        ) : null}
      </div>

      {followed?.runId ? (
        <StartedRunProgress
          runId={followed.runId}
          title={`Importing recent uploads from ${followed.title}`}
          onFinished={handleRunFinished}
        />
      ) : null}
    </Card>
  );
}

type BackfillSelectProps = { value: number; onChange: (value: number) => void; isDisabled: boolean };

/** "Also import recent uploads": a native <select> in the shared field frame (label, hint, describedby). */
function BackfillSelect({ value, onChange, isDisabled }: BackfillSelectProps) {
  const ids = useFieldIds({ hasHint: true, hasError: false });
  // A choice made before the page hydrated still counts (use-early-edit.ts).
  const selectRef = useEarlyEditRef<HTMLSelectElement>();
  return (
    <FieldFrame
      {...ids}
      label="Also import recent uploads"
      hint="They import in the background; you can leave this page."
      className="sm:max-w-xs"
    >
      <select
        ref={selectRef}
        id={ids.fieldId}
        name="backfill"
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
        disabled={isDisabled}
        aria-describedby={ids.describedBy}
        className="mt-1.5 block h-11 w-full rounded-control border border-border-strong bg-surface px-3 text-base text-foreground shadow-sm transition-colors hover:border-muted-foreground/60 focus-visible:border-ring disabled:cursor-not-allowed disabled:opacity-60 sm:text-sm"
      >
        {BACKFILL_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
