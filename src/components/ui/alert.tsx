import type { ComponentProps, ReactNode } from "react";
import { cx } from "./class-names";
import { CheckCircleIcon, CloseIcon, ErrorIcon, InfoIcon, WarningIcon } from "./icons";

export type AlertTone = "info" | "success" | "warning" | "danger";

const TONE_CLASSES: Record<AlertTone, { box: string; title: string; icon: string }> = {
  info: { box: "border-info/30 bg-info/8", title: "text-info-fg", icon: "text-info-fg" },
  success: { box: "border-success/35 bg-success/10", title: "text-success-fg", icon: "text-success-fg" },
  warning: { box: "border-warning/40 bg-warning/10", title: "text-warning-fg", icon: "text-warning-fg" },
  danger: { box: "border-danger/35 bg-danger/8", title: "text-danger-fg", icon: "text-danger-fg" },
};

const TONE_ICONS: Record<AlertTone, typeof InfoIcon> = {
  info: InfoIcon,
  success: CheckCircleIcon,
  warning: WarningIcon,
  danger: ErrorIcon,
};

export type AlertProps = Omit<ComponentProps<"div">, "title"> & {
  tone?: AlertTone;
  title?: ReactNode;
  /** Buttons or links that resolve the alert ("Reconnect YouTube"). */
  action?: ReactNode;
  /** Shows a close button; the caller removes the alert. */
  onDismiss?: () => void;
};

/**
 * A message box. It has no live-region role of its own: pass `role="alert"` for something the user must
 * act on now, `role="status"` for news that can wait, or render it inside a region that is already live.
 */
export function Alert({ tone = "info", title, action, onDismiss, className, children, ...props }: AlertProps) {
  const Icon = TONE_ICONS[tone];
  const look = TONE_CLASSES[tone];
  return (
    <div className={cx("flex gap-3 rounded-card border p-4", look.box, className)} {...props}>
      <Icon className={cx("mt-0.5 size-5 shrink-0", look.icon)} />
      <div className="min-w-0 flex-1">
        {title ? <p className={cx("font-semibold", look.title)}>{title}</p> : null}
        {children ? <div className={cx("text-sm text-foreground", title ? "mt-1" : undefined)}>{children}</div> : null}
        {action ? <div className="mt-3 flex flex-wrap gap-2">{action}</div> : null}
      </div>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          className="-mt-1 -mr-1 inline-flex size-9 shrink-0 items-center justify-center rounded-control text-muted-foreground hover:bg-foreground/5 hover:text-foreground"
        >
          <CloseIcon className="size-4" />
          <span className="sr-only">Dismiss</span>
        </button>
      ) : null}
    </div>
  );
}
