"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { ANALYSIS_LOOKS } from "~/components/projects/analysis-status";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Spinner } from "~/components/ui/icons";
import { RefreshIcon, SparklesIcon } from "~/components/ui/media-icons";
import { useTRPC } from "~/trpc/client";
import type { ProjectDetailData } from "./use-project-update";

const EXPLANATIONS = {
  ai: "Showreel's AI picked these tools, categories and topics from the video's title and description.",
  fallback: "Showreel's AI pass didn't run, so its catalog matcher picked the tags from the title and description.",
  pending: "Showreel's AI is reading the title and description. The tags update here when it's done.",
  failed: "Showreel couldn't work out the tags.",
} as const;

/**
 * How the tags were found (AI, the matcher as a fallback and why, still running, failed) and Re-analyze.
 * The panel shows pending from the click; the server marks the project pending at once, live updates (or
 * the page's fallback poll) bring the new tags, and the status line, a polite live region, reads the
 * outcome out.
 */
export function AnalysisPanel({ project, title }: { project: ProjectDetailData; title: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const hintId = useId();
  const reanalyze = useMutation(
    trpc.projects.reanalyze.mutationOptions({
      onSuccess: () => {
        // Read what the server holds now (pending, or already done when the worker was quicker than this
        // answer): writing "pending" here could overwrite a result that live updates had already brought.
        void queryClient.invalidateQueries({ queryKey: trpc.projects.get.queryKey({ id: project.id }) });
        void queryClient.invalidateQueries({ queryKey: trpc.projects.list.pathKey() });
      },
    }),
  );
  // Pending from the click: while the request is on its way, then while the server says so.
  const status = reanalyze.isPending ? "pending" : project.analysisStatus;
  const look = ANALYSIS_LOOKS[status];
  const isPending = status === "pending";

  return (
    <Card as="section" aria-labelledby={titleId} className="p-5">
      <h2 id={titleId} className="text-base font-semibold tracking-tight">
        How Showreel tagged it
      </h2>
      <div role="status" className="mt-3">
        <Badge tone={look.tone}>
          {isPending ? <Spinner className="size-3" /> : null}
          {status === "ai" ? <SparklesIcon className="size-3" /> : null}
          <span className="sr-only">Tags: </span>
          {look.label}
        </Badge>
        <p className="mt-2 text-sm text-muted-foreground">{EXPLANATIONS[status]}</p>
        {project.analysisNote && status !== "ai" && !isPending ? (
          <p className="mt-2 text-sm text-foreground">{project.analysisNote}</p>
        ) : null}
      </div>

      {isPending ? null : (
        <>
          <Button
            variant="secondary"
            size="sm"
            className="mt-4"
            aria-describedby={hintId}
            aria-disabled={reanalyze.isPending || undefined}
            onClick={() => {
              if (!reanalyze.isPending) reanalyze.mutate({ id: project.id });
            }}
          >
            {reanalyze.isPending ? <Spinner /> : <RefreshIcon />}
            {reanalyze.isPending ? "Queuing…" : "Re-analyze"}
            <span className="sr-only"> “{title}”</span>
          </Button>
          <p id={hintId} className="mt-2 text-xs text-muted-foreground">
            A fresh pass replaces the tools, categories and topics, including ones you edited.
          </p>
        </>
      )}

      {reanalyze.isError ? (
        <ApiErrorAlert
          className="mt-3"
          error={reanalyze.error}
          title="Re-analysis didn't start"
          fallback="Please try again."
          onRetry={() => reanalyze.mutate({ id: project.id })}
          isRetrying={reanalyze.isPending}
          onDismiss={() => reanalyze.reset()}
        />
      ) : null}
    </Card>
  );
}
