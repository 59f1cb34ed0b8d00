import { redirect } from "next/navigation";
import { caller, getServerSession } from "~/trpc/server";

/**
 * Where sign-in and sign-up land when no `?next=` was given (DEFAULT_AFTER_SIGN_IN_PATH): the dashboard
 * for a user whose YouTube is connected, settings (where connecting starts) for everyone else — which is
 * every brand-new account. Decided on the server, so Google sign-in's fixed callback URL works too.
 */
export default async function StartPage() {
  if (!(await getServerSession())) redirect("/sign-in");
  const connection = await caller.youtube.connection();
  redirect(connection ? "/dashboard" : "/settings");
}
