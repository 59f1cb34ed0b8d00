import { useId, type ReactNode } from "react";
import { ErrorIcon } from "./icons";

/** Ids for a labelled control, its hint and its error, and the aria-describedby that joins them. */
export function useFieldIds(options: {
  id?: string | undefined;
  hasHint: boolean;
  hasError: boolean;
  describedBy?: string | undefined;
}) {
  const generatedId = useId();
  const fieldId = options.id ?? generatedId;
  const hintId = options.hasHint ? `${fieldId}-hint` : undefined;
  const errorId = options.hasError ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId, options.describedBy].filter(Boolean).join(" ") || undefined;
  return { fieldId, hintId, errorId, describedBy };
}

/**
 * The frame every labelled field shares: label row (with an optional aside), the control, then the hint
 * and the error. Errors are shown as text with an icon, never colour alone.
 */
export function FieldFrame({
  fieldId,
  hintId,
  errorId,
  label,
  labelAside,
  hint,
  error,
  className,
  children,
}: {
  fieldId: string;
  hintId: string | undefined;
  errorId: string | undefined;
  label: ReactNode;
  labelAside?: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  className?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={fieldId} className="text-sm font-medium text-foreground">
          {label}
        </label>
        {labelAside}
      </div>
      {children}
      {hint ? (
        <p id={hintId} className="mt-1.5 text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1.5 flex items-start gap-1.5 text-sm font-medium text-danger-fg">
          <ErrorIcon className="mt-0.5 size-4 shrink-0" />
          {error}
        </p>
      ) : null}
    </div>
  );
}
