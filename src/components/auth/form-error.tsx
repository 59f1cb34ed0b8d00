import { Alert } from "~/components/ui/alert";

/**
 * The form-level error region. The `role="alert"` container is always rendered, empty until there is a
 * message, because screen readers only announce changes to a live region that already exists.
 */
export function FormError({ message, title = "That didn't work" }: { message: string | null; title?: string }) {
  return (
    <div role="alert" aria-atomic="true">
      {message ? (
        <Alert tone="danger" title={title}>
          {message}
        </Alert>
      ) : null}
    </div>
  );
}
