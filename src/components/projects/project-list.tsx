"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "~/components/navigation";
import { firstReads, nextCursorOf } from "~/components/first-reads";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { shouldRetryQuery } from "~/components/errors/error-text";
import { ButtonLink } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { LoadMoreFooter } from "~/components/ui/load-more-footer";
import { CloseIcon } from "~/components/ui/icons";
import { FolderIcon } from "~/components/ui/media-icons";
import { useLiveUpdates } from "~/components/live/live-updates";
import { useTRPC } from "~/trpc/client";
import { ProjectCard, type ProjectCardData } from "./project-card";
import { projectsHref, readProjectFilters, type ProjectFilters } from "./project-filters";
import { ProjectGridSkeleton } from "./project-grid-skeleton";

/** Without the live stream, while any loaded project is still being analysed, the list re-reads itself this often. */
const ANALYSIS_POLL_INTERVAL_MS = 30_000;

type ActiveFilter = { key: keyof ProjectFilters; slug: string; name: string };

/** The filter's display name, from the chips already loaded; the slug, de-hyphenated, until one is. */
function tagName(items: ProjectCardData[], key: keyof ProjectFilters, slug: string): string {
  const tags = items.flatMap((item) => (key === "tool" ? item.tools : item.categories));
  return tags.find((tag) => tag.slug === slug)?.name ?? slug.replaceAll("-", " ");
}

/**
 * The signed-in user's projects, newest first, a page at a time ("Load more"), filtered by the
 * `?tool=` / `?category=` the chips set. Reads search params, so render it inside <Suspense>.
 */
export function ProjectList() {
  const trpc = useTRPC();
  const filters = readProjectFilters(useSearchParams());
  const isLive = useLiveUpdates();
  const projects = useInfiniteQuery(
    trpc.projects.list.infiniteQueryOptions(firstReads.projects(filters), {
      getNextPageParam: nextCursorOf,
      retry: shouldRetryQuery,
      refetchInterval: (query) =>
        !isLive && query.state.data?.pages.some((page) => page.items.some((item) => item.analysisStatus === "pending"))
          ? ANALYSIS_POLL_INTERVAL_MS
          : false,
    }),
  );

  if (projects.isPending) return <ProjectGridSkeleton />;

  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];
  const activeFilters: ActiveFilter[] = (["tool", "category"] as const).flatMap((key) => {
    const slug = filters[key];
    return slug ? [{ key, slug, name: tagName(items, key, slug) }] : [];
  });

  return (
    <div>
      {activeFilters.length > 0 ? <ActiveFilterBar filters={filters} activeFilters={activeFilters} /> : null}

      {projects.isError && !projects.data ? (
        <ApiErrorAlert
          error={projects.error}
          title="We couldn't load your projects"
          fallback="That filter doesn't look right. Clear it and try again."
          onRetry={() => void projects.refetch()}
          isRetrying={projects.isFetching}
        />
      ) : items.length === 0 ? (
        activeFilters.length > 0 ? (
          <EmptyState
            icon={<FolderIcon />}
            title="No projects match this filter"
            actions={
              <ButtonLink href="/projects" variant="secondary">
                Show all projects
              </ButtonLink>
            }
          >
            None of your projects are tagged {activeFilters.map((filter) => `“${filter.name}”`).join(" and ")}.
          </EmptyState>
        ) : (
          <EmptyState
            icon={<FolderIcon />}
            title="No projects yet"
            actions={
              <>
                <ButtonLink href="/videos">Choose from My Videos</ButtonLink>
                <ButtonLink href="/import" variant="secondary">
                  Import by link
                </ButtonLink>
              </>
            }
          >
            Each video you import becomes a project, with its thumbnail, stats and the tools you used. Pick some from
            your channel, or paste links.
          </EmptyState>
        )
      ) : (
        <>
          <ul aria-label="Projects" className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
            {items.map((project) => (
              <ProjectCard key={project.id} project={project} filters={filters} />
            ))}
          </ul>

          <LoadMoreFooter
            query={projects}
            count={items.length}
            noun={{ one: "project", many: "projects" }}
            partialLabel={(count) => `Showing the newest ${count}`}
            errorTitle="We couldn't load more projects"
          />
        </>
      )}
    </div>
  );
}

function ActiveFilterBar({ filters, activeFilters }: { filters: ProjectFilters; activeFilters: ActiveFilter[] }) {
  return (
    <div className="mb-6 flex flex-wrap items-center gap-2 rounded-card border border-border bg-surface px-4 py-3 shadow-card">
      <p className="mr-1 text-sm text-muted-foreground">Filtered by</p>
      <ul className="flex flex-wrap gap-2">
        {activeFilters.map((filter) => (
          <li key={filter.key}>
            <span className="inline-flex h-8 items-center gap-1 rounded-full border border-brand/30 bg-brand-soft pr-1 pl-3 text-sm font-medium text-brand-text">
              <span className="text-xs font-semibold tracking-wide uppercase opacity-80">
                {filter.key === "tool" ? "Tool" : "Category"}:
              </span>
              {filter.name}
              <Link
                href={projectsHref({ ...filters, [filter.key]: undefined })}
                scroll={false}
                className="ml-0.5 inline-flex size-6 items-center justify-center rounded-full hover:bg-brand/15"
              >
                <CloseIcon className="size-3.5" />
                <span className="sr-only">
                  Remove the {filter.key} filter “{filter.name}”
                </span>
              </Link>
            </span>
          </li>
        ))}
      </ul>
      <Link
        href="/projects"
        scroll={false}
        className="ml-auto text-sm font-medium text-brand-text underline-offset-4 hover:underline"
      >
        Clear {activeFilters.length > 1 ? "filters" : "filter"}
      </Link>
    </div>
  );
}
