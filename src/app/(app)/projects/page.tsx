import type { Metadata } from "next";
import { firstReads, nextCursorOf } from "~/components/first-reads";
import { readProjectFilters } from "~/components/projects/project-filters";
import { ButtonLink } from "~/components/ui/button";
import { getServerSession, HydrateClient, preloadInfinite, trpc } from "~/trpc/server";
import { ProjectsView } from "./projects-view";

export const metadata: Metadata = {
  title: "Projects",
  description: "Your imported videos as portfolio projects, with the tools and categories they were tagged with.",
};

export default async function ProjectsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  if (await getServerSession()) {
    const filters = readProjectFilters({ get: (name) => (typeof params[name] === "string" ? params[name] : null) });
    await preloadInfinite(
      trpc.projects.list.infiniteQueryOptions(firstReads.projects(filters), { getNextPageParam: nextCursorOf }),
    );
  }
  return (
    <HydrateClient>
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
        <div className="flex flex-col gap-6 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Projects</h1>
            <p className="mt-3 max-w-2xl text-lg text-muted-foreground">
              Your imported videos, tagged with the tools you used. Pick a tool or category to filter.
            </p>
          </div>
          <ButtonLink href="/import" variant="secondary" className="self-start sm:self-auto">
            Import more
          </ButtonLink>
        </div>
        <div className="mt-8">
          <ProjectsView />
        </div>
      </div>
    </HydrateClient>
  );
}
