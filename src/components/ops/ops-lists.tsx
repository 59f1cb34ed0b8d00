"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { OpsOverview } from "~/lib/ops/get-ops-overview";
import { describeApiErrorMessage } from "~/components/errors/error-text";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardDescription, CardTitle } from "~/components/ui/card";
import { formatNumber } from "~/components/ui/format-number";
import { Spinner } from "~/components/ui/icons";
import { useToast } from "~/components/ui/toast";
import { useTRPC } from "~/trpc/client";
import { formatDayClock } from "./ops-format";
import { OpsTable } from "./ops-table";

type DeadLetterItem = OpsOverview["deadLetters"]["items"][number];

const BREAKER_TONES: Record<string, BadgeTone> = { closed: "success", half_open: "warning", open: "danger" };
const BREAKER_WORDS: Record<string, string> = { closed: "Closed", half_open: "Half-open", open: "Open" };

/** A breaker changed within this is "now"; an older open row is a process that has since gone quiet. */
const BREAKER_CURRENT_MS = 10 * 60 * 1000;

function RetryButton({ item }: { item: DeadLetterItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const retry = useMutation(
    trpc.ops.retryDeadLetter.mutationOptions({
      onSuccess: (result) =>
        toast.show({
          tone: result.status === "retried" ? "success" : "info",
          title: result.status === "retried" ? `Sent back to ${item.queue ?? "its queue"}` : "Already retried",
        }),
      onError: (error) =>
        toast.show({
          tone: "error",
          title: "Retry failed",
          description: describeApiErrorMessage(error, "We couldn't retry that job."),
        }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.ops.overview.queryKey() }),
    }),
  );
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={`Retry ${item.queue ?? "job"} ${item.id}`}
      aria-disabled={retry.isPending || undefined}
      onClick={() => {
        // The server re-sends a job once however often it is asked; this only saves the round trips.
        if (!retry.isPending) retry.mutate({ deadLetterQueue: item.deadLetterQueue, id: item.id });
      }}
    >
      {retry.isPending ? <Spinner /> : null}
      {retry.isPending ? "Retrying…" : "Retry"}
    </Button>
  );
}

export function DeadLettersCard({ deadLetters }: { deadLetters: OpsOverview["deadLetters"] }) {
  return (
    <Card as="section" aria-labelledby="ops-dead-letters-title">
      <CardTitle as="h2" id="ops-dead-letters-title">
        Dead-letter jobs <span className="text-muted-foreground tabular-nums">({formatNumber(deadLetters.total)})</span>
      </CardTitle>
      <CardDescription>
        Jobs that gave up after their retries, or whose payload was bad. Retry sends one back to its queue with the
        queue&apos;s retry settings; they are kept 14 days.
      </CardDescription>
      {deadLetters.items.length === 0 ? (
        <p className="mt-4 text-sm text-muted-foreground">No dead-letter jobs.</p>
      ) : (
        <ul aria-label="Dead-letter jobs" className="mt-4 divide-y divide-border">
          {deadLetters.items.map((item) => (
            <li
              key={item.id}
              className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between sm:gap-4"
            >
              <div className="min-w-0 space-y-1">
                <p className="text-sm">
                  <span className="font-mono text-xs">{item.queue ?? item.deadLetterQueue}</span>
                  <span className="text-muted-foreground">
                    {" "}
                    · {formatDayClock(item.deadLetteredAt)} · {item.attempts}{" "}
                    {item.attempts === 1 ? "attempt" : "attempts"}
                  </span>
                </p>
                {item.error ? <p className="text-sm break-words text-danger-fg">{item.error}</p> : null}
                <code className="block rounded-control bg-surface-muted px-2 py-1 font-mono text-xs break-all">
                  {item.payloadPreview}
                </code>
              </div>
              <RetryButton item={item} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function RecentFailuresCard({ failures }: { failures: OpsOverview["recentFailures"] }) {
  return (
    <Card as="section" aria-labelledby="ops-failures-title">
      <CardTitle as="h2" id="ops-failures-title">
        Recent failures
      </CardTitle>
      <CardDescription>
        The last jobs that failed for good in the past 24 hours, with the error each recorded.
      </CardDescription>
      {failures.length === 0 ? (
        <p className="mt-4 text-sm text-muted-foreground">No job failed in the last 24 hours.</p>
      ) : (
        <OpsTable
          caption="Recent job failures"
          columns={[{ label: "Queue" }, { label: "When" }, { label: "Error" }]}
          minWidthClass="min-w-[32rem]"
        >
          {failures.map((failure) => (
            <tr key={failure.id} className="border-t border-border align-top">
              <th scope="row" className="py-2 pr-4 font-mono text-xs font-normal">
                {failure.queue}
              </th>
              <td className="py-2 pr-4 whitespace-nowrap">{formatDayClock(failure.failedAt)}</td>
              <td className="py-2 break-words">{failure.error ?? "–"}</td>
            </tr>
          ))}
        </OpsTable>
      )}
    </Card>
  );
}

export function BreakersCard({ breakers, readAt }: { breakers: OpsOverview["breakers"]; readAt: Date }) {
  const tripped = breakers.filter(
    (row) => row.state !== "closed" && readAt.getTime() - row.changedAt.getTime() < BREAKER_CURRENT_MS,
  );
  return (
    <Card as="section" aria-labelledby="ops-breakers-title">
      <CardTitle as="h2" id="ops-breakers-title">
        Circuit breakers
      </CardTitle>
      <CardDescription>
        Each process keeps its own breaker per upstream; this is what they last reported.{" "}
        {tripped.length > 0
          ? `${tripped.length} not closed right now: calls to that upstream wait instead of failing.`
          : "All closed (or quiet) in the last 10 minutes."}
      </CardDescription>
      {breakers.length === 0 ? (
        <p className="mt-4 text-sm text-muted-foreground">No breaker has changed state in the last 24 hours.</p>
      ) : (
        <OpsTable
          caption="Last circuit breaker transitions"
          columns={[{ label: "Upstream" }, { label: "Process" }, { label: "State" }, { label: "Since" }]}
          minWidthClass="min-w-[28rem]"
        >
          {breakers.map((row) => (
            <tr key={`${row.upstream}-${row.instance}`} className="border-t border-border">
              <th scope="row" className="py-2 pr-4 font-mono text-xs font-normal">
                {row.upstream}
              </th>
              <td className="py-2 pr-4 font-mono text-xs">{row.instance}</td>
              <td className="py-2 pr-4">
                <Badge tone={BREAKER_TONES[row.state] ?? "neutral"}>{BREAKER_WORDS[row.state] ?? row.state}</Badge>
              </td>
              <td className="py-2 whitespace-nowrap">{formatDayClock(row.changedAt)}</td>
            </tr>
          ))}
        </OpsTable>
      )}
    </Card>
  );
}
