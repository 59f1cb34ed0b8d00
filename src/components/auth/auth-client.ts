/**
 * The browser's Better Auth client (same origin, so no baseURL) and the `useSession` hook. Import them
 * from client components only.
 *
 * Two deliberate departures from Better Auth's React quick start:
 * - The client comes from `better-auth/client`, not `better-auth/react`. next.config.ts lists
 *   better-auth in `serverExternalPackages`, so during server rendering `better-auth/react` loads its
 *   own copy of React from node_modules, not the one Next renders with, and its `useSession` fails with
 *   "Invalid hook call". The vanilla client imports no React; `useSession` below subscribes to its
 *   session store with the React Next provides.
 * - No generic-OAuth client plugin: in better-auth 1.7 the server's `genericOAuth` plugin registers each
 *   provider as an ordinary social provider, so "Continue with Google" is
 *   `authClient.signIn.social({ provider: "google" })` (`better-auth/client/plugins` has no
 *   `genericOAuthClient`).
 */
import { createAuthClient } from "better-auth/client";
import { createContext, useContext, useSyncExternalStore } from "react";

export const authClient = createAuthClient();

const sessionStore = authClient.useSession;

export type SessionState = ReturnType<typeof sessionStore.get>;
export type SessionUser = NonNullable<SessionState["data"]>["user"];

// What the server renders (nothing subscribes there, so no session is read) and what the browser's first
// render reuses, so hydration matches before the real session arrives. Read through `init`/`value`, not
// `get()`: on an unwatched store `get()` briefly mounts it, which would start a session request.
const PENDING_SESSION_STATE: SessionState = sessionStore.init ?? {
  data: null,
  error: null,
  isPending: true,
  isRefetching: false,
  refetch: () => Promise.resolve(),
};

function getSessionSnapshot(): SessionState {
  return sessionStore.value ?? PENDING_SESSION_STATE;
}

/**
 * The session the server read for this request, when the page's layout read one (src/app/(app)/layout.tsx
 * through <InitialSession>): the first render, on the server and in the browser, shows the signed-in page
 * instead of a "checking…" skeleton, and the store's own request replaces it when it answers.
 */
export const InitialSessionContext = createContext<SessionState | null>(null);

function subscribeToSession(onChange: () => void): () => void {
  // The first listener mounts the store, which fetches /api/auth/get-session; sign-in and sign-out
  // calls made through `authClient` refresh it.
  return sessionStore.listen(onChange);
}

/** The current session: `{ data, isPending, error, refetch }`, `data` null when signed out. */
export function useSession(): SessionState {
  const initial = useContext(InitialSessionContext);
  const state = useSyncExternalStore(subscribeToSession, getSessionSnapshot, () => initial ?? PENDING_SESSION_STATE);
  return state.isPending && initial ? initial : state;
}
