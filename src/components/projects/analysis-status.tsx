"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/icons";
import { RefreshIcon, SparklesIcon } from "~/components/ui/media-icons";
import { useTRPC } from "~/trpc/client";

export type AnalysisStatus = "pending" | "ai" | "fallback" | "failed";

/** The badge for each status; the project page shows the same ones. */
export const ANALYSIS_LOOKS: Record<AnalysisStatus, { label: string; tone: BadgeTone; canReanalyze: boolean }> = {
  ai: { label: "AI tagged", tone: "success", canReanalyze: false },
  fallback: { label: "Tagged by matcher", tone: "info", canReanalyze: true },
  pending: { label: "Analyzing…", tone: "neutral", canReanalyze: false },
  failed: { label: "Analysis failed", tone: "danger", canReanalyze: true },
};

type AnalysisStatusProps = {
  projectId: string;
  projectTitle: string;
  status: AnalysisStatus;
  note: string | null;
};

/**
 * How a project's tools and categories were found, and a way to run the AI pass again when it fell back
 * to the keyword matcher or failed. The note (why it fell back) is shown as text, not only a tooltip,
 * so touch and screen-reader users get it too.
 */
export function AnalysisStatusRow({ projectId, projectTitle, status, note }: AnalysisStatusProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const look = ANALYSIS_LOOKS[status];
  const reanalyze = useMutation(
    trpc.projects.reanalyze.mutationOptions({
      // The project turns "pending" at once on the server; the list polls until the new tags land.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() }),
    }),
  );
  const showNote = note && status !== "ai";

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Badge tone={look.tone} title={note ?? undefined}>
          {status === "pending" ? <Spinner className="size-3" /> : null}
          {status === "ai" ? <SparklesIcon className="size-3" /> : null}
          <span className="sr-only">Tags: </span>
          {look.label}
        </Badge>
        {look.canReanalyze ? (
          <Button
            variant="secondary"
            size="sm"
            aria-disabled={reanalyze.isPending || undefined}
            onClick={() => {
              if (!reanalyze.isPending) reanalyze.mutate({ id: projectId });
            }}
          >
            {reanalyze.isPending ? <Spinner /> : <RefreshIcon />}
            {reanalyze.isPending ? "Queuing…" : "Re-analyze"}
            <span className="sr-only"> “{projectTitle}”</span>
          </Button>
        ) : null}
      </div>
      {showNote ? <p className="mt-2 text-xs leading-relaxed text-muted-foreground">{note}</p> : null}
      {reanalyze.isError ? (
        <ApiErrorAlert
          className="mt-3"
          error={reanalyze.error}
          title="Re-analysis didn't start"
          fallback="Please try again."
          onRetry={() => reanalyze.mutate({ id: projectId })}
          isRetrying={reanalyze.isPending}
          onDismiss={() => reanalyze.reset()}
        />
      ) : null}
    </div>
  );
}
