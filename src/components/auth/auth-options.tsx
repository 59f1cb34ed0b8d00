"use client";

import { useId } from "react";
import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/icons";

export function GoogleButton({
  onClick,
  isPending,
  disabled,
}: {
  onClick: () => void;
  isPending: boolean;
  disabled: boolean;
}) {
  return (
    <Button
      variant="secondary"
      className="w-full"
      onClick={onClick}
      aria-disabled={disabled || undefined}
      aria-busy={isPending || undefined}
    >
      {isPending ? <Spinner /> : <GoogleLogo />}
      {isPending ? "Redirecting to Google…" : "Continue with Google"}
    </Button>
  );
}

export function AuthDivider({ children }: { children: string }) {
  return (
    <div className="my-6 flex items-center gap-3 text-xs font-medium tracking-wide text-muted-foreground uppercase">
      <span aria-hidden="true" className="h-px flex-1 bg-border" />
      {children}
      <span aria-hidden="true" className="h-px flex-1 bg-border" />
    </div>
  );
}

export function DemoSignIn({
  onClick,
  isPending,
  disabled,
}: {
  onClick: () => void;
  isPending: boolean;
  disabled: boolean;
}) {
  const explanationId = useId();
  return (
    <div className="mt-6 rounded-control border border-dashed border-border-strong bg-surface-muted/60 p-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <Button
          variant="secondary"
          size="sm"
          onClick={onClick}
          aria-disabled={disabled || undefined}
          aria-busy={isPending || undefined}
          aria-describedby={explanationId}
          className="sm:order-last"
        >
          {isPending ? <Spinner /> : null}
          {isPending ? "Opening the demo…" : "Try the demo"}
        </Button>
        <p id={explanationId} className="flex-1 text-sm text-muted-foreground">
          Explore a ready-made creator account; nothing you do there touches real YouTube.
        </p>
      </div>
    </div>
  );
}

/** Google's "G", in its own colours as Google's branding guidelines ask. */
function GoogleLogo() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="#4285F4"
        d="M23.5 12.3c0-.8-.1-1.6-.2-2.3H12v4.4h6.5a5.6 5.6 0 0 1-2.4 3.6v3h3.9c2.2-2.1 3.5-5.1 3.5-8.7Z"
      />
      <path
        fill="#34A853"
        d="M12 24c3.2 0 6-1.1 8-2.9l-3.9-3c-1.1.7-2.5 1.2-4.1 1.2-3.1 0-5.8-2.1-6.7-5H1.3v3.1A12 12 0 0 0 12 24Z"
      />
      <path fill="#FBBC05" d="M5.3 14.3a7.2 7.2 0 0 1 0-4.6V6.6h-4a12 12 0 0 0 0 10.8l4-3.1Z" />
      <path fill="#EA4335" d="M12 4.8c1.8 0 3.3.6 4.6 1.8l3.4-3.4A12 12 0 0 0 1.3 6.6l4 3.1c1-2.9 3.6-4.9 6.7-4.9Z" />
    </svg>
  );
}
