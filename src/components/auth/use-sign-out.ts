"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "./auth-client";
import { authErrorText } from "./auth-error-text";

/** Signs out, forgets every cached query (they belonged to this user), and goes to the landing page. */
export function useSignOut() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // POST /api/auth/sign-out — ends this device's session only.
  async function signOut() {
    if (isPending) return;
    setIsPending(true);
    setError(null);
    let failure: string | null = null;
    try {
      const result = await authClient.signOut();
      if (result.error) failure = authErrorText(result.error);
    } catch {
      failure = authErrorText(null);
    }
    if (failure) {
      setIsPending(false);
      setError(failure);
      return;
    }
    queryClient.clear();
    router.push("/");
  }

  return { signOut, isPending, error };
}
