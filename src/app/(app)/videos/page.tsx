import type { Metadata } from "next";
import { VideosView } from "./videos-view";
import { firstReads } from "~/components/first-reads";
import { getServerSession, HydrateClient, preload, trpc } from "~/trpc/server";

export const metadata: Metadata = {
  title: "My Videos",
  description: "Your YouTube channel's uploads. Pick the ones to turn into portfolio projects.",
};

export default async function VideosPage() {
  if (await getServerSession()) {
    await Promise.all([
      preload(trpc.youtube.connection.queryOptions()),
      preload(trpc.youtube.myVideos.queryOptions(firstReads.myVideos)),
    ]);
  }
  return (
    <HydrateClient>
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">My Videos</h1>
        <p className="mt-3 max-w-2xl text-lg text-muted-foreground">
          Your channel&apos;s uploads. Pick the ones to turn into portfolio projects.
        </p>
        <div className="mt-8">
          <VideosView />
        </div>
      </div>
    </HydrateClient>
  );
}
