import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { HealthChecks, HealthChecksSkeleton } from "./health-checks";

export const metadata: Metadata = {
  title: "System status",
  description: "Live health of the services behind Showreel.",
};

export default async function StatusPage() {
  // Health is only meaningful at request time; without this the build would prerender a snapshot.
  await connection();
  prefetch(trpc.system.health.queryOptions());

  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6 sm:py-16">
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">System status</h1>
      <p className="mt-3 text-lg text-muted-foreground">
        Live checks of the services Showreel depends on. This page refreshes on its own.
      </p>
      <HydrateClient>
        <Suspense fallback={<HealthChecksSkeleton />}>
          <HealthChecks />
        </Suspense>
      </HydrateClient>
    </div>
  );
}
