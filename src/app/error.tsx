"use client";

import { useQueryErrorResetBoundary } from "@tanstack/react-query";
import { Button, ButtonLink } from "~/components/ui/button";

type ErrorPageProps = {
  /** Whatever was thrown; a value thrown in a Client Component may not be an Error. */
  error: unknown;
  /** Re-fetches the segment's server data and re-renders it (Next 16's preferred recovery over `reset`). */
  retry: () => void;
};

function findDigest(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" ? error.digest : undefined;
}

/**
 * Route error boundary. The thrown message is never rendered: in production Next already replaces
 * server messages, but client-thrown ones arrive verbatim and may carry internals. The digest is the
 * handle support needs to find the server log line.
 */
export default function ErrorPage({ error, retry }: ErrorPageProps) {
  const digest = findDigest(error);
  // A query that threw into this boundary will not refetch on remount unless its error is reset too;
  // without this, "Try again" would re-render the same failure without asking the server.
  const { reset: resetQueryErrors } = useQueryErrorResetBoundary();

  return (
    <div className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center sm:py-32">
      <title>Something went wrong · Showreel</title>
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Something went wrong</h1>
      <p className="mt-4 text-lg text-muted-foreground">
        We hit a problem loading this page. It&apos;s usually temporary — try again, and if it keeps happening, check
        the system status.
      </p>
      {digest ? (
        <p className="mt-4 text-sm text-muted-foreground">
          Reference:{" "}
          <code className="rounded-md bg-surface-muted px-1.5 py-0.5 font-mono text-foreground">{digest}</code>
        </p>
      ) : null}
      <div className="mt-8 flex w-full flex-col gap-3 sm:w-auto sm:flex-row">
        <Button
          onClick={() => {
            resetQueryErrors();
            retry();
          }}
        >
          Try again
        </Button>
        <ButtonLink href="/status" variant="secondary">
          System status
        </ButtonLink>
      </div>
    </div>
  );
}
