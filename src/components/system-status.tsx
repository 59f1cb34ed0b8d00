"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/client";
import { cx } from "./ui/class-names";

type StatusLook = { label: string; dotClassName: string; textClassName: string };

const LOOKS = {
  ok: { label: "All systems normal", dotClassName: "bg-success", textClassName: "text-success-fg" },
  degraded: { label: "Degraded", dotClassName: "bg-warning", textClassName: "text-warning-fg" },
  unknown: { label: "Status unavailable", dotClassName: "bg-muted-foreground", textClassName: "text-muted-foreground" },
} satisfies Record<string, StatusLook>;

const CHIP_CLASSES =
  "inline-flex h-8 items-center gap-2 rounded-full border border-border bg-surface px-3 text-sm font-medium shadow-sm";

/**
 * Live health chip linking to /status. It fetches on the client on purpose: the pages that show it
 * stay statically rendered, and a slow database only delays the chip, never the page.
 */
export function SystemStatus({ className }: { className?: string }) {
  const trpc = useTRPC();
  const health = useQuery(trpc.system.health.queryOptions());

  if (health.isPending) {
    return (
      <span
        data-testid="system-status"
        aria-busy="true"
        className={cx(CHIP_CLASSES, "text-muted-foreground", className)}
      >
        <span aria-hidden="true" className="size-2 rounded-full bg-border-strong motion-safe:animate-pulse" />
        <span aria-hidden="true" className="h-3 w-28 rounded-full bg-surface-muted motion-safe:animate-pulse" />
        <span className="sr-only">Checking system status…</span>
      </span>
    );
  }

  // A failed request after an earlier success keeps showing the last known report.
  const look = health.data ? LOOKS[health.data.status] : LOOKS.unknown;

  return (
    <Link
      href="/status"
      data-testid="system-status"
      className={cx(CHIP_CLASSES, "transition-colors hover:border-border-strong hover:bg-surface-muted", className)}
    >
      <span aria-hidden="true" className={cx("size-2 rounded-full", look.dotClassName)} />
      <span className="sr-only">System status: </span>
      <span className={look.textClassName}>{look.label}</span>
    </Link>
  );
}
