import Link from "next/link";
import type { ReactNode } from "react";
import { cx } from "~/components/ui/class-names";
import { LEGAL_LINK_CLASSES } from "./legal-links";

/** When the terms or the privacy policy last changed in substance (shown under their titles). */
const LEGAL_LAST_UPDATED = new Date("2026-12-06T00:00:00Z");

const UPDATED_FORMAT = new Intl.DateTimeFormat("en", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

export type LegalSectionSummary = { id: string; title: string };

/**
 * The terms and the privacy policy: a readable column with the title, when it last changed, a short
 * summary, the sections it holds (links to each), then the sections themselves.
 */
export function LegalPage({
  title,
  summary,
  sections,
  children,
}: {
  title: string;
  summary: ReactNode;
  sections: readonly LegalSectionSummary[];
  children: ReactNode;
}) {
  return (
    <article aria-labelledby="legal-title" className="mx-auto max-w-3xl px-4 py-12 sm:px-6 sm:py-16">
      <header>
        <p className="text-sm font-semibold tracking-wide text-brand-text uppercase">Showreel</p>
        <h1 id="legal-title" className="mt-2 text-3xl font-bold tracking-tight sm:text-4xl">
          {title}
        </h1>
        <p className="mt-3 text-sm text-muted-foreground">
          Last updated{" "}
          <time dateTime={LEGAL_LAST_UPDATED.toISOString().slice(0, 10)}>
            {UPDATED_FORMAT.format(LEGAL_LAST_UPDATED)}
          </time>
        </p>
        <div className="mt-6 text-lg leading-relaxed text-muted-foreground">{summary}</div>
      </header>
      <nav aria-label="On this page" className="mt-8 rounded-card border border-border bg-surface p-5 shadow-card">
        <p className="text-sm font-semibold">On this page</p>
        <ol className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`} className={LEGAL_LINK_CLASSES}>
                {section.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <div className="mt-10 space-y-10">{children}</div>
    </article>
  );
}

export function LegalSection({ section, children }: { section: LegalSectionSummary; children: ReactNode }) {
  return (
    <section aria-labelledby={section.id}>
      <h2 id={section.id} className="scroll-mt-24 text-xl font-semibold tracking-tight sm:text-2xl">
        {section.title}
      </h2>
      <div className="mt-3 space-y-3 leading-relaxed text-foreground">{children}</div>
    </section>
  );
}

/** A link within the site, styled like the page's links out. */
export function LegalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className={LEGAL_LINK_CLASSES}>
      {children}
    </Link>
  );
}

export function LegalList({ children, className }: { children: ReactNode; className?: string }) {
  return <ul className={cx("list-disc space-y-2 pl-5", className)}>{children}</ul>;
}
