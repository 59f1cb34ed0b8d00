"use client";

import Link from "next/link";
import { usePathname } from "~/components/navigation";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { cx } from "./ui/class-names";

const NAV_ITEMS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/videos", label: "My Videos" },
  { href: "/import", label: "Import" },
  { href: "/sources", label: "Sources" },
  { href: "/projects", label: "Projects" },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  // Nested pages (/projects/123) keep their section highlighted.
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Primary navigation. Below `lg` the links collapse behind a disclosure button; from `lg` up they sit
 * inline and the button is hidden. Notifications, Settings and sign-in live in the header's account
 * corner (UserMenu), which follows this nav, so DOM order stays the focus order at both sizes.
 */
export function SiteNav() {
  const pathname = usePathname();
  const menuId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(pathname);

  // Back/forward navigation does not click a link, so close the menu when the route changes
  // (adjusting state during render, as React recommends, instead of an effect).
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setIsOpen(false);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === "Escape" && isOpen) {
      setIsOpen(false);
      toggleRef.current?.focus();
    }
  }

  return (
    <nav
      aria-label="Primary"
      className="flex flex-1 items-center justify-end lg:justify-start"
      onKeyDown={handleKeyDown}
    >
      <button
        ref={toggleRef}
        type="button"
        aria-expanded={isOpen}
        aria-controls={menuId}
        onClick={() => setIsOpen((open) => !open)}
        className="inline-flex size-11 items-center justify-center rounded-control text-foreground hover:bg-surface-muted lg:hidden"
      >
        <span className="sr-only">Menu</span>
        <MenuIcon isOpen={isOpen} />
      </button>

      <ul
        id={menuId}
        className={cx(
          isOpen ? "flex" : "hidden",
          "absolute inset-x-0 top-full flex-col gap-1 border-b border-border bg-background px-4 pt-2 pb-4 shadow-raised sm:px-6",
          "lg:static lg:flex lg:flex-row lg:items-center lg:gap-0.5 lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none",
        )}
      >
        {NAV_ITEMS.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent(pathname, item.href) ? "page" : undefined}
              onClick={() => setIsOpen(false)}
              className={cx(
                "flex h-11 items-center rounded-control px-3 text-base font-medium text-muted-foreground transition-colors",
                "hover:bg-surface-muted hover:text-foreground lg:h-9 lg:px-2.5 lg:text-sm",
                "aria-[current=page]:bg-brand-soft aria-[current=page]:text-brand-text",
              )}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function MenuIcon({ isOpen }: { isOpen: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      className="size-6"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    >
      {isOpen ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
    </svg>
  );
}
