import type { ReactNode } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { cx } from "~/components/ui/class-names";
import { SubmitButton } from "./submit-button";

type SubmitRowProps = {
  /** The failure to show above the button, or null; a "fix the input" failure belongs under its field instead. */
  error: unknown;
  /** What failed, in the form's words ("The import didn't start"). */
  errorTitle: string;
  /** The form's wording for failures whose server message is not worth showing; see describeApiError. */
  fallback: string;
  /** The alert's "Try again"; undefined when there is nothing to send again. */
  onRetry: (() => void) | undefined;
  /** Clears the failure (usually `mutation.reset`). */
  onDismiss: () => void;
  isPending: boolean;
  pendingLabel: string;
  /** The submit button's label. */
  children: ReactNode;
  /** Spacing, for a form that lays out its children without a flex gap. */
  alertClassName?: string;
  buttonClassName?: string;
};

/** The end of a form that starts one request: the request's failure, if any, then the submit button. */
export function SubmitRow({
  error,
  errorTitle,
  fallback,
  onRetry,
  onDismiss,
  isPending,
  pendingLabel,
  children,
  alertClassName,
  buttonClassName,
}: SubmitRowProps) {
  return (
    <>
      {error !== null ? (
        <ApiErrorAlert
          className={alertClassName}
          error={error}
          title={errorTitle}
          fallback={fallback}
          onRetry={onRetry}
          isRetrying={isPending}
          onDismiss={onDismiss}
        />
      ) : null}
      <SubmitButton
        isPending={isPending}
        pendingLabel={pendingLabel}
        className={cx(buttonClassName, "w-full sm:w-auto sm:self-start")}
      >
        {children}
      </SubmitButton>
    </>
  );
}
