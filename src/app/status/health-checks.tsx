"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cx } from "~/components/ui/class-names";
import { useTRPC } from "~/trpc/client";

/** How often the open status page re-asks the server; each check is one cheap probe. */
const HEALTH_REFRESH_INTERVAL_MS = 15_000;

const CHECK_LABELS: Record<string, string> = { database: "Database", jobQueue: "Job queue" };

function labelFor(checkName: string): string {
  // Checks added on the server later still read well before anyone names them here.
  const known = CHECK_LABELS[checkName];
  if (known) return known;
  const words = checkName
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[-_]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

export function HealthChecks() {
  const trpc = useTRPC();
  const health = useSuspenseQuery(
    trpc.system.health.queryOptions(undefined, { refetchInterval: HEALTH_REFRESH_INTERVAL_MS }),
  );
  const checks = Object.entries(health.data.checks);
  const failing = checks.filter(([, check]) => !check.ok).length;
  const isOk = health.data.status === "ok";
  const checkedAt = new Date(health.dataUpdatedAt);

  return (
    <section aria-labelledby="checks-title" className="mt-10">
      <div
        role="status"
        className={cx(
          "flex items-start gap-4 rounded-card border p-5",
          isOk ? "border-success/30 bg-success/10" : "border-warning/30 bg-warning/10",
        )}
      >
        <span
          aria-hidden="true"
          className={cx(
            "mt-1.5 size-3 shrink-0 rounded-full ring-4",
            isOk ? "bg-success ring-success/20" : "bg-warning ring-warning/20",
          )}
        />
        <div>
          <p className={cx("text-lg font-semibold", isOk ? "text-success-fg" : "text-warning-fg")}>
            {isOk ? "All systems normal" : "Degraded"}
          </p>
          <p className="mt-1 text-sm text-muted-foreground">
            {isOk
              ? `${checks.length} of ${checks.length} checks passing.`
              : `${failing} of ${checks.length} checks failing. Imports and syncs may be delayed; nothing is lost.`}
          </p>
        </div>
      </div>

      <div className="mt-8 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="checks-title" className="text-xl font-semibold">
            Checks
          </h2>
          <p className="mt-1 text-sm text-muted-foreground">
            Last checked {/* Server and browser format this in different time zones; the browser's reading wins. */}
            <time dateTime={checkedAt.toISOString()} suppressHydrationWarning>
              {TIME_FORMAT.format(checkedAt)}
            </time>
          </p>
        </div>
        <Button variant="secondary" size="sm" onClick={() => void health.refetch()} disabled={health.isFetching}>
          {health.isFetching ? "Checking…" : "Check now"}
        </Button>
      </div>

      {health.isRefetchError ? (
        <p className="mt-4 rounded-control border border-warning/30 bg-warning/10 px-4 py-3 text-sm text-warning-fg">
          We couldn&apos;t reach the server just now. Showing the last result.
        </p>
      ) : null}

      <div className="mt-4 overflow-hidden rounded-card border border-border bg-surface shadow-card">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Health checks with their state and response time</caption>
          <thead className="bg-surface-muted text-muted-foreground">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium sm:px-6">
                Check
              </th>
              <th scope="col" className="px-4 py-3 font-medium sm:px-6">
                State
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium sm:px-6">
                Latency
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {checks.map(([name, check]) => (
              <tr key={name}>
                <th scope="row" className="px-4 py-4 font-medium sm:px-6">
                  {labelFor(name)}
                  {check.error ? (
                    <span className="mt-0.5 block text-xs font-normal text-muted-foreground">{check.error}</span>
                  ) : null}
                </th>
                <td className="px-4 py-4 sm:px-6">
                  <Badge tone={check.ok ? "success" : "danger"}>
                    <span
                      aria-hidden="true"
                      className={cx("size-1.5 rounded-full", check.ok ? "bg-success" : "bg-danger")}
                    />
                    {check.ok ? "Operational" : "Failing"}
                  </Badge>
                </td>
                <td className="px-4 py-4 text-right font-mono tabular-nums sm:px-6">{check.latencyMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function HealthChecksSkeleton() {
  return (
    <div aria-busy="true" className="mt-10">
      <span className="sr-only">Loading health checks…</span>
      <div
        aria-hidden="true"
        className="h-[5.5rem] rounded-card border border-border bg-surface-muted motion-safe:animate-pulse"
      />
      <div aria-hidden="true" className="mt-8 h-6 w-32 rounded-full bg-surface-muted motion-safe:animate-pulse" />
      <div
        aria-hidden="true"
        className="mt-6 h-36 rounded-card border border-border bg-surface-muted motion-safe:animate-pulse"
      />
    </div>
  );
}
