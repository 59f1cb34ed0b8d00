"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { authClient } from "./auth-client";
import { authErrorText, type AuthClientError } from "./auth-error-text";
import { withNextPath } from "./safe-next-path";

export type AuthAction = "email" | "google" | "demo";

/** Seeded in development only (prisma/seed.ts); elsewhere the sign-in fails and we say the demo is off. */
const DEMO_CREDENTIALS = { email: "demo@showreel.local", password: "showreel-demo" } as const;

function demoErrorText(error: AuthClientError): string {
  return error.status === 401
    ? "The demo account isn't available on this server. Sign in or create an account instead."
    : authErrorText(error);
}

/**
 * Shared state for the sign-in and sign-up pages: which action is in flight (one at a time), the
 * form-level error, and where to go afterwards. Pending stays set after success so the buttons keep
 * saying "Signing in…" until the next page arrives.
 *
 * While busy, callers mark buttons `aria-disabled` and fields `readOnly` rather than `disabled`: a
 * disabled element drops keyboard focus to <body>, and a failed attempt would strand the user there.
 */
export function useAuthFlow({ next, initialError = null }: { next: string; initialError?: string | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pendingAction, setPendingAction] = useState<AuthAction | null>(null);
  const [formError, setFormError] = useState<string | null>(initialError);
  // State lags a double click by a render; the ref refuses the second call at once.
  const inFlightRef = useRef(false);

  // Coming back from Google's page restores this page from the back/forward cache, frozen mid-"Redirecting…".
  useEffect(() => {
    function handlePageShow(event: PageTransitionEvent) {
      if (!event.persisted) return;
      inFlightRef.current = false;
      setPendingAction(null);
    }
    window.addEventListener("pageshow", handlePageShow);
    return () => window.removeEventListener("pageshow", handlePageShow);
  }, []);

  /** Runs one Better Auth call; on failure shows its message and returns false. Ignored while one runs. */
  async function attempt(
    action: AuthAction,
    call: () => Promise<{ error: AuthClientError | null }>,
    describeError: (error: AuthClientError) => string = authErrorText,
  ): Promise<boolean> {
    if (inFlightRef.current) return false;
    inFlightRef.current = true;
    setPendingAction(action);
    setFormError(null);
    let error: AuthClientError | null;
    try {
      ({ error } = await call());
    } catch {
      error = {}; // fetch itself failed: offline, or the server is down
    }
    if (!error) return true;
    inFlightRef.current = false;
    setPendingAction(null);
    setFormError(describeError(error));
    return false;
  }

  function goToNext() {
    // Whatever was cached belonged to the signed-out visitor (or a previous account).
    queryClient.clear();
    router.replace(next);
  }

  // POST /api/auth/sign-in/social — answers with Google's consent URL, which the client then opens itself,
  // so pending is left on.
  async function signInWithGoogle() {
    await attempt("google", () =>
      authClient.signIn.social({
        provider: "google",
        callbackURL: next,
        errorCallbackURL: withNextPath("/sign-in", next),
      }),
    );
  }

  // POST /api/auth/sign-in/email — with the seeded demo account's credentials.
  async function signInAsDemo() {
    if (await attempt("demo", () => authClient.signIn.email(DEMO_CREDENTIALS), demoErrorText)) goToNext();
  }

  return {
    pendingAction,
    isBusy: pendingAction !== null,
    formError,
    setFormError,
    attempt,
    goToNext,
    signInWithGoogle,
    signInAsDemo,
  };
}

export type AuthFlow = ReturnType<typeof useAuthFlow>;
