import Link from "next/link";
import { cx } from "~/components/ui/class-names";

type TagChipProps = {
  href: string;
  name: string;
  tone: "tool" | "category" | "neutral";
  isActive: boolean;
  /** Projects with this tag, shown on the filter bar's chips. */
  count?: number;
  /** Read before the name by screen readers ("Show projects made with "). */
  srPrefix?: string;
};

/** A tag as a link that filters the portfolio; the active one is marked with aria-current, not colour alone. */
export function TagChip({ href, name, tone, isActive, count, srPrefix }: TagChipProps) {
  return (
    <Link
      href={href}
      scroll={false}
      aria-current={isActive ? "true" : undefined}
      className={cx(
        "inline-flex min-h-7 items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium transition-colors",
        tone === "tool" && "border-border bg-surface-muted text-foreground hover:border-border-strong",
        tone === "category" && "border-info/30 bg-info/10 text-info-fg hover:border-info/60",
        tone === "neutral" && "border-border-strong bg-surface text-foreground hover:bg-surface-muted",
        "aria-[current=true]:border-brand aria-[current=true]:bg-brand-soft aria-[current=true]:text-brand-text",
        "aria-[current=true]:ring-1 aria-[current=true]:ring-brand",
      )}
    >
      {srPrefix ? <span className="sr-only">{srPrefix}</span> : null}
      {name}
      {count !== undefined ? (
        <>
          <span aria-hidden="true" className="tabular-nums opacity-75">
            {count}
          </span>
          <span className="sr-only">
            {" "}
            ({count} {count === 1 ? "project" : "projects"})
          </span>
        </>
      ) : null}
      {isActive ? <span className="sr-only"> (selected)</span> : null}
    </Link>
  );
}
