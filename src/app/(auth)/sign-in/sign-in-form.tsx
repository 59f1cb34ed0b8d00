"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { AuthForm } from "~/components/auth/auth-form";
import { authClient } from "~/components/auth/auth-client";
import { PasswordField } from "~/components/auth/password-field";
import { withNextPath } from "~/components/auth/safe-next-path";
import { useAuthFlow } from "~/components/auth/use-auth-flow";
import { AccountTermsNotice } from "~/components/legal/account-terms-notice";
import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/icons";
import { TextField } from "~/components/ui/input";

type FieldErrors = { email?: string; password?: string };

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validate(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!email) errors.email = "Enter your email address.";
  else if (!EMAIL_PATTERN.test(email)) errors.email = "Enter an email address like name@example.com.";
  if (!password) errors.password = "Enter your password.";
  return errors;
}

export function SignInForm({
  next,
  initialError,
  isGoogleEnabled,
  isDemoEnabled,
}: {
  next: string;
  initialError: string | null;
  isGoogleEnabled: boolean;
  isDemoEnabled: boolean;
}) {
  const flow = useAuthFlow({ next, initialError });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (flow.isBusy) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const errors = validate(email, password);
    setFieldErrors(errors);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    if (await flow.attempt("email", () => authClient.signIn.email({ email, password }))) flow.goToNext();
  }

  return (
    <AuthForm
      flow={flow}
      next={next}
      errorTitle="Couldn't sign you in"
      isGoogleEnabled={isGoogleEnabled}
      isDemoEnabled={isDemoEnabled}
      onSubmit={handleSubmit}
      footer={
        <>
          <AccountTermsNotice action="continuing" className="mt-6" />
          <p className="mt-6 text-center text-sm text-muted-foreground">
            New to Showreel?{" "}
            <Link
              href={withNextPath("/sign-up", next)}
              className="font-medium text-brand-text underline-offset-4 hover:underline"
            >
              Create an account
            </Link>
          </p>
        </>
      }
    >
      <TextField
        ref={emailRef}
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={254}
        readOnly={flow.isBusy}
        error={fieldErrors.email}
        onChange={() => fieldErrors.email && setFieldErrors((errors) => ({ ...errors, email: undefined }))}
      />
      <PasswordField
        ref={passwordRef}
        label="Password"
        name="password"
        autoComplete="current-password"
        required
        maxLength={128}
        readOnly={flow.isBusy}
        error={fieldErrors.password}
        onChange={() => fieldErrors.password && setFieldErrors((errors) => ({ ...errors, password: undefined }))}
      />
      <Button type="submit" className="w-full" aria-disabled={flow.isBusy || undefined}>
        {flow.pendingAction === "email" ? <Spinner /> : null}
        {flow.pendingAction === "email" ? "Signing in…" : "Sign in"}
      </Button>
    </AuthForm>
  );
}
