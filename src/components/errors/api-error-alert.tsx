"use client";

import { usePathname } from "~/components/navigation";
import type { ReactNode } from "react";
import { withNextPath } from "~/components/auth/safe-next-path";
import { Alert, type AlertTone } from "~/components/ui/alert";
import { Button, ButtonLink, buttonClassName } from "~/components/ui/button";
import { Spinner } from "~/components/ui/icons";
import { Countdown, useHasPassed } from "./countdown";
import { describeApiError, type ErrorAction, type ErrorText } from "./error-text";

export type ApiErrorAlertProps = {
  error: unknown;
  /** What failed, in the page's words ("We couldn't start the import"). */
  title?: ReactNode;
  /** Used when the server's message is not worth showing; see describeApiError. */
  fallback?: string;
  /** Shown as "Try again" for retryable failures, and once a wait is over. */
  onRetry?: () => void;
  isRetrying?: boolean;
  /** Dismiss button; the caller clears the error (usually `mutation.reset`). */
  onDismiss?: () => void;
  className?: string;
};

// Waits and reconnects are expected states with a way out, not faults.
function toneFor(action: ErrorAction): AlertTone {
  return action?.kind === "wait" || action?.kind === "reconnect" ? "warning" : "danger";
}

/**
 * A failed API call as a message and its next step (reconnect, a live countdown, try again, sign in),
 * from the one mapping in error-text.ts. `role="alert"`: it appears because something the user asked for
 * did not happen.
 */
export function ApiErrorAlert({
  error,
  title,
  fallback,
  onRetry,
  isRetrying = false,
  onDismiss,
  className,
}: ApiErrorAlertProps) {
  const text = describeApiError(error, fallback);
  // Alert leaves room under the message for an action, so pass one only when something will render.
  const hasAction =
    text.action !== null && text.action.kind !== "fix-input" && (text.action.kind !== "retry" || onRetry !== undefined);
  return (
    <Alert
      role="alert"
      tone={toneFor(text.action)}
      title={title}
      onDismiss={onDismiss}
      className={className}
      action={hasAction ? <ErrorActionControl text={text} onRetry={onRetry} isRetrying={isRetrying} /> : undefined}
    >
      {text.message}
    </Alert>
  );
}

type ErrorActionControlProps = { text: ErrorText; onRetry?: () => void; isRetrying: boolean };

function ErrorActionControl({ text, onRetry, isRetrying }: ErrorActionControlProps): ReactNode {
  const { action } = text;
  switch (action?.kind) {
    case "reconnect":
      // A route handler that redirects to Google: a full page load, not a client-side navigation.
      return (
        <a href={action.href} className={buttonClassName({ size: "sm" })}>
          Reconnect YouTube
        </a>
      );
    case "sign-in":
      return <SignInAgainLink />;
    case "wait":
      return <WaitThenRetry until={action.until} onRetry={onRetry} isRetrying={isRetrying} />;
    case "retry":
      return onRetry ? <RetryButton onRetry={onRetry} isRetrying={isRetrying} /> : null;
    case "fix-input":
    case undefined:
      return null;
  }
}

function SignInAgainLink() {
  const pathname = usePathname();
  return (
    <ButtonLink href={withNextPath("/sign-in", pathname)} size="sm">
      Sign in again
    </ButtonLink>
  );
}

function RetryButton({
  onRetry,
  isRetrying,
  label = "Try again",
}: {
  onRetry: () => void;
  isRetrying: boolean;
  label?: string;
}) {
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-disabled={isRetrying || undefined}
      onClick={() => {
        if (!isRetrying) onRetry();
      }}
    >
      {isRetrying ? <Spinner /> : null}
      {isRetrying ? "Trying again…" : label}
    </Button>
  );
}

function WaitThenRetry({ until, onRetry, isRetrying }: { until: Date; onRetry?: () => void; isRetrying: boolean }) {
  const hasPassed = useHasPassed(until);
  if (onRetry) {
    const isBlocked = !hasPassed || isRetrying;
    return (
      <Button
        variant="secondary"
        size="sm"
        aria-disabled={isBlocked || undefined}
        onClick={() => {
          if (!isBlocked) onRetry();
        }}
      >
        {isRetrying ? <Spinner /> : null}
        {isRetrying ? (
          "Trying again…"
        ) : hasPassed ? (
          "Try again"
        ) : (
          <>
            Try again <Countdown until={until} />
          </>
        )}
      </Button>
    );
  }
  return (
    // Polite: the sentence changes once, when the wait is over; the ticking figures inside <Countdown> are
    // hidden from screen readers.
    <p aria-live="polite" className="text-sm font-medium text-foreground">
      {hasPassed ? (
        "You can try again now."
      ) : (
        <>
          You can try again <Countdown until={until} />.
        </>
      )}
    </p>
  );
}
