"use client";

import "./globals.css";

/**
 * Last-resort boundary for errors thrown by the root layout itself, where app/error.tsx cannot render.
 * It replaces the whole document, so it brings its own <html>. The error message is never shown.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body className="bg-background text-foreground antialiased">
        <main className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center">
          <title>Something went wrong · Showreel</title>
          <h1 className="text-3xl font-bold tracking-tight">Showreel is having trouble</h1>
          <p className="mt-4 text-lg text-muted-foreground">
            The page could not load. Please reload in a moment; if it keeps happening, our team can trace it with the
            reference below.
          </p>
          {error.digest ? <p className="mt-4 font-mono text-sm">Reference: {error.digest}</p> : null}
          <a className="mt-8 underline" href="/">
            Reload Showreel
          </a>
        </main>
      </body>
    </html>
  );
}
