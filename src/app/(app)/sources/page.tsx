import type { Metadata } from "next";
import { SourcesView } from "./sources-view";
import { firstReads, nextCursorOf } from "~/components/first-reads";
import { getServerSession, HydrateClient, preloadInfinite, trpc } from "~/trpc/server";

export const metadata: Metadata = {
  title: "Sources",
  description: "Channels you follow: their new uploads become portfolio projects automatically.",
};

export default async function SourcesPage() {
  if (await getServerSession()) {
    await preloadInfinite(
      trpc.sources.list.infiniteQueryOptions(firstReads.sources, { getNextPageParam: nextCursorOf }),
    );
  }
  return (
    <HydrateClient>
      <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Sources</h1>
        <p className="mt-3 max-w-2xl text-lg text-muted-foreground">
          Follow YouTube channels and their new uploads turn into projects on their own. Pause or unfollow any time.
        </p>
        <div className="mt-8">
          <SourcesView />
        </div>
      </div>
    </HydrateClient>
  );
}
