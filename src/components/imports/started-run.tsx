import type { ReactNode } from "react";

/** The progress of a run a form just started, under that form. */
export function StartedRun({ children, title = "Your import" }: { children: ReactNode; title?: string }) {
  return (
    <div className="mt-6 border-t border-border pt-5">
      <h3 className="text-sm font-semibold">{title}</h3>
      <div className="mt-3">{children}</div>
    </div>
  );
}
