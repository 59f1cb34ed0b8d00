import Link from "next/link";
import { UserMenu } from "./auth/user-menu";
import { SiteNav } from "./site-nav";

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b border-border bg-background/85 backdrop-blur-md">
      <div className="relative mx-auto flex h-16 max-w-6xl items-center gap-2 px-4 sm:px-6 lg:gap-6">
        <Link
          href="/"
          className="-mx-1 inline-flex shrink-0 items-center gap-2 rounded-control px-1 py-1 text-lg font-semibold tracking-tight"
        >
          <BrandMark />
          Showreel
        </Link>
        <SiteNav />
        <UserMenu />
      </div>
    </header>
  );
}

export function BrandMark({ className = "size-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 28 28" aria-hidden="true" focusable="false" className={className}>
      <rect width="28" height="28" rx="8" className="fill-brand" />
      <path d="M11 8.5v11l9-5.5-9-5.5Z" fill="white" />
    </svg>
  );
}
