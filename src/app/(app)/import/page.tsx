import type { Metadata } from "next";
import { ImportView } from "./import-view";
import { firstReads } from "~/components/first-reads";
import { getServerSession, HydrateClient, preload, trpc } from "~/trpc/server";

export const metadata: Metadata = {
  title: "Import",
  description: "Import YouTube videos by link, or a whole channel, as portfolio projects.",
};

export default async function ImportPage() {
  if (await getServerSession()) {
    await preload(trpc.imports.list.queryOptions(firstReads.recentImports));
  }
  return (
    <HydrateClient>
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Import</h1>
        <p className="mt-3 max-w-2xl text-lg text-muted-foreground">
          Turn YouTube videos into portfolio projects: paste links, or bring in a whole channel.
        </p>
        <div className="mt-8">
          <ImportView />
        </div>
      </div>
    </HydrateClient>
  );
}
