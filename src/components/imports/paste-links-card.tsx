"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { SubmitRow } from "~/components/forms/submit-row";
import { focusOnFixInput, useServerFieldError } from "~/components/forms/use-server-field-error";
import { Card } from "~/components/ui/card";
import { CardHeader } from "~/components/ui/card-header";
import { cx } from "~/components/ui/class-names";
import { LinkIcon } from "~/components/ui/media-icons";
import { TextAreaField } from "~/components/ui/textarea";
import { MAX_VIDEOS_PER_IMPORT } from "~/lib/imports/imports.schema";
import { MAX_REF_INPUT_LENGTH } from "~/lib/youtube/youtube-ref.schema";
import { useTRPC } from "~/trpc/client";
import { StartedRunProgress } from "./started-run-progress";

const SERVER_FALLBACK = "Check the links and try again.";

function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The same bounds importVideosInputSchema checks, worded for this field; links themselves are parsed on the server. */
function linesProblem(lines: string[]): string | null {
  if (lines.length === 0) return "Paste at least one YouTube link or video id.";
  if (lines.length > MAX_VIDEOS_PER_IMPORT) {
    return `That's ${lines.length} lines; one import takes up to ${MAX_VIDEOS_PER_IMPORT}. Import the rest separately.`;
  }
  const tooLong = lines.findIndex((line) => line.length > MAX_REF_INPUT_LENGTH);
  if (tooLong >= 0) return `Line ${tooLong + 1} is too long to be a YouTube link.`;
  return null;
}

type PasteLinksCardProps = {
  /** The run this card started, shown under the form. */
  runId: string | null;
  onStarted: (runId: string) => void;
  onRunFinished: () => void;
};

/** "Paste video links": up to 50 links or ids, one per line, imported as one run. */
export function PasteLinksCard({ runId, onStarted, onRunFinished }: PasteLinksCardProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const countId = useId();

  const importVideos = useMutation(
    trpc.imports.importVideos.mutationOptions({
      onSuccess: ({ runId: startedRunId }) => {
        setText("");
        onStarted(startedRunId);
        return queryClient.invalidateQueries({ queryKey: trpc.imports.list.queryKey() });
      },
      onError: focusOnFixInput(fieldRef),
    }),
  );

  const lines = splitLines(text);
  const duplicates = lines.length - new Set(lines).size;
  const isOverLimit = lines.length > MAX_VIDEOS_PER_IMPORT;
  // Problems with what was typed sit under the field; anything else (a wait, an outage) is an alert.
  const errors = useServerFieldError(importVideos, SERVER_FALLBACK);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (importVideos.isPending) return;
    const problem = linesProblem(lines);
    // Blank lines and stray spaces go, so a server message about "Line 3" means the third line on screen.
    setText(lines.join("\n"));
    errors.setInputError(problem);
    if (problem) {
      fieldRef.current?.focus();
      return;
    }
    importVideos.mutate({ videos: lines });
  }

  return (
    <Card as="section" aria-labelledby="paste-links-title">
      <CardHeader
        icon={<LinkIcon />}
        titleId="paste-links-title"
        title="Paste video links"
        description="Watch pages, youtu.be, Shorts and live links all work, and so do bare video ids."
      />

      <form
        noValidate
        onSubmit={handleSubmit}
        className="mt-6 flex flex-col"
        aria-busy={importVideos.isPending || undefined}
      >
        <TextAreaField
          ref={fieldRef}
          label="Links or ids, one per line"
          name="videos"
          rows={7}
          // One link per line: wrapping a long link would look like two.
          wrap="off"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            errors.clear();
          }}
          placeholder={"https://www.youtube.com/watch?v=…\nhttps://youtu.be/…\ndQw4w9WgXcQ"}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          readOnly={importVideos.isPending}
          aria-describedby={countId}
          labelAside={
            <span
              id={countId}
              className={cx(
                "text-sm tabular-nums",
                isOverLimit ? "font-semibold text-danger-fg" : "text-muted-foreground",
              )}
            >
              {lines.length} of {MAX_VIDEOS_PER_IMPORT}
              <span className="sr-only"> lines</span>
            </span>
          }
          hint={
            duplicates > 0
              ? `Up to ${MAX_VIDEOS_PER_IMPORT} per import. ${duplicates} duplicate ${duplicates === 1 ? "line" : "lines"} will be imported once.`
              : `Up to ${MAX_VIDEOS_PER_IMPORT} per import. Videos you already have are skipped.`
          }
          error={errors.fieldError}
          className="[&_textarea]:min-h-40 [&_textarea]:font-mono"
        />

        <SubmitRow
          error={errors.alertError}
          errorTitle="The import didn't start"
          fallback={SERVER_FALLBACK}
          onRetry={lines.length > 0 ? () => importVideos.mutate({ videos: lines }) : undefined}
          onDismiss={() => importVideos.reset()}
          isPending={importVideos.isPending}
          pendingLabel="Starting import…"
          alertClassName="mt-4"
          buttonClassName="mt-5"
        >
          {lines.length > 1 && !isOverLimit
            ? `Import ${lines.length} videos`
            : lines.length === 1
              ? "Import 1 video"
              : "Import videos"}
        </SubmitRow>
      </form>

      {runId ? <StartedRunProgress runId={runId} onFinished={onRunFinished} /> : null}
    </Card>
  );
}
