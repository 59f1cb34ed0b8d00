import Link from "next/link";
import type { ComponentProps } from "react";
import { cx } from "./class-names";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md" | "lg";

type ButtonStyleProps = { variant?: ButtonVariant; size?: ButtonSize };

const BASE_CLASSES =
  "inline-flex shrink-0 select-none items-center justify-center gap-2 whitespace-nowrap rounded-control font-medium " +
  "transition-colors duration-150 disabled:pointer-events-none disabled:opacity-55 " +
  "aria-disabled:pointer-events-none aria-disabled:opacity-55 [&_svg]:size-4 [&_svg]:shrink-0";

const VARIANT_CLASSES: Record<ButtonVariant, string> = {
  primary: "bg-brand text-brand-foreground shadow-sm hover:bg-brand-hover",
  secondary: "border border-border-strong bg-surface text-foreground shadow-sm hover:bg-surface-muted",
  ghost: "text-foreground hover:bg-surface-muted",
  // Outlined rather than filled: white text on the dark palette's light red would fail AA.
  danger: "border border-danger/45 bg-surface text-danger-fg shadow-sm hover:bg-danger/10",
};

// Every size keeps at least a 36 px hit area; `md` and up meet the 44 px touch target on small screens.
const SIZE_CLASSES: Record<ButtonSize, string> = {
  sm: "h-9 px-3 text-sm",
  md: "h-11 px-4 text-sm",
  lg: "h-12 px-6 text-base",
};

/** The class list for a button look, for the rare element that is neither `Button` nor `ButtonLink`. */
export function buttonClassName({ variant = "primary", size = "md" }: ButtonStyleProps = {}): string {
  return cx(BASE_CLASSES, VARIANT_CLASSES[variant], SIZE_CLASSES[size]);
}

export type ButtonProps = ComponentProps<"button"> & ButtonStyleProps;

export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  // `type="button"` by default: a bare <button> inside a form would otherwise submit it.
  return <button type={type} className={cx(buttonClassName({ variant, size }), className)} {...props} />;
}

export type ButtonLinkProps = ComponentProps<typeof Link> & ButtonStyleProps;

/** Navigation that looks like a button. Use it for "go somewhere", `Button` for "do something". */
export function ButtonLink({ variant, size, className, ...props }: ButtonLinkProps) {
  return <Link className={cx(buttonClassName({ variant, size }), className)} {...props} />;
}
