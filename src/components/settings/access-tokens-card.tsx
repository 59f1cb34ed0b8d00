"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { createAccessTokenInputSchema } from "~/lib/access-tokens/access-tokens.schema";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { SubmitButton } from "~/components/forms/submit-button";
import { Card } from "~/components/ui/card";
import { CardHeader } from "~/components/ui/card-header";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { formatDate, formatDateTime, formatRelativeTime } from "~/components/ui/format-date";
import { CopyIcon, KeyIcon, Spinner } from "~/components/ui/icons";
import { Input, TextField } from "~/components/ui/input";
import { useTRPC } from "~/trpc/client";
import { describeApiErrorMessage } from "~/components/errors/error-text";

/** Mirrors the `.max()` in createAccessTokenInputSchema, for the input's maxLength and the hint. */
const TOKEN_NAME_MAX_LENGTH = 60;
const COPIED_NOTICE_MS = 2_500;

function tokenNameError(name: string): string | null {
  const result = createAccessTokenInputSchema.safeParse({ name });
  if (result.success) return null;
  return result.error.issues[0]?.code === "too_big"
    ? `Use at most ${TOKEN_NAME_MAX_LENGTH} characters.`
    : "Give the token a name, so you can tell it apart later.";
}

type RevokeTarget = { id: string; name: string };

export function AccessTokensCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.accessTokens.list.queryOptions());
  const [revokeTarget, setRevokeTarget] = useState<RevokeTarget | null>(null);
  // After "I've copied it" the reveal (and its focused button) disappears; the form takes focus instead.
  const [shouldFocusForm, setShouldFocusForm] = useState(false);
  const cancelRevokeRef = useRef<HTMLButtonElement>(null);

  const invalidateTokens = () => queryClient.invalidateQueries({ queryKey: trpc.accessTokens.pathKey() });
  const create = useMutation(trpc.accessTokens.create.mutationOptions({ onSuccess: invalidateTokens }));
  const revoke = useMutation(
    trpc.accessTokens.revoke.mutationOptions({
      onSuccess: () => {
        setRevokeTarget(null);
        return invalidateTokens();
      },
    }),
  );

  function closeRevoke() {
    if (revoke.isPending) return;
    setRevokeTarget(null);
    revoke.reset();
  }

  return (
    <Card as="section" aria-labelledby="access-tokens-title">
      <CardHeader
        icon={<KeyIcon />}
        titleId="access-tokens-title"
        title="Personal access tokens"
        description={
          <>
            Tokens let your own scripts use Showreel&apos;s typed API as you. Send one in the{" "}
            <code className="rounded-md bg-surface-muted px-1.5 py-0.5 font-mono text-xs text-foreground">
              Authorization: Bearer &lt;token&gt;
            </code>{" "}
            header. Treat a token like a password, and revoke any you no longer use.
          </>
        }
      />

      {create.data ? (
        <NewTokenReveal
          key={create.data.id}
          name={create.data.name}
          token={create.data.token}
          onDone={() => {
            setShouldFocusForm(true);
            create.reset();
          }}
        />
      ) : (
        <CreateTokenForm
          autoFocus={shouldFocusForm}
          isPending={create.isPending}
          error={
            create.isError
              ? describeApiErrorMessage(create.error, "We couldn't create that token. Please try again.")
              : null
          }
          onCreate={(name) => create.mutateAsync({ name })}
        />
      )}

      <h3 className="mt-8 text-sm font-semibold">Your tokens</h3>
      <div className="mt-3">
        {tokens.isPending ? (
          <TokenListSkeleton />
        ) : tokens.isError && !tokens.data ? (
          <Alert
            role="alert"
            tone="danger"
            title="We couldn't load your tokens"
            action={
              <Button variant="secondary" size="sm" onClick={() => void tokens.refetch()}>
                {tokens.isFetching ? "Retrying…" : "Try again"}
              </Button>
            }
          >
            {describeApiErrorMessage(tokens.error, "Please try again in a moment.")}
          </Alert>
        ) : tokens.data.length === 0 ? (
          <p className="rounded-control border border-dashed border-border-strong px-4 py-6 text-center text-sm text-muted-foreground">
            No tokens yet. Create one above when a script needs to reach your account.
          </p>
        ) : (
          <ul className="divide-y divide-border rounded-control border border-border">
            {tokens.data.map((token) => (
              <li key={token.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="truncate font-medium">{token.name}</span>
                    <code className="rounded-md bg-surface-muted px-1.5 py-0.5 font-mono text-xs text-muted-foreground">
                      <span className="sr-only">Starts with </span>
                      {token.prefix}…
                    </code>
                  </p>
                  <p className="mt-1 text-sm text-muted-foreground">
                    Created{" "}
                    <time dateTime={token.createdAt.toISOString()} title={formatDateTime(token.createdAt)}>
                      {formatDate(token.createdAt)}
                    </time>
                    {" · "}
                    {token.lastUsedAt ? (
                      <>
                        Last used{" "}
                        <time dateTime={token.lastUsedAt.toISOString()} title={formatDateTime(token.lastUsedAt)}>
                          {formatRelativeTime(token.lastUsedAt)}
                        </time>
                      </>
                    ) : (
                      "Never used"
                    )}
                  </p>
                </div>
                <Button
                  variant="danger"
                  size="sm"
                  className="self-start sm:self-center"
                  onClick={() => setRevokeTarget({ id: token.id, name: token.name })}
                >
                  Revoke<span className="sr-only"> “{token.name}”</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <Dialog
        open={revokeTarget !== null}
        onClose={closeRevoke}
        isDismissable={!revoke.isPending}
        initialFocusRef={cancelRevokeRef}
        title={revokeTarget ? `Revoke “${revokeTarget.name}”?` : "Revoke token?"}
        description="Scripts using this token stop working straight away. This can't be undone — you'd create a new token instead."
      >
        <div role="alert">
          {revoke.isError ? (
            <Alert tone="danger" className="mt-4">
              {describeApiErrorMessage(revoke.error, "We couldn't revoke that token. Please try again.")}
            </Alert>
          ) : null}
        </div>
        <DialogActions>
          <Button
            ref={cancelRevokeRef}
            variant="secondary"
            onClick={closeRevoke}
            aria-disabled={revoke.isPending || undefined}
          >
            Cancel
          </Button>
          <Button
            variant="danger"
            aria-disabled={revoke.isPending || undefined}
            onClick={() => {
              if (revokeTarget && !revoke.isPending) revoke.mutate({ id: revokeTarget.id });
            }}
          >
            {revoke.isPending ? <Spinner /> : null}
            {revoke.isPending ? "Revoking…" : "Revoke token"}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}

type CreateTokenFormProps = {
  autoFocus: boolean;
  isPending: boolean;
  error: string | null;
  onCreate: (name: string) => Promise<unknown>;
};

function CreateTokenForm({ autoFocus, isPending, error, onCreate }: CreateTokenFormProps) {
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const problem = tokenNameError(name);
    setNameError(problem);
    if (problem) return nameRef.current?.focus();
    // A failure is shown from the mutation's own state; nothing to do here.
    await onCreate(name.trim()).catch(() => undefined);
  }

  return (
    <form noValidate onSubmit={(event) => void handleSubmit(event)} className="mt-6" aria-busy={isPending || undefined}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          ref={nameRef}
          label="New token name"
          name="name"
          autoFocus={autoFocus}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            if (nameError) setNameError(null);
          }}
          placeholder="e.g. Nightly backup script"
          autoComplete="off"
          maxLength={TOKEN_NAME_MAX_LENGTH}
          readOnly={isPending}
          hint={`Up to ${TOKEN_NAME_MAX_LENGTH} characters, just for you to recognise it.`}
          error={nameError}
          className="flex-1"
        />
        <SubmitButton isPending={isPending} pendingLabel="Creating…" className="sm:mt-7">
          Create token
        </SubmitButton>
      </div>
      <div role="alert">
        {error ? (
          <Alert tone="danger" className="mt-4">
            {error}
          </Alert>
        ) : null}
      </div>
    </form>
  );
}

function NewTokenReveal({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  const tokenRef = useRef<HTMLInputElement>(null);
  const tokenId = useId();
  const warningId = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopyState("copied");
      setTimeout(() => setCopyState("idle"), COPIED_NOTICE_MS);
    } catch {
      // Clipboard access can be refused (permissions, insecure origin); leave the text selected instead.
      tokenRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <Alert tone="warning" title={`Token “${name}” created`} className="mt-6">
      <p id={warningId}>
        <strong className="font-semibold">Copy it now — it won&apos;t be shown again.</strong> Showreel keeps only a
        fingerprint of it.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor={tokenId} className="sr-only">
          New access token
        </label>
        <Input
          ref={tokenRef}
          id={tokenId}
          readOnly
          value={token}
          aria-describedby={warningId}
          // Lands the keyboard on the one thing to do next, and selects it for a quick Ctrl+C.
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          className="font-mono text-sm"
        />
        <Button variant="secondary" onClick={() => void copy()}>
          <CopyIcon />
          {copyState === "copied" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p aria-live="polite" className="mt-2 min-h-5 text-sm text-muted-foreground">
        {copyState === "copied" ? "Copied to the clipboard." : null}
        {copyState === "failed"
          ? "Couldn't copy automatically — the token is selected, so press Ctrl+C (⌘C on a Mac)."
          : null}
      </p>
      <Button size="sm" variant="ghost" className="-ml-3 mt-1" onClick={onDone}>
        I&apos;ve copied it
      </Button>
    </Alert>
  );
}

function TokenListSkeleton() {
  return (
    <div aria-busy="true" className="space-y-3 rounded-control border border-border p-4">
      {[0, 1].map((row) => (
        <span key={row} aria-hidden="true" className="flex flex-col gap-2">
          <span className="h-4 w-44 rounded-full bg-surface-muted motion-safe:animate-pulse" />
          <span className="h-3 w-64 max-w-full rounded-full bg-surface-muted motion-safe:animate-pulse" />
        </span>
      ))}
      <span className="sr-only">Loading your tokens…</span>
    </div>
  );
}
