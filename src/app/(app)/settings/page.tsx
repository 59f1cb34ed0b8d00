import type { Metadata } from "next";
import { SettingsView } from "./settings-view";
import { getServerSession, HydrateClient, preload, trpc } from "~/trpc/server";

export const metadata: Metadata = {
  title: "Settings",
  description: "Your YouTube connection, API tokens and account: export your data or delete the account.",
};

export default async function SettingsPage() {
  if (await getServerSession()) {
    await Promise.all([
      preload(trpc.youtube.connection.queryOptions()),
      preload(trpc.accessTokens.list.queryOptions()),
      preload(trpc.account.exportStatus.queryOptions()),
    ]);
  }
  return (
    <HydrateClient>
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Settings</h1>
        <p className="mt-3 text-lg text-muted-foreground">Your YouTube connection, API tokens and account.</p>
        <div className="mt-8">
          <SettingsView />
        </div>
      </div>
    </HydrateClient>
  );
}
