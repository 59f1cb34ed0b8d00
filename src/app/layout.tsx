import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { LiveUpdates } from "~/components/live/live-updates";
import { SiteHeader } from "~/components/site-header";
import { ToastProvider } from "~/components/ui/toast";
import { TRPCReactProvider } from "~/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Showreel — your YouTube channel, as a portfolio", template: "%s · Showreel" },
  description:
    "Showreel turns your YouTube videos into portfolio projects — thumbnails, durations, stats and the tools you used — and keeps them up to date as you upload.",
  applicationName: "Showreel",
};

export const viewport: Viewport = {
  // Matches --sr-background in globals.css so mobile browser chrome blends with the page.
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8f8fb" },
    { media: "(prefers-color-scheme: dark)", color: "#0c0c11" },
  ],
  colorScheme: "light dark",
};

const FOOTER_LINKS = [
  { href: "/u/demo", label: "Demo portfolio" },
  { href: "/status", label: "System status" },
  { href: "/settings", label: "Settings" },
  // YouTube API Services Developer Policies III.A.1–2: the terms and the privacy policy, reachable from every page.
  { href: "/terms", label: "Terms" },
  { href: "/privacy", label: "Privacy" },
] as const;

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, never prerendered at build: its scripts must carry this request's
  // CSP nonce (src/proxy.ts), which Next adds as it renders. A prerendered page's would be refused.
  await connection();
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only rounded-control bg-brand px-4 py-2 font-medium text-brand-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
        >
          Skip to content
        </a>
        <TRPCReactProvider>
          <ToastProvider>
            <LiveUpdates />
            <SiteHeader />
            {/* tabIndex lets the skip link move focus here in every browser, not just scroll. */}
            <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
              {children}
            </main>
            <footer className="border-t border-border">
              <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
                <p>Showreel — portfolios built from YouTube.</p>
                <nav aria-label="Footer">
                  <ul className="flex flex-wrap gap-x-6 gap-y-2">
                    {FOOTER_LINKS.map((link) => (
                      <li key={link.href}>
                        <Link
                          href={link.href}
                          className="rounded-sm underline-offset-4 hover:text-foreground hover:underline"
                        >
                          {link.label}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </nav>
              </div>
            </footer>
          </ToastProvider>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
