import type { HTMLAttributes } from "react";
import { cx } from "./class-names";

export type BadgeTone = "neutral" | "brand" | "success" | "warning" | "danger" | "info";

const TONE_CLASSES: Record<BadgeTone, string> = {
  neutral: "border-border bg-surface-muted text-muted-foreground",
  brand: "border-brand/25 bg-brand/10 text-brand-text",
  success: "border-success/30 bg-success/12 text-success-fg",
  warning: "border-warning/30 bg-warning/12 text-warning-fg",
  danger: "border-danger/30 bg-danger/12 text-danger-fg",
  info: "border-info/30 bg-info/12 text-info-fg",
};

export type BadgeProps = HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone };

/**
 * A short label. Colour is never the only signal: the text itself must say what the tone means
 * ("Fallback", "Failing"), so it reads the same to screen readers and in high-contrast modes.
 */
export function Badge({ tone = "neutral", className, ...props }: BadgeProps) {
  return (
    <span
      className={cx(
        "inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium whitespace-nowrap",
        TONE_CLASSES[tone],
        className,
      )}
      {...props}
    />
  );
}
