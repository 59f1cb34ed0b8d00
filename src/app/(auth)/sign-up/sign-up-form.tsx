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

/** Mirrors `emailAndPassword` in src/server/auth.ts, so the hint and the server agree. */
const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 128;
const NAME_MAX_LENGTH = 100;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Field = "name" | "email" | "password";
type FieldErrors = Partial<Record<Field, string>>;

function validate({ name, email, password }: Record<Field, string>): FieldErrors {
  const errors: FieldErrors = {};
  if (!name) errors.name = "Enter your name.";
  else if (name.length > NAME_MAX_LENGTH) errors.name = `Use at most ${NAME_MAX_LENGTH} characters.`;
  if (!email) errors.email = "Enter your email address.";
  else if (!EMAIL_PATTERN.test(email)) errors.email = "Enter an email address like name@example.com.";
  if (password.length < PASSWORD_MIN_LENGTH) errors.password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  else if (password.length > PASSWORD_MAX_LENGTH) errors.password = `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return errors;
}

export function SignUpForm({ next, isGoogleEnabled }: { next: string; isGoogleEnabled: boolean }) {
  const flow = useAuthFlow({ next });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const fieldRefs = {
    name: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (flow.isBusy) return;
    const data = new FormData(event.currentTarget);
    const values = {
      name: String(data.get("name") ?? "").trim(),
      email: String(data.get("email") ?? "").trim(),
      password: String(data.get("password") ?? ""),
    };
    const errors = validate(values);
    setFieldErrors(errors);
    const firstInvalid = (["name", "email", "password"] as const).find((field) => errors[field]);
    if (firstInvalid) return fieldRefs[firstInvalid].current?.focus();
    if (await flow.attempt("email", () => authClient.signUp.email(values))) flow.goToNext();
  }

  function clearError(field: Field) {
    if (fieldErrors[field]) setFieldErrors((errors) => ({ ...errors, [field]: undefined }));
  }

  return (
    <AuthForm
      flow={flow}
      next={next}
      errorTitle="Couldn't create your account"
      isGoogleEnabled={isGoogleEnabled}
      isDemoEnabled
      onSubmit={handleSubmit}
      footer={
        <>
          <AccountTermsNotice action="creating an account" className="mt-6" />
          <p className="mt-6 text-center text-sm text-muted-foreground">
            Already have an account?{" "}
            <Link
              href={withNextPath("/sign-in", next)}
              className="font-medium text-brand-text underline-offset-4 hover:underline"
            >
              Sign in
            </Link>
          </p>
        </>
      }
    >
      <TextField
        ref={fieldRefs.name}
        label="Name"
        name="name"
        autoComplete="name"
        required
        maxLength={NAME_MAX_LENGTH}
        readOnly={flow.isBusy}
        error={fieldErrors.name}
        onChange={() => clearError("name")}
      />
      <TextField
        ref={fieldRefs.email}
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
        onChange={() => clearError("email")}
      />
      <PasswordField
        ref={fieldRefs.password}
        label="Password"
        name="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        readOnly={flow.isBusy}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={fieldErrors.password}
        onChange={() => clearError("password")}
      />
      <Button type="submit" className="w-full" aria-disabled={flow.isBusy || undefined}>
        {flow.pendingAction === "email" ? <Spinner /> : null}
        {flow.pendingAction === "email" ? "Creating your account…" : "Create account"}
      </Button>
    </AuthForm>
  );
}
