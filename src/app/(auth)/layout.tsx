import type { ReactNode } from "react";

/** The sign-in and sign-up pages: one narrow card under the landing page's rose glow. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="bg-[radial-gradient(60%_45%_at_50%_0%,color-mix(in_oklab,var(--color-brand)_12%,transparent),transparent)]">
      <div className="mx-auto w-full max-w-md px-4 py-10 sm:py-16">{children}</div>
    </div>
  );
}
