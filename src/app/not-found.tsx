import type { Metadata } from "next";
import { ButtonLink } from "~/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center sm:py-32">
      <p className="font-mono text-sm font-semibold text-brand-text">404</p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight sm:text-4xl">We couldn&apos;t find that page</h1>
      <p className="mt-4 text-lg text-muted-foreground">
        The link may be mistyped, or the page may have moved. Some parts of Showreel are still on their way.
      </p>
      <div className="mt-8 flex w-full flex-col gap-3 sm:w-auto sm:flex-row">
        <ButtonLink href="/">Back to home</ButtonLink>
        <ButtonLink href="/status" variant="secondary">
          Check system status
        </ButtonLink>
      </div>
    </div>
  );
}
