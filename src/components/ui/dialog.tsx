"use client";

import { useEffect, useId, useRef, type ReactNode, type RefObject } from "react";
import { cx } from "./class-names";

export type DialogProps = {
  open: boolean;
  /** Called for Escape, a backdrop click, or the caller's own Cancel; the caller sets `open` to false. */
  onClose: () => void;
  title: ReactNode;
  /** The sentence a screen reader reads with the title when the dialog opens. */
  description?: ReactNode;
  children?: ReactNode;
  /** Focused on open. Point it at the least destructive action (usually Cancel). */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** While false (say, a request is in flight), Escape and the backdrop do nothing. */
  isDismissable?: boolean;
  className?: string;
};

/**
 * A modal on the native <dialog>: showModal() gives the focus trap, the inert page behind it and the
 * top layer for free. This wrapper adds a controlled `open`, initial focus, and focus return to whatever
 * opened it (browsers differ on restoring focus themselves).
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  initialFocusRef,
  isDismissable = true,
  className,
}: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  // Syncs React state to the DOM's imperative showModal()/close(); no data is fetched here.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocusRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      initialFocusRef?.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocusRef]);

  function handleClose() {
    const opener = returnFocusRef.current;
    returnFocusRef.current = null;
    if (opener?.isConnected) opener.focus();
    // The browser may close the dialog itself (a second Escape); keep the caller's state in step.
    if (open) onClose();
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (isDismissable) onClose();
      }}
      onClose={handleClose}
      onClick={(event) => {
        // A click on the <dialog> itself, not its panel, landed on the backdrop.
        if (event.target === event.currentTarget && isDismissable) onClose();
      }}
      className={cx(
        "m-auto w-[calc(100%-2rem)] max-w-md rounded-card border border-border bg-surface p-0 text-foreground shadow-raised",
        "backdrop:bg-black/55 backdrop:backdrop-blur-[2px]",
        className,
      )}
    >
      <div className="p-6">
        <h2 id={titleId} className="text-lg font-semibold tracking-tight">
          {title}
        </h2>
        {description ? (
          <div id={descriptionId} className="mt-2 text-sm leading-relaxed text-muted-foreground">
            {description}
          </div>
        ) : null}
        {children}
      </div>
    </dialog>
  );
}

/** The button row at the foot of a dialog: stacked full-width on phones, right-aligned from `sm`. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="mt-6 flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">{children}</div>;
}
