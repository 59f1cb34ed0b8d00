"use client";

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { cx } from "./class-names";
import { CheckCircleIcon, CloseIcon, ErrorIcon, InfoIcon } from "./icons";
import {
  createToast,
  remainingAfter,
  toastReducer,
  toastRole,
  type Toast,
  type ToastInput,
  type ToastTone,
} from "./toast-queue";

export type { ToastInput, ToastTone } from "./toast-queue";

type ToastApi = {
  /** Shows a toast and returns its id. */
  show: (input: ToastInput) => string;
  dismiss: (id: string) => void;
};

const ToastContext = createContext<ToastApi | null>(null);

/** Toasts for outcomes of something the user did that do not change the page ("Connection checked"). */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast needs a <ToastProvider> above it (src/app/layout.tsx mounts one)");
  return api;
}

let nextToastId = 0;

/**
 * Holds the toast stack and draws it in the bottom-right corner (full width on phones). Every toast
 * dismisses itself after a while, but the clocks stop while the pointer is over the stack or focus is in
 * it, so nobody loses a message they are reading or about to dismiss with the keyboard (WCAG 2.2.1).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, dispatch] = useReducer(toastReducer, []);
  const show = useCallback((input: ToastInput) => {
    nextToastId += 1;
    const id = `toast-${nextToastId}`;
    dispatch({ type: "add", toast: createToast(id, input) });
    return id;
  }, []);
  const dismiss = useCallback((id: string) => dispatch({ type: "dismiss", id }), []);
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);

  return (
    <ToastContext value={api}>
      {children}
      <ToastViewport toasts={toasts} onDismiss={dismiss} />
    </ToastContext>
  );
}

function ToastViewport({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: string) => void }) {
  const [isHovered, setIsHovered] = useState(false);
  const [hasFocus, setHasFocus] = useState(false);
  // A toast removed under the pointer or the focus sends no leave or blur event; with none left, reset
  // (adjusting state during render, as React recommends, rather than in an effect).
  if (toasts.length === 0 && (isHovered || hasFocus)) {
    setIsHovered(false);
    setHasFocus(false);
  }
  const isPaused = isHovered || hasFocus;

  return (
    <div
      className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col gap-2 p-4 sm:left-auto sm:w-[26rem] sm:p-6"
      onMouseEnter={() => setIsHovered(true)}
      onMouseLeave={() => setIsHovered(false)}
      onFocus={() => setHasFocus(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setHasFocus(false);
      }}
    >
      {toasts.length > 0 ? (
        <section aria-label="Messages">
          <ol className="flex flex-col gap-2">
            {toasts.map((toast) => (
              <ToastItem
                key={toast.id}
                toast={toast}
                isPaused={isPaused}
                onTimeout={onDismiss}
                onDismiss={(id) => {
                  // The focused button is about to go; focus falls back to the page, outside the stack.
                  setHasFocus(false);
                  onDismiss(id);
                }}
              />
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

const TONE_LOOKS: Record<ToastTone, { Icon: typeof InfoIcon; icon: string; edge: string }> = {
  info: { Icon: InfoIcon, icon: "text-info-fg", edge: "border-l-info" },
  success: { Icon: CheckCircleIcon, icon: "text-success-fg", edge: "border-l-success" },
  error: { Icon: ErrorIcon, icon: "text-danger-fg", edge: "border-l-danger" },
};

type ToastItemProps = {
  toast: Toast;
  isPaused: boolean;
  onTimeout: (id: string) => void;
  onDismiss: (id: string) => void;
};

function ToastItem({ toast, isPaused, onTimeout, onDismiss }: ToastItemProps) {
  const remainingRef = useRef(toast.durationMs);
  // The live region is put in the page empty and filled a frame later: screen readers announce a change
  // to a live region they already know, and may skip one that arrives with its text.
  const [isAnnounced, setIsAnnounced] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setIsAnnounced(true));
    return () => cancelAnimationFrame(frame);
  }, []);

  // The clock runs only while the stack is not paused; each pause keeps the time that was left.
  useEffect(() => {
    if (isPaused) return;
    const startedAt = Date.now();
    const timer = setTimeout(() => onTimeout(toast.id), remainingRef.current);
    return () => {
      clearTimeout(timer);
      remainingRef.current = remainingAfter(remainingRef.current, startedAt, Date.now());
    };
  }, [isPaused, onTimeout, toast.id]);

  const look = TONE_LOOKS[toast.tone];
  return (
    <li
      className={cx(
        "pointer-events-auto flex items-start gap-3 rounded-card border border-l-4 border-border bg-surface p-4 text-foreground shadow-raised",
        look.edge,
      )}
    >
      <look.Icon className={cx("mt-0.5 size-5 shrink-0", look.icon)} />
      <div role={toastRole(toast.tone)} aria-atomic="true" className="min-w-0 flex-1">
        {isAnnounced ? (
          <>
            <p className="font-semibold">{toast.title}</p>
            {toast.description ? <p className="mt-1 text-sm text-muted-foreground">{toast.description}</p> : null}
          </>
        ) : (
          // Holds the toast's height for the one frame before its text arrives.
          <p aria-hidden="true" className="invisible font-semibold">
            {toast.title}
          </p>
        )}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        className="-mt-1 -mr-1 inline-flex size-9 shrink-0 items-center justify-center rounded-control text-muted-foreground hover:bg-surface-muted hover:text-foreground"
      >
        <CloseIcon className="size-4" />
        <span className="sr-only">Dismiss: {toast.title}</span>
      </button>
    </li>
  );
}
