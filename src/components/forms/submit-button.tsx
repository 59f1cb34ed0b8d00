import type { ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/icons";

type SubmitButtonProps = {
  isPending: boolean;
  /** The label while the request is in flight ("Starting import…"). */
  pendingLabel: string;
  /** The label otherwise. */
  children: ReactNode;
  className?: string;
};

/**
 * A form's submit button that shows a spinner while the request is in flight. It stays focusable then
 * (`aria-disabled`, not `disabled`), so the form's submit handler must ignore a second submit itself.
 */
export function SubmitButton({ isPending, pendingLabel, children, className }: SubmitButtonProps) {
  return (
    <Button type="submit" aria-disabled={isPending || undefined} className={className}>
      {isPending ? <Spinner /> : null}
      {isPending ? pendingLabel : children}
    </Button>
  );
}
