import type { ComponentProps, ReactNode } from "react";
import { cx } from "./class-names";
import { FieldFrame, useFieldIds } from "./field-frame";
import { useEarlyEditRef } from "./use-early-edit";

// 16 px text below `sm` stops iOS Safari zooming into a focused field.
const INPUT_CLASSES =
  "block h-11 w-full min-w-0 rounded-control border border-border-strong bg-surface px-3 text-base text-foreground shadow-sm " +
  "transition-colors placeholder:text-muted-foreground/80 hover:border-muted-foreground/60 focus-visible:border-ring sm:text-sm " +
  "disabled:cursor-not-allowed disabled:opacity-60 read-only:bg-surface-muted " +
  "aria-[invalid=true]:border-danger aria-[invalid=true]:hover:border-danger";

export function Input({ className, ref, ...props }: ComponentProps<"input">) {
  const fieldRef = useEarlyEditRef(ref);
  return <input ref={fieldRef} className={cx(INPUT_CLASSES, className)} {...props} />;
}

export type TextFieldProps = Omit<ComponentProps<"input">, "id"> & {
  label: ReactNode;
  /** Always-visible guidance ("At least 8 characters"), read out with the field. */
  hint?: ReactNode;
  /** The field's current problem; sets aria-invalid and is read out with the field. */
  error?: string | null;
  /** Sits inside the field's right edge (a "Show" toggle, a copy button). */
  trailing?: ReactNode;
  /** Sits at the right of the label row (a "Forgot password?" link). */
  labelAside?: ReactNode;
  id?: string;
};

/**
 * A labelled input with its hint and error wired through aria-describedby. Errors are shown as text
 * with an icon, never colour alone; the caller decides when to validate (usually on submit).
 */
export function TextField({ label, hint, error, trailing, labelAside, id, className, ...inputProps }: TextFieldProps) {
  const ids = useFieldIds({ id, hasHint: !!hint, hasError: !!error, describedBy: inputProps["aria-describedby"] });
  return (
    <FieldFrame {...ids} label={label} labelAside={labelAside} hint={hint} error={error} className={className}>
      <div className="relative mt-1.5">
        <Input
          {...inputProps}
          id={ids.fieldId}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          className={trailing ? "pr-20" : undefined}
        />
        {trailing ? <div className="absolute inset-y-0 right-1 flex items-center">{trailing}</div> : null}
      </div>
    </FieldFrame>
  );
}
