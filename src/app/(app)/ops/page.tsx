import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OpsOverview } from "~/components/ops/ops-overview";
import { isAdmin } from "~/lib/account/is-admin";
import { getServerSession, HydrateClient, preload, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Operations", robots: { index: false } };

/** Admins only; anyone else gets the not-found page, so the page's existence is not advertised. */
export default async function OpsPage() {
  const session = await getServerSession();
  // The session's role may be a cached copy: an admin's authority is read from the user row.
  if (!session || !(await isAdmin(session.user.id))) notFound();
  await preload(trpc.ops.overview.queryOptions());
  return (
    <HydrateClient>
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Operations</h1>
        <p className="mt-3 max-w-2xl text-lg text-muted-foreground">
          Queues, job run times, the YouTube quota, sync lag, breakers and failed jobs, live. Prometheus scrapes the
          same figures from the metrics endpoints.
        </p>
        <div className="mt-8">
          <OpsOverview />
        </div>
      </div>
    </HydrateClient>
  );
}
