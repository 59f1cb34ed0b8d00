"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { shouldRetryQuery } from "~/components/errors/error-text";
import { ButtonLink } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { LoadMoreFooter } from "~/components/ui/load-more-footer";
import { Spinner } from "~/components/ui/icons";
import { FolderIcon } from "~/components/ui/media-icons";
import { useTRPC } from "~/trpc/client";
import { PortfolioCard, type PortfolioProjectData } from "./portfolio-card";
import { nextCursorOf } from "~/components/first-reads";
import { portfolioHref, type PortfolioFilters } from "./portfolio-filters";
import { VideoPlayerDialog } from "./video-player-dialog";

export type PortfolioQueryInput = { handle: string; limit: number } & PortfolioFilters;

type PortfolioGridProps = {
  /** Exactly the input the page prefetched with, so the grid starts from the server's first page. */
  input: PortfolioQueryInput;
  creatorName: string;
  isOwner: boolean;
};

/**
 * The creator's public projects, newest first; "Load more" appends the next page. The first page comes
 * hydrated from the server render, so it shows (and its chips work) before, or without, JavaScript. No
 * Suspense around it: a boundary would let the server stream the grid after a fallback, which a browser
 * without JavaScript never swaps in.
 */
export function PortfolioGrid({ input, creatorName, isOwner }: PortfolioGridProps) {
  const trpc = useTRPC();
  const [playing, setPlaying] = useState<PortfolioProjectData | null>(null);
  const projects = useInfiniteQuery(
    trpc.portfolio.byHandle.infiniteQueryOptions(input, {
      getNextPageParam: nextCursorOf,
      retry: shouldRetryQuery,
    }),
  );
  const filters: PortfolioFilters = { tool: input.tool, category: input.category };
  const isFiltered = Boolean(input.tool || input.category);

  // Only when the server's first page did not come along (it always does on a normal page load).
  if (projects.isPending) {
    return (
      <p role="status" className="flex items-center justify-center gap-2 py-16 text-muted-foreground">
        <Spinner /> Loading projects…
      </p>
    );
  }
  if (projects.isError && !projects.data) {
    return (
      <ApiErrorAlert
        error={projects.error}
        title="We couldn't load these projects"
        onRetry={() => void projects.refetch()}
        isRetrying={projects.isFetching}
      />
    );
  }
  const items = projects.data.pages.flatMap((page) => page.items);

  if (items.length === 0) {
    return isFiltered ? (
      <EmptyState
        headingLevel="h3"
        icon={<FolderIcon />}
        title="No projects match this filter"
        actions={
          <ButtonLink href={portfolioHref(input.handle)} variant="secondary" scroll={false}>
            Show all projects
          </ButtonLink>
        }
      >
        None of {creatorName}&apos;s public projects match. Try another tool or category.
      </EmptyState>
    ) : (
      <EmptyState
        headingLevel="h3"
        icon={<FolderIcon />}
        title="No public projects yet"
        actions={isOwner ? <ButtonLink href="/projects">Choose projects to show</ButtonLink> : undefined}
      >
        {isOwner
          ? "Your projects are private until you make them public. Pick the ones to show on your Projects page."
          : `When ${creatorName} makes projects public, they'll show up here.`}
      </EmptyState>
    );
  }

  return (
    <>
      <ul aria-label="Projects" className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((project) => (
          <PortfolioCard
            key={project.id}
            project={project}
            handle={input.handle}
            filters={filters}
            onPlay={setPlaying}
          />
        ))}
      </ul>

      <LoadMoreFooter
        query={projects}
        count={items.length}
        noun={{ one: "project", many: "projects" }}
        partialLabel={(count) => `Showing the newest ${count}`}
        errorTitle="We couldn't load more projects"
      />

      <VideoPlayerDialog video={playing} onClose={() => setPlaying(null)} />
    </>
  );
}
