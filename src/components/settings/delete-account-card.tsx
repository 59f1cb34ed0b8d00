"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { authClient, type SessionUser } from "~/components/auth/auth-client";
import { describeApiErrorMessage, shouldRetryQuery } from "~/components/errors/error-text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CardHeader } from "~/components/ui/card-header";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Spinner, TrashIcon } from "~/components/ui/icons";
import { TextField } from "~/components/ui/input";
import { confirmsAccount } from "~/lib/account/account.schema";
import { useTRPC } from "~/trpc/client";

/**
 * The danger zone: "Delete account". The dialog asks for the handle or e-mail typed out, so a stray click
 * deletes nothing; the server checks the same words (delete-account.ts). On success this browser signs
 * out and lands on the home page; every other device is already signed out by the server.
 */
export function DeleteAccountCard({ user }: { user: SessionUser }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const account = useQuery(trpc.account.get.queryOptions(undefined, { retry: shouldRetryQuery }));
  const [isOpen, setIsOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [typedError, setTypedError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const handle = account.data?.handle ?? null;
  const email = account.data?.email ?? user.email;

  const remove = useMutation(
    trpc.account.delete.mutationOptions({
      onSuccess: async () => {
        // The server already ended every session; this clears this browser's cookies too.
        await authClient.signOut().catch(() => undefined);
        queryClient.clear();
        router.replace("/?account=deleted");
      },
    }),
  );

  function close() {
    if (remove.isPending || remove.isSuccess) return;
    setIsOpen(false);
    setTyped("");
    setTypedError(null);
    remove.reset();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (remove.isPending || remove.isSuccess) return;
    if (!confirmsAccount(typed, { email, handle })) {
      setTypedError(handle ? `Type ${handle} or ${email} exactly as shown.` : `Type ${email} exactly as shown.`);
      return;
    }
    remove.mutate({ confirmation: typed });
  }

  const isBusy = remove.isPending || remove.isSuccess;

  return (
    <Card as="section" aria-labelledby="delete-account-title" className="border-danger/45">
      <CardHeader
        icon={<TrashIcon />}
        titleId="delete-account-title"
        title="Delete account"
        description="Deletes your projects, followed channels, import history, notifications and API tokens, revokes Showreel's access to your YouTube account, and signs you out on every device. Your public portfolio disappears at once. This can't be undone."
      />
      <div className="mt-5 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-muted-foreground">Want a copy first? Export your data above before you delete.</p>
        <Button variant="danger" onClick={() => setIsOpen(true)}>
          Delete account…
        </Button>
      </div>

      <Dialog
        open={isOpen}
        onClose={close}
        isDismissable={!isBusy}
        initialFocusRef={cancelRef}
        title="Delete your account?"
        description="Everything listed on the card is deleted and you are signed out everywhere. Channels you follow stay on YouTube and for anyone else who follows them."
      >
        <form noValidate onSubmit={submit} className="mt-4" aria-busy={isBusy || undefined}>
          <TextField
            label={
              handle
                ? `Type your handle (${handle}) or your e-mail (${email}) to confirm`
                : `Type your e-mail (${email}) to confirm`
            }
            name="confirmation"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            maxLength={320}
            readOnly={isBusy}
            onChange={(event) => {
              setTyped(event.target.value);
              if (typedError) setTypedError(null);
            }}
            error={typedError}
          />
          <div role="alert">
            {remove.isError ? (
              <Alert tone="danger" className="mt-4">
                {describeApiErrorMessage(remove.error, "We couldn't delete your account. Please try again.")}
              </Alert>
            ) : null}
          </div>
          <DialogActions>
            <Button ref={cancelRef} variant="secondary" onClick={close} aria-disabled={isBusy || undefined}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" aria-disabled={isBusy || undefined}>
              {isBusy ? <Spinner /> : null}
              {isBusy ? "Deleting…" : "Delete my account"}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </Card>
  );
}
