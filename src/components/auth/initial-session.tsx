"use client";

import { useMemo, type ReactNode } from "react";
import { InitialSessionContext, type SessionState } from "./auth-client";

/** Hands the session the server read for this request to `useSession` (see InitialSessionContext). */
export function InitialSession({ data, children }: { data: SessionState["data"]; children: ReactNode }) {
  const state = useMemo<SessionState>(
    () => ({ data, error: null, isPending: false, isRefetching: false, refetch: () => Promise.resolve() }),
    [data],
  );
  return <InitialSessionContext value={state}>{children}</InitialSessionContext>;
}
