import type { ReactNode } from "react";
import { buttonClassName } from "~/components/ui/button";
import { YouTubeIcon } from "~/components/ui/icons";

type ExternalLinkProps = { href: string; children: ReactNode; variant?: "button" | "inline" };

/** A link out of Showreel (YouTube, Google), opened in a new tab, which the link says for screen-reader users too. */
export function ExternalLink({ href, children, variant = "inline" }: ExternalLinkProps) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className={
        variant === "button"
          ? buttonClassName({ variant: "secondary" })
          : "rounded-sm font-medium break-words text-brand-text underline underline-offset-4 hover:no-underline"
      }
    >
      {variant === "button" ? <YouTubeIcon /> : null}
      {children}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
