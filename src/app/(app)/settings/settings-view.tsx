"use client";

import { Suspense } from "react";
import { RequireSession } from "~/components/auth/require-session";
import { AccessTokensCard } from "~/components/settings/access-tokens-card";
import { AccountCard } from "~/components/settings/account-card";
import { DataExportCard } from "~/components/settings/data-export-card";
import { DeleteAccountCard } from "~/components/settings/delete-account-card";
import { YouTubeConnectionCard } from "~/components/settings/youtube-connection-card";
import { YouTubeConnectNotice } from "~/components/settings/youtube-connect-notice";

/**
 * The signed-in part of /settings. Visitors get a sign-in prompt; a signed-in user gets the page at once, with the session the app layout
 * read and the data the page preloaded. Every procedure below checks the session again.
 */
export function SettingsView() {
  return (
    <RequireSession returnTo="/settings" reason="to manage your settings" fallback={<SettingsSkeleton />}>
      {(user) => (
        <div className="space-y-6">
          {/* The notice reads ?youtube=…; without a boundary the whole page would skip prerendering. */}
          <Suspense fallback={null}>
            <YouTubeConnectNotice />
          </Suspense>
          <YouTubeConnectionCard />
          <AccessTokensCard />
          <AccountCard user={user} />
          <DataExportCard />
          <DeleteAccountCard user={user} />
        </div>
      )}
    </RequireSession>
  );
}

function SettingsSkeleton() {
  return (
    <div aria-busy="true" className="space-y-6">
      {[0, 1, 2].map((card) => (
        <div key={card} aria-hidden="true" className="rounded-card border border-border bg-surface p-6 shadow-card">
          <div className="h-5 w-48 rounded-full bg-surface-muted motion-safe:animate-pulse" />
          <div className="mt-4 h-3 w-full max-w-md rounded-full bg-surface-muted motion-safe:animate-pulse" />
          <div className="mt-2 h-3 w-2/3 max-w-sm rounded-full bg-surface-muted motion-safe:animate-pulse" />
        </div>
      ))}
      <span className="sr-only">Loading your settings…</span>
    </div>
  );
}
