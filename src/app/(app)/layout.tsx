import type { ReactNode } from "react";
import { InitialSession } from "~/components/auth/initial-session";
import { getServerSession } from "~/trpc/server";

/**
 * The signed-in part of the site. Reading the session here renders these pages per request, with the
 * user's data in the first HTML (each page preloads what it shows); every procedure still checks the
 * session itself.
 */
export default async function AppLayout({ children }: { children: ReactNode }) {
  return <InitialSession data={await getServerSession()}>{children}</InitialSession>;
}
