"use client";

import type { SessionUser } from "~/components/auth/auth-client";
import { useSignOut } from "~/components/auth/use-sign-out";
import { PortfolioHandleSection } from "~/components/portfolio/portfolio-handle-form";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card, CardTitle } from "~/components/ui/card";
import { Spinner } from "~/components/ui/icons";

export function AccountCard({ user }: { user: SessionUser }) {
  const signOut = useSignOut();

  return (
    <Card as="section" aria-labelledby="account-title">
      <CardTitle as="h2" id="account-title">
        Account
      </CardTitle>
      <dl className="mt-5 grid gap-4 text-sm sm:grid-cols-2">
        <div className="min-w-0">
          <dt className="text-muted-foreground">Name</dt>
          <dd className="mt-1 truncate font-medium">{user.name || "—"}</dd>
        </div>
        <div className="min-w-0">
          <dt className="text-muted-foreground">Email</dt>
          <dd className="mt-1 font-medium break-words">{user.email}</dd>
        </div>
      </dl>
      <PortfolioHandleSection />
      <div className="mt-6 flex flex-col gap-3 border-t border-border pt-5 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-muted-foreground">Signing out ends this session on this device only.</p>
        <Button
          variant="secondary"
          onClick={() => void signOut.signOut()}
          aria-disabled={signOut.isPending || undefined}
        >
          {signOut.isPending ? <Spinner /> : null}
          {signOut.isPending ? "Signing out…" : "Sign out"}
        </Button>
      </div>
      <div role="alert">
        {signOut.error ? (
          <Alert tone="danger" className="mt-4">
            {signOut.error}
          </Alert>
        ) : null}
      </div>
    </Card>
  );
}
