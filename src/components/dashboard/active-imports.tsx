"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { ImportProgress, type ImportRun } from "~/components/imports/import-progress";
import { runTitle } from "~/components/imports/recent-imports";
import { Card } from "~/components/ui/card";
import { CardHeader } from "~/components/ui/card-header";
import { RefreshIcon } from "~/components/ui/media-icons";
import { useToast } from "~/components/ui/toast";
import { useTRPC } from "~/trpc/client";
import { QueryBody } from "./query-body";

function finishedToast(run: ImportRun) {
  const counts = `${run.imported} imported · ${run.skipped} skipped · ${run.failed} failed`;
  if (run.status === "failed")
    return { tone: "error" as const, title: `${runTitle(run)}: the import stopped`, description: run.error ?? counts };
  return { tone: "success" as const, title: `${runTitle(run)}: import finished`, description: counts };
}

/** Import and sync runs still going, each with its live progress; a finished one leaves with a toast. */
export function ActiveImports() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const summary = useQuery(trpc.dashboard.summary.queryOptions());

  function handleFinished(run: ImportRun) {
    toast.show(finishedToast(run));
    // New projects, units spent, and the run itself leaving this list.
    void Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.dashboard.summary.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.quota.today.queryKey() }),
    ]);
  }

  return (
    <Card as="section" aria-labelledby="dashboard-imports-title">
      <CardHeader
        icon={<RefreshIcon className="size-5" />}
        titleId="dashboard-imports-title"
        title="Imports in progress"
        description="Imports you started and channel syncs that found new uploads, live from the worker."
      />
      <div className="mt-6">
        <QueryBody query={summary} errorTitle="We couldn't load your imports" loadingText="Loading your imports…">
          {(data) =>
            data.activeRuns.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                Nothing is importing right now.{" "}
                <Link href="/import" className="font-medium text-brand-text underline-offset-4 hover:underline">
                  See your past imports
                </Link>
              </p>
            ) : (
              <>
                <ul className="divide-y divide-border">
                  {data.activeRuns.map((run) => (
                    <li key={run.id} className="py-4 first:pt-0 last:pb-0">
                      <h3 className="mb-3 font-semibold">{runTitle(run)}</h3>
                      <ImportProgress
                        runId={run.id}
                        initialRun={run}
                        initialRunUpdatedAt={summary.dataUpdatedAt}
                        onFinished={handleFinished}
                      />
                    </li>
                  ))}
                </ul>
                {data.hasMoreActiveRuns ? (
                  <Link
                    href="/import"
                    className="mt-4 inline-flex text-sm font-medium text-brand-text underline-offset-4 hover:underline"
                  >
                    See every import<span aria-hidden="true">&nbsp;→</span>
                  </Link>
                ) : null}
              </>
            )
          }
        </QueryBody>
      </div>
    </Card>
  );
}
