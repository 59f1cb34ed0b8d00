"use client";

import Link from "next/link";
import { usePathname } from "~/components/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { NotificationsBell } from "~/components/notifications/notifications-bell";
import { ButtonLink } from "~/components/ui/button";
import { cx } from "~/components/ui/class-names";
import { Spinner } from "~/components/ui/icons";
import { useSession, type SessionUser } from "./auth-client";
import { useSignOut } from "./use-sign-out";

/**
 * The header's account corner: "Sign in" when signed out; the notifications bell and an account menu
 * when signed in. While the session is being read it holds the space, so the header doesn't jump.
 */
export function UserMenu() {
  const session = useSession();

  if (session.isPending && !session.data) {
    return <span aria-hidden="true" className="block size-9 rounded-full bg-surface-muted motion-safe:animate-pulse" />;
  }
  if (!session.data) {
    return (
      <ButtonLink href="/sign-in" variant="secondary" size="sm">
        Sign in
      </ButtonLink>
    );
  }
  return (
    <div className="flex items-center gap-1">
      <NotificationsBell />
      <AccountMenu user={session.data.user} />
    </div>
  );
}

/** "Ada Lovelace" → "AL"; with no name, the email's first letter. */
function initialsOf(user: SessionUser): string {
  const words = user.name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.charAt(0) ?? user.email.charAt(0);
  const last = words.length > 1 ? (words.at(-1)?.charAt(0) ?? "") : "";
  return `${first}${last}`.toUpperCase() || "?";
}

const ITEM_CLASSES =
  "flex h-11 w-full items-center rounded-[calc(var(--radius-control)-2px)] px-3 text-left text-sm font-medium text-foreground " +
  "hover:bg-surface-muted focus-visible:bg-surface-muted focus-visible:-outline-offset-2 sm:h-9 " +
  "aria-[current=page]:text-brand-text";

/** Admins also get the operations page; for everyone else it does not exist (404). */
function menuLinks(user: SessionUser): { href: string; label: string }[] {
  const links = [
    { href: "/settings", label: "Settings" },
    { href: "/notifications", label: "Notifications" },
  ];
  return (user as { role?: unknown }).role === "admin" ? [...links, { href: "/ops", label: "Operations" }] : links;
}

/**
 * An account menu following the WAI-ARIA menu-button pattern: Enter, Space or ArrowDown open it on the
 * first item, ArrowUp on the last; arrows, Home and End move between items; Escape closes it and returns
 * focus to the button; Tab closes it and moves on.
 */
function AccountMenu({ user }: { user: SessionUser }) {
  const pathname = usePathname();
  const menuId = useId();
  const buttonId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(pathname);
  const signOut = useSignOut();

  // Following a link closes the menu; so does back/forward (adjusting state during render, not in an effect).
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setIsOpen(false);
  }

  // A pointer press anywhere outside closes the menu. Subscribes only while it is open.
  useEffect(() => {
    if (!isOpen) return;
    function handlePointerDown(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setIsOpen(false);
    }
    document.addEventListener("pointerdown", handlePointerDown);
    return () => document.removeEventListener("pointerdown", handlePointerDown);
  }, [isOpen]);

  function items(): HTMLElement[] {
    return Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  }

  function focusItem(which: "first" | "last" | number) {
    const all = items();
    const index = which === "first" ? 0 : which === "last" ? all.length - 1 : (which + all.length) % all.length;
    all[index]?.focus();
  }

  function open(focus: "first" | "last") {
    setIsOpen(true);
    // The menu is always rendered (hidden), so its items exist and can take focus right after the show.
    requestAnimationFrame(() => focusItem(focus));
  }

  function close({ restoreFocus }: { restoreFocus: boolean }) {
    setIsOpen(false);
    if (restoreFocus) buttonRef.current?.focus();
  }

  function handleButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown" || event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open("first");
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      open("last");
    }
  }

  function handleMenuKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const current = items().indexOf(document.activeElement as HTMLElement);
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        focusItem(current + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        focusItem(current - 1);
        break;
      case "Home":
        event.preventDefault();
        focusItem("first");
        break;
      case "End":
        event.preventDefault();
        focusItem("last");
        break;
      case "Escape":
        event.preventDefault();
        close({ restoreFocus: true });
        break;
      case "Tab":
        close({ restoreFocus: false });
        break;
    }
  }

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={menuId}
        onClick={() => (isOpen ? close({ restoreFocus: false }) : open("first"))}
        onKeyDown={handleButtonKeyDown}
        className="flex size-11 items-center justify-center rounded-full"
      >
        <span
          aria-hidden="true"
          className={cx(
            "flex size-9 items-center justify-center rounded-full bg-brand text-sm font-semibold text-brand-foreground transition-shadow",
            "hover:ring-4 hover:ring-brand/20",
            isOpen && "ring-4 ring-brand/25",
          )}
        >
          {initialsOf(user)}
        </span>
        <span className="sr-only">Account menu for {user.name || user.email}</span>
      </button>

      <div
        className={cx(
          isOpen ? "block" : "hidden",
          "absolute right-0 z-50 mt-2 w-[min(18rem,calc(100vw-2rem))] rounded-card border border-border bg-surface p-1.5 shadow-raised",
        )}
      >
        <div className="border-b border-border px-3 pt-2 pb-3">
          <p className="truncate text-sm font-semibold">{user.name || "Your account"}</p>
          <p className="truncate text-sm text-muted-foreground">{user.email}</p>
        </div>
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-labelledby={buttonId}
          onKeyDown={handleMenuKeyDown}
          className="pt-1.5"
        >
          {menuLinks(user).map((link) => (
            <li key={link.href} role="none">
              <Link
                href={link.href}
                role="menuitem"
                tabIndex={-1}
                aria-current={pathname === link.href ? "page" : undefined}
                onClick={() => setIsOpen(false)}
                className={ITEM_CLASSES}
              >
                {link.label}
              </Link>
            </li>
          ))}
          <li role="separator" className="my-1.5 h-px bg-border" />
          <li role="none">
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-disabled={signOut.isPending || undefined}
              onClick={() => void signOut.signOut()}
              className={cx(ITEM_CLASSES, "gap-2")}
            >
              {signOut.isPending ? <Spinner /> : null}
              {signOut.isPending ? "Signing out…" : "Sign out"}
            </button>
          </li>
        </ul>
        {signOut.error ? (
          <p role="alert" className="px-3 pt-1 pb-2 text-sm text-danger-fg">
            {signOut.error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
