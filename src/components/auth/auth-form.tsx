"use client";

import type { FormEvent, ReactNode } from "react";
import { AlreadySignedIn } from "./already-signed-in";
import { AuthDivider, DemoSignIn, GoogleButton } from "./auth-options";
import { FormError } from "./form-error";
import type { AuthFlow } from "./use-auth-flow";

/**
 * The body of the sign-in and sign-up pages around their own fields (`children`) and closing line
 * (`footer`): the "already signed in" notice, the form-level error region, "Continue with Google" above
 * an "or use email" divider, the email form, and "Try the demo". The space under a shown error goes on
 * whatever comes first after it.
 *
 * Everything is rendered as siblings of one fragment, as the pages did before they shared this, so
 * the ids `useId` gives the fields (and the server-rendered markup) stay the same.
 */
export function AuthForm({
  flow,
  next,
  errorTitle,
  isGoogleEnabled,
  isDemoEnabled,
  onSubmit,
  children,
  footer,
}: {
  flow: Pick<AuthFlow, "formError" | "isBusy" | "pendingAction" | "signInWithGoogle" | "signInAsDemo">;
  next: string;
  errorTitle: string;
  isGoogleEnabled: boolean;
  isDemoEnabled: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <>
      <AlreadySignedIn next={next} isHidden={flow.isBusy} />
      <FormError message={flow.formError} title={errorTitle} />

      {isGoogleEnabled ? (
        <>
          <div className={flow.formError ? "mt-4" : undefined}>
            <GoogleButton
              onClick={() => void flow.signInWithGoogle()}
              isPending={flow.pendingAction === "google"}
              disabled={flow.isBusy}
            />
          </div>
          <AuthDivider>or use email</AuthDivider>
        </>
      ) : null}

      <form
        noValidate
        onSubmit={(event) => void onSubmit(event)}
        aria-busy={flow.pendingAction === "email" || undefined}
        className={!isGoogleEnabled && flow.formError ? "mt-4 space-y-5" : "space-y-5"}
      >
        {children}
      </form>

      {isDemoEnabled ? (
        <DemoSignIn
          onClick={() => void flow.signInAsDemo()}
          isPending={flow.pendingAction === "demo"}
          disabled={flow.isBusy}
        />
      ) : null}

      {footer}
    </>
  );
}
