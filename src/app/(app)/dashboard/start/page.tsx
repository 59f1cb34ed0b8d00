import { redirect } from "next/navigation";
import { caller } from "~/trpc/server";
import { isUnauthorized } from "../is-unauthorized";

/**
 * Where sign-in and sign-up land when no `?next=` was given (DEFAULT_AFTER_SIGN_IN_PATH): the dashboard
 * for a user whose YouTube is connected, settings (where connecting starts) for everyone else — which is
 * every brand-new account. Decided on the server, so Google sign-in's fixed callback URL works too.
 */
export default async function StartPage() {
  let isConnected: boolean;
  try {
    isConnected = (await caller.youtube.connection()) !== null;
  } catch (error) {
    if (isUnauthorized(error)) redirect("/sign-in");
    throw error;
  }
  redirect(isConnected ? "/dashboard" : "/settings");
}
