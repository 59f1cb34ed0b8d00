import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { PortfolioFilterBar } from "~/components/portfolio/portfolio-filter-bar";
import { nextCursorOf } from "~/components/first-reads";
import { portfolioHref, type PortfolioFilters } from "~/components/portfolio/portfolio-filters";
import { pluralizeProjects } from "~/components/portfolio/portfolio-format";
import { PortfolioGrid, type PortfolioQueryInput } from "~/components/portfolio/portfolio-grid";
import { PortfolioHeader } from "~/components/portfolio/portfolio-header";
import { env } from "~/env";
import { getPortfolioInputSchema, PORTFOLIO_PAGE_SIZE, tagSlugSchema } from "~/lib/portfolio/portfolio.schema";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";

type PortfolioPageProps = {
  params: Promise<{ handle: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A filter from the URL; a malformed one is ignored rather than failing the page. */
function readFilter(value: string | string[] | undefined): string | undefined {
  const parsed = tagSlugSchema.safeParse(Array.isArray(value) ? value[0] : value);
  return parsed.success ? parsed.data : undefined;
}

/** Route params may arrive percent-encoded; a malformed escape is simply no handle. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return "";
  }
}

async function readInput({ params, searchParams }: PortfolioPageProps): Promise<PortfolioQueryInput> {
  const [{ handle: rawHandle }, search] = await Promise.all([params, searchParams]);
  const handle = getPortfolioInputSchema.shape.handle.safeParse(safeDecode(rawHandle));
  if (!handle.success) notFound();
  const filters: PortfolioFilters = { tool: readFilter(search.tool), category: readFilter(search.category) };
  // Handles are stored lower-case: one canonical address per portfolio, whatever case a link used.
  if (handle.data !== handle.data.toLowerCase()) permanentRedirect(portfolioHref(handle.data.toLowerCase(), filters));
  return {
    handle: handle.data,
    limit: PORTFOLIO_PAGE_SIZE,
    ...(filters.tool ? { tool: filters.tool } : {}),
    ...(filters.category ? { category: filters.category } : {}),
  };
}

function isNotFoundError(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "NOT_FOUND";
}

/**
 * The first page, fetched once per request: generateMetadata and the page share the request's query
 * client, so the second call reads the first one's result. An unknown handle becomes the site's 404.
 */
async function loadFirstPage(input: PortfolioQueryInput) {
  try {
    const data = await getQueryClient().fetchInfiniteQuery(
      trpc.portfolio.byHandle.infiniteQueryOptions(input, { getNextPageParam: nextCursorOf }),
    );
    const first = data.pages[0];
    if (!first?.profile) notFound();
    return { profile: first.profile, items: first.items };
  } catch (error) {
    if (isNotFoundError(error)) notFound();
    throw error;
  }
}

export async function generateMetadata(props: PortfolioPageProps): Promise<Metadata> {
  const input = await readInput(props);
  const { profile, items } = await loadFirstPage(input);
  const url = new URL(portfolioHref(profile.handle), env.APP_URL).toString();
  const title = `${profile.name} (@${profile.handle})`;
  const topTools = profile.tools.slice(0, 3).map((tool) => tool.name);
  const description =
    profile.projectCount > 0
      ? `${profile.name}'s portfolio on Showreel: ${pluralizeProjects(profile.projectCount)}${topTools.length > 0 ? `, made with ${topTools.join(", ")}` : ""}.`
      : `${profile.name}'s portfolio on Showreel.`;
  const thumbnail = items.find((item) => item.thumbnailUrl)?.thumbnailUrl;
  const images = thumbnail
    ? [{ url: thumbnail, alt: `Thumbnail of “${items.find((item) => item.thumbnailUrl === thumbnail)?.title ?? ""}”` }]
    : undefined;
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: "profile",
      title,
      description,
      url,
      siteName: "Showreel",
      username: profile.handle,
      ...(images ? { images } : {}),
    },
    twitter: { card: images ? "summary_large_image" : "summary", title, description, ...(images ? { images } : {}) },
  };
}

export default async function PortfolioPage(props: PortfolioPageProps) {
  const input = await readInput(props);
  // Awaited before anything renders, so an unknown handle answers 404 before the response starts.
  const { profile } = await loadFirstPage(input);
  const filters: PortfolioFilters = { tool: input.tool, category: input.category };

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <PortfolioHeader profile={profile} />
      <section aria-labelledby="portfolio-projects-title" className="mt-10 space-y-6">
        <h2 id="portfolio-projects-title" className="sr-only">
          Projects
        </h2>
        <PortfolioFilterBar
          handle={profile.handle}
          filters={filters}
          tools={profile.tools}
          categories={profile.categories}
        />
        <HydrateClient>
          <PortfolioGrid input={input} creatorName={profile.name} isOwner={profile.isOwner} />
        </HydrateClient>
      </section>
    </div>
  );
}
