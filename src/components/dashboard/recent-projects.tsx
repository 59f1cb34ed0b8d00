"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Suspense } from "react";
import { firstReads } from "~/components/first-reads";
import { useLiveUpdates } from "~/components/live/live-updates";
import { ProjectCard } from "~/components/projects/project-card";
import { ButtonLink } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { FolderIcon } from "~/components/ui/media-icons";
import { useTRPC } from "~/trpc/client";
import { QueryBody } from "./query-body";
import { FormattedNumber } from "./viewer-format";

/** Without the live stream, a shown project still being analysed gets its tags with this poll (as on /projects). */
const ANALYSIS_POLL_INTERVAL_MS = 30_000;
const NO_FILTERS = {};

export function RecentProjects({ isConnected }: { isConnected: boolean }) {
  const trpc = useTRPC();
  const isLive = useLiveUpdates();
  const projects = useQuery(
    trpc.projects.list.queryOptions(firstReads.dashboardProjects, {
      refetchInterval: (query) =>
        !isLive && query.state.data?.items.some((item) => item.analysisStatus === "pending")
          ? ANALYSIS_POLL_INTERVAL_MS
          : false,
    }),
  );
  const summary = useQuery(trpc.dashboard.summary.queryOptions());
  const total = summary.data?.projectCount ?? 0;

  return (
    <section aria-labelledby="dashboard-projects-title">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="dashboard-projects-title" className="text-xl font-semibold tracking-tight">
          Recent projects
        </h2>
        {total > 0 ? (
          <Link href="/projects" className="text-sm font-medium text-brand-text underline-offset-4 hover:underline">
            See all <FormattedNumber value={total} /> {total === 1 ? "project" : "projects"}
            <span aria-hidden="true">&nbsp;→</span>
          </Link>
        ) : null}
      </div>
      <div className="mt-4">
        <QueryBody query={projects} errorTitle="We couldn't load your projects" loadingText="Loading your projects…">
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState
                icon={<FolderIcon />}
                title="No projects yet"
                headingLevel="h3"
                actions={
                  <>
                    {isConnected ? <ButtonLink href="/videos">Pick from My Videos</ButtonLink> : null}
                    <ButtonLink href="/import" variant={isConnected ? "secondary" : "primary"}>
                      Paste video links
                    </ButtonLink>
                  </>
                }
              >
                Every video you import becomes a project with its thumbnail, stats and the tools found in it.
              </EmptyState>
            ) : (
              // Cards show dates in the reader's locale: a server/browser difference re-renders only this list.
              <Suspense>
                <ul aria-label="Recent projects" className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
                  {data.items.map((project) => (
                    <ProjectCard key={project.id} project={project} filters={NO_FILTERS} />
                  ))}
                </ul>
              </Suspense>
            )
          }
        </QueryBody>
      </div>
    </section>
  );
}
