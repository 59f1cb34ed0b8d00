/**
 * The toast stack's rules, kept free of React so they can be unit-tested: which toasts are on screen, in
 * what order, for how long, and which live-region role each one takes.
 */
export type ToastTone = "info" | "success" | "error";

export type ToastInput = {
  tone?: ToastTone;
  title: string;
  description?: string;
  /** How long it stays while the stack is not hovered or focused; defaults by tone. */
  durationMs?: number;
};

export type Toast = { id: string; tone: ToastTone; title: string; description: string | undefined; durationMs: number };

/** Older toasts give way beyond this, so the stack never covers much of a phone screen. */
export const MAX_VISIBLE_TOASTS = 3;

/** Errors stay longer: they are read, and often acted on, not just glanced at. */
const DEFAULT_TOAST_DURATION_MS: Record<ToastTone, number> = { info: 5000, success: 5000, error: 10_000 };

export function createToast(id: string, input: ToastInput): Toast {
  const tone = input.tone ?? "info";
  return {
    id,
    tone,
    title: input.title,
    description: input.description,
    durationMs: input.durationMs ?? DEFAULT_TOAST_DURATION_MS[tone],
  };
}

export type ToastAction = { type: "add"; toast: Toast } | { type: "dismiss"; id: string };

/**
 * Newest last (nearest the corner). A toast saying the same thing as one on screen replaces it, so
 * pressing a button twice does not stack two copies; beyond MAX_VISIBLE_TOASTS the oldest go.
 */
export function toastReducer(toasts: readonly Toast[], action: ToastAction): Toast[] {
  switch (action.type) {
    case "add": {
      const { toast } = action;
      const others = toasts.filter(
        (shown) =>
          !(shown.tone === toast.tone && shown.title === toast.title && shown.description === toast.description),
      );
      return [...others, toast].slice(-MAX_VISIBLE_TOASTS);
    }
    case "dismiss":
      return toasts.filter((toast) => toast.id !== action.id);
  }
}

/** Errors interrupt (`alert`); news that can wait is read when the screen reader is idle (`status`). */
export function toastRole(tone: ToastTone): "alert" | "status" {
  return tone === "error" ? "alert" : "status";
}

/** Time left on a toast's clock after it ran from `startedAt` to `now` (a pause stops the clock). */
export function remainingAfter(remainingMs: number, startedAt: number, now: number): number {
  return Math.max(0, remainingMs - Math.max(0, now - startedAt));
}
