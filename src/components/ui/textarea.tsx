import { useId, type ComponentProps, type ReactNode } from "react";
import { cx } from "./class-names";
import { ErrorIcon } from "./icons";

// Matches Input's look (input.tsx); 16 px text below `sm` stops iOS Safari zooming into the field.
const TEXTAREA_CLASSES =
  "block w-full min-w-0 rounded-control border border-border-strong bg-surface px-3 py-2.5 text-base text-foreground shadow-sm " +
  "transition-colors placeholder:text-muted-foreground/80 hover:border-muted-foreground/60 focus-visible:border-ring sm:text-sm " +
  "disabled:cursor-not-allowed disabled:opacity-60 read-only:bg-surface-muted " +
  "aria-[invalid=true]:border-danger aria-[invalid=true]:hover:border-danger";

export type TextAreaFieldProps = Omit<ComponentProps<"textarea">, "id"> & {
  label: ReactNode;
  /** Always-visible guidance, read out with the field. */
  hint?: ReactNode;
  /** Sits at the right of the label row (a live count). */
  labelAside?: ReactNode;
  /** The field's current problem; sets aria-invalid and is read out with the field. */
  error?: string | null;
  id?: string;
};

/** A labelled textarea with hint and error wired through aria-describedby, like TextField. */
export function TextAreaField({ label, hint, labelAside, error, id, className, ...textareaProps }: TextAreaFieldProps) {
  const generatedId = useId();
  const fieldId = id ?? generatedId;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId, textareaProps["aria-describedby"]].filter(Boolean).join(" ") || undefined;

  return (
    <div className={className}>
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={fieldId} className="text-sm font-medium text-foreground">
          {label}
        </label>
        {labelAside}
      </div>
      <textarea
        {...textareaProps}
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cx(TEXTAREA_CLASSES, "mt-1.5")}
      />
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
