"use client";

import type { ReactNode } from "react";
import { Alert } from "~/components/ui/alert";
import { Button, ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { useSession, type SessionUser } from "./auth-client";
import { withNextPath } from "./safe-next-path";

type RequireSessionProps = {
  /** This page's path, so signing in comes straight back here. */
  returnTo: string;
  /** What the signed-out visitor is asked to sign in for ("to manage your settings"). */
  reason: string;
  /** Shown while the session is being checked; shape it like the page to avoid a jump. */
  fallback: ReactNode;
  children: (user: SessionUser) => ReactNode;
};

/**
 * Renders its children only for a signed-in user, and a sign-in prompt otherwise. This is a courtesy,
 * not the security boundary: every procedure the children call checks the session on the server.
 */
export function RequireSession({ returnTo, reason, fallback, children }: RequireSessionProps) {
  const session = useSession();

  if (session.data) return children(session.data.user);
  if (session.isPending) return fallback;

  if (session.error) {
    return (
      <Alert
        role="alert"
        tone="danger"
        title="We couldn't check whether you're signed in"
        action={
          <Button variant="secondary" size="sm" onClick={() => void session.refetch()}>
            Try again
          </Button>
        }
      >
        This is usually brief. If it keeps happening, check the system status page.
      </Alert>
    );
  }

  return (
    <Card className="flex flex-col items-start gap-4 sm:flex-row sm:items-center sm:justify-between">
      <div>
        <h2 className="text-lg font-semibold tracking-tight">Sign in to continue</h2>
        <p className="mt-1 text-sm text-muted-foreground">You need to be signed in {reason}.</p>
      </div>
      <div className="flex w-full flex-col gap-3 sm:w-auto sm:flex-row">
        <ButtonLink href={withNextPath("/sign-in", returnTo)}>Sign in</ButtonLink>
        <ButtonLink href={withNextPath("/sign-up", returnTo)} variant="secondary">
          Create an account
        </ButtonLink>
      </div>
    </Card>
  );
}
