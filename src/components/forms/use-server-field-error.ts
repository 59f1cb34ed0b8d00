import { useState, type RefObject } from "react";
import { describeApiError } from "~/components/errors/error-text";

type Mutation<TError> = { error: TError | null; isError: boolean; reset: () => void };

/**
 * The error of the one field a form sends: the form's own check first, else the server's message when it
 * says the input is at fault (`fix-input`). Any other failure (a wait, an outage) is not the field's; it
 * comes back as `alertError`, for an <ApiErrorAlert> (see SubmitRow).
 */
export function useServerFieldError<TError>(mutation: Mutation<TError>, fallback: string) {
  const [inputError, setInputError] = useState<string | null>(null);
  const serverError = mutation.isError ? describeApiError(mutation.error, fallback) : null;
  const isFixInput = serverError?.action?.kind === "fix-input";

  return {
    /** What to show under the field, or null. */
    fieldError: inputError ?? (isFixInput ? serverError.message : null),
    /** The failure to show as an alert, or null. */
    alertError: serverError && !isFixInput ? mutation.error : null,
    /** The result of the form's own check on submit (null when it passed). */
    setInputError,
    /** Call on every edit: neither message describes what is typed now. */
    clear() {
      if (inputError) setInputError(null);
      if (isFixInput) mutation.reset();
    },
  };
}

/** A mutation's `onError` that puts focus on the field when the server says its input is at fault. */
export function focusOnFixInput(fieldRef: RefObject<HTMLElement | null>) {
  return (error: unknown) => {
    if (describeApiError(error).action?.kind === "fix-input") fieldRef.current?.focus();
  };
}
