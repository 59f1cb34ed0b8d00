import { cx } from "./class-names";

export type ProgressTone = "brand" | "success" | "muted" | "warning" | "danger";

const TONE_CLASSES: Record<ProgressTone, string> = {
  brand: "bg-brand",
  success: "bg-success",
  muted: "bg-muted-foreground/55",
  warning: "bg-warning",
  danger: "bg-danger",
};

export type ProgressSegment = { value: number; tone: ProgressTone };

export type ProgressBarProps = {
  /** The accessible name ("Import progress"). */
  label: string;
  /** Parts of the done amount, drawn left to right (imported, skipped, failed); they add up to the value. */
  segments: ProgressSegment[];
  /** The whole; 0 or less draws an indeterminate bar (the total is not known yet). */
  max: number;
  /** Read instead of a bare percentage: "12 of 50 videos". */
  valueText?: string;
  className?: string;
};

/**
 * A determinate progress bar (`role="progressbar"` with aria-valuenow/max), optionally split into coloured
 * parts. Colour is never the only signal: callers print the counts next to it.
 */
export function ProgressBar({ label, segments, max, valueText, className }: ProgressBarProps) {
  const isIndeterminate = max <= 0;
  const value = Math.min(
    max,
    segments.reduce((sum, segment) => sum + Math.max(0, segment.value), 0),
  );
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={isIndeterminate ? undefined : 0}
      aria-valuemax={isIndeterminate ? undefined : max}
      aria-valuenow={isIndeterminate ? undefined : value}
      aria-valuetext={isIndeterminate ? undefined : valueText}
      className={cx(
        "flex h-2.5 w-full overflow-hidden rounded-full bg-surface-muted ring-1 ring-border ring-inset",
        className,
      )}
    >
      {isIndeterminate ? (
        <span className="h-full w-full rounded-full bg-brand/30 motion-safe:animate-pulse" />
      ) : (
        segments.map((segment, index) =>
          segment.value > 0 ? (
            <span
              key={index}
              className={cx("h-full transition-[width] duration-500 ease-out", TONE_CLASSES[segment.tone])}
              style={{ width: `${(Math.min(segment.value, max) / max) * 100}%` }}
            />
          ) : null,
        )
      )}
    </div>
  );
}
