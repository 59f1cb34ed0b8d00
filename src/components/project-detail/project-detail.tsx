"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { useLiveUpdates } from "~/components/live/live-updates";
import { readAppErrorCode, shouldRetryQuery } from "~/components/errors/error-text";
import { ButtonLink } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { FolderIcon } from "~/components/ui/media-icons";
import { useTRPC } from "~/trpc/client";
import { AnalysisPanel } from "./analysis-panel";
import { AvailabilityBanner } from "./availability-banner";
import { DeleteProjectSection } from "./delete-project-section";
import { DetailsRemovedBanner } from "./details-removed-banner";
import { DetailsEditor } from "./details-editor";
import { ProjectFacts } from "./project-facts";
import { ProjectPlayer } from "./project-player";
import { SourceSection } from "./source-section";
import { TagEditor } from "./tag-editor";
import { usePendingProjectEdits } from "./use-project-update";
import { VisibilitySettings } from "./visibility-settings";

/** Without the live stream, while the AI pass is queued or running, the page re-reads the project this often. */
const ANALYSIS_POLL_INTERVAL_MS = 10_000;

/**
 * One project, as its owner manages it: the player, what YouTube says about the video, the tags (editable),
 * how it was analysed, where it shows, and deletion. The page prefetches the project on the server, so
 * the first render already has it; edits show at once (see usePendingProjectEdits) and are saved in order.
 */
export function ProjectDetail({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const isLive = useLiveUpdates();
  const project = useQuery(
    trpc.projects.get.queryOptions(
      { id: projectId },
      {
        retry: shouldRetryQuery,
        refetchInterval: (query) =>
          !isLive && query.state.data?.analysisStatus === "pending" ? ANALYSIS_POLL_INTERVAL_MS : false,
      },
    ),
  );
  const edits = usePendingProjectEdits(projectId);

  if (!project.data) {
    if (project.isPending) return <ProjectDetailSkeleton />;
    if (readAppErrorCode(project.error) === "NOT_FOUND") {
      return (
        <EmptyState
          icon={<FolderIcon />}
          title="This project no longer exists"
          headingLevel="h2"
          actions={<ButtonLink href="/projects">Back to projects</ButtonLink>}
        >
          It may have been deleted in another tab. The video itself is still on YouTube.
        </EmptyState>
      );
    }
    return (
      <ApiErrorAlert
        error={project.error}
        title="We couldn't load this project"
        onRetry={() => void project.refetch()}
        isRetrying={project.isFetching}
      />
    );
  }

  const data = project.data;
  const title = edits.title ?? data.title;

  return (
    <article aria-labelledby="project-title">
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href="/projects" className="rounded-sm font-medium text-brand-text underline-offset-4 hover:underline">
          <span aria-hidden="true">← </span>All projects
        </Link>
      </nav>

      {data.detailsRemovedAt !== null ? (
        <DetailsRemovedBanner className="mb-6" />
      ) : data.availability !== "available" ? (
        <AvailabilityBanner availability={data.availability} className="mb-6" />
      ) : null}

      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-8">
          <ProjectPlayer project={data} title={title} />
          <DetailsEditor project={data} edits={edits} />
          <ProjectFacts project={data} />
          <TagEditor project={data} edits={edits} />
        </div>

        <div className="min-w-0 space-y-6">
          <AnalysisPanel project={data} title={title} />
          <VisibilitySettings project={data} edits={edits} />
          <SourceSection project={data} />
          <DeleteProjectSection projectId={data.id} title={title} />
        </div>
      </div>
    </article>
  );
}

function ProjectDetailSkeleton() {
  return (
    <div aria-busy="true">
      <p className="sr-only">Loading the project…</p>
      <Skeleton className="aspect-video w-full rounded-card" />
      <Skeleton className="mt-6 h-9 w-2/3 rounded-control" />
      <Skeleton className="mt-3 h-5 w-1/2 rounded-control" />
    </div>
  );
}
