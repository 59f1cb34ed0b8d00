import type { HTMLAttributes } from "react";
import { cx } from "./class-names";

type CardElement = "div" | "article" | "section" | "li";

export type CardProps = HTMLAttributes<HTMLElement> & {
  /** Pick the element that fits the content: `li` inside a list, `article` for self-contained items. */
  as?: CardElement;
};

export function Card({ as: Element = "div", className, ...props }: CardProps) {
  return (
    <Element
      className={cx("rounded-card border border-border bg-surface p-6 text-foreground shadow-card", className)}
      {...props}
    />
  );
}

type HeadingLevel = "h2" | "h3" | "h4";

export type CardTitleProps = HTMLAttributes<HTMLHeadingElement> & {
  /** Headings must follow the page outline, so the level is the caller's choice; defaults to h3. */
  as?: HeadingLevel;
};

export function CardTitle({ as: Heading = "h3", className, ...props }: CardTitleProps) {
  return <Heading className={cx("text-lg font-semibold tracking-tight", className)} {...props} />;
}

export function CardDescription({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p className={cx("mt-2 text-sm leading-relaxed text-muted-foreground", className)} {...props} />;
}
