"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { describeApiError, readAppErrorCode, shouldRetryQuery } from "~/components/errors/error-text";
import { SubmitButton } from "~/components/forms/submit-button";
import { Skeleton } from "~/components/ui/skeleton";
import { TextField } from "~/components/ui/input";
import { HANDLE_MAX_LENGTH, HANDLE_MIN_LENGTH, handleProblem } from "~/lib/account/account.schema";
import { useTRPC } from "~/trpc/client";
import { portfolioHref } from "./portfolio-filters";

/** Failures that are about the handle typed (a rule the server checked, or someone else has it): shown under the field. */
function isHandleFault(error: unknown): boolean {
  const code = readAppErrorCode(error);
  return code === "INVALID_INPUT" || code === "CONFLICT";
}

/**
 * "Public portfolio" in the account settings: the /u/<handle> address. A user without one gets a free
 * handle made from their name, pre-filled but not saved until they confirm it.
 */
export function PortfolioHandleSection() {
  const trpc = useTRPC();
  const account = useQuery(trpc.account.get.queryOptions(undefined, { retry: shouldRetryQuery }));

  return (
    <section aria-labelledby="portfolio-handle-title" className="mt-6 border-t border-border pt-5">
      <h3 id="portfolio-handle-title" className="text-base font-semibold">
        Public portfolio
      </h3>
      <p className="mt-1 text-sm text-muted-foreground">
        Anyone with the link sees your public projects there — never private or unlisted ones.
      </p>
      {account.isPending ? (
        <div aria-busy="true" className="mt-4 space-y-2">
          <Skeleton className="h-4 w-32 rounded-full" />
          <Skeleton className="h-11 w-full rounded-control" />
          <span className="sr-only">Loading your portfolio address…</span>
        </div>
      ) : account.isError ? (
        <ApiErrorAlert
          className="mt-4"
          error={account.error}
          title="We couldn't load your portfolio address"
          onRetry={() => void account.refetch()}
          isRetrying={account.isFetching}
        />
      ) : (
        <HandleForm savedHandle={account.data.handle} suggestedHandle={account.data.suggestedHandle} />
      )}
    </section>
  );
}

function HandleForm({ savedHandle, suggestedHandle }: { savedHandle: string | null; suggestedHandle: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fieldRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(savedHandle ?? suggestedHandle ?? "");
  const [inputError, setInputError] = useState<string | null>(null);
  const [justSaved, setJustSaved] = useState<string | null>(null);
  const save = useMutation(
    trpc.account.setHandle.mutationOptions({
      onSuccess: (result) => {
        // Show what the server stored ("Ana-Lee" is saved as "ana-lee").
        setValue(result.handle);
        setJustSaved(result.handle);
        return queryClient.invalidateQueries({ queryKey: trpc.account.get.queryKey() });
      },
      onError: (error) => {
        if (isHandleFault(error)) fieldRef.current?.focus();
      },
    }),
  );
  const fieldError =
    inputError ?? (save.isError && isHandleFault(save.error) ? describeApiError(save.error).message : null);
  const preview = value.trim().toLowerCase() || "your-name";

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const problem = handleProblem(value);
    setInputError(problem);
    setJustSaved(null);
    if (problem) return fieldRef.current?.focus();
    save.mutate({ handle: value });
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="mt-4" aria-busy={save.isPending || undefined}>
      {!savedHandle && suggestedHandle ? (
        <p className="mb-3 text-sm">
          You don&apos;t have a portfolio address yet. We suggest{" "}
          <strong className="font-semibold">{suggestedHandle}</strong>, from your name — keep it or change it, then
          save.
        </p>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          ref={fieldRef}
          label="Portfolio address"
          name="handle"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setInputError(null);
            setJustSaved(null);
            if (save.isError) save.reset();
          }}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={HANDLE_MAX_LENGTH}
          readOnly={save.isPending}
          hint={
            <>
              Your portfolio&apos;s link: <span className="font-mono text-foreground">/u/{preview}</span>.{" "}
              {HANDLE_MIN_LENGTH}–{HANDLE_MAX_LENGTH} lower-case letters, numbers and single hyphens.
              {savedHandle ? " Changing it breaks links to the old address." : null}
            </>
          }
          error={fieldError}
          className="flex-1"
        />
        <SubmitButton isPending={save.isPending} pendingLabel="Saving…" className="sm:mt-7">
          Save address
        </SubmitButton>
      </div>
      {save.isError && !isHandleFault(save.error) ? (
        <ApiErrorAlert
          className="mt-4"
          error={save.error}
          title="Your address wasn't saved"
          onRetry={() => save.mutate({ handle: value })}
          isRetrying={save.isPending}
          onDismiss={() => save.reset()}
        />
      ) : null}
      <p role="status" className="mt-3 min-h-5 text-sm text-success-fg">
        {justSaved ? `Saved. Your portfolio is at /u/${justSaved}.` : null}
      </p>
      {savedHandle ? (
        <Link
          href={portfolioHref(savedHandle)}
          className="mt-1 inline-block text-sm font-medium text-brand-text underline underline-offset-4"
        >
          View your portfolio
        </Link>
      ) : null}
    </form>
  );
}
