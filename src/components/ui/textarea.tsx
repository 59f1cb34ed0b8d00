import type { ComponentProps, ReactNode } from "react";
import { cx } from "./class-names";
import { FieldFrame, useFieldIds } from "./field-frame";
import { useEarlyEditRef } from "./use-early-edit";

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
export function TextAreaField({
  label,
  hint,
  labelAside,
  error,
  id,
  className,
  ref,
  ...textareaProps
}: TextAreaFieldProps) {
  const ids = useFieldIds({ id, hasHint: !!hint, hasError: !!error, describedBy: textareaProps["aria-describedby"] });
  const fieldRef = useEarlyEditRef(ref);
  return (
    <FieldFrame {...ids} label={label} labelAside={labelAside} hint={hint} error={error} className={className}>
      <textarea
        {...textareaProps}
        ref={fieldRef}
        id={ids.fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        className={cx(TEXTAREA_CLASSES, "mt-1.5")}
      />
    </FieldFrame>
  );
}
