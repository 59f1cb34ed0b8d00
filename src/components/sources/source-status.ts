/**
 * The one mapping from a followed channel's sync state (SourceSummary.sync, see
 * src/lib/sources/selects.ts) to words. Pure: no React, so the row and tests can call it directly.
 */
import type { inferOutput } from "@trpc/tanstack-react-query";
import type { BadgeTone } from "~/components/ui/badge";
import { formatResumeTime } from "~/components/errors/format-wait";
import { formatRelativeTime } from "~/components/ui/format-date";
import type { useTRPC } from "~/trpc/client";

export type SourceSummary = inferOutput<ReturnType<typeof useTRPC>["sources"]["list"]>["items"][number];
export type SourceSyncStatus = SourceSummary["sync"]["status"];

/** The badge: text that says what the tone means, so colour is never the only signal. */
export function describeSyncStatus(sync: SourceSummary["sync"], now: number): { label: string; tone: BadgeTone } {
  switch (sync.status) {
    case "ok":
      return { label: "Up to date", tone: "success" };
    case "pending":
      return { label: "First check soon", tone: "info" };
    case "paused":
      return { label: "Auto-sync off", tone: "neutral" };
    case "waiting":
      return {
        label: sync.nextCheckAt
          ? `Waiting for quota — resumes ${formatResumeTime(sync.nextCheckAt, now)}`
          : "Waiting for quota",
        tone: "warning",
      };
    case "config":
      return { label: "Paused: a configuration problem; an administrator has been told", tone: "warning" };
    case "failing":
      return {
        label: sync.nextCheckAt ? `Check failed — retrying ${formatResumeTime(sync.nextCheckAt, now)}` : "Check failed",
        tone: "danger",
      };
    case "gone":
      return { label: "Channel no longer exists", tone: "danger" };
  }
}

/** "Last checked 5 minutes ago", or that no check has run yet. */
export function lastCheckedText(lastCheckedAt: Date | null, now: number): string {
  return lastCheckedAt ? `Last checked ${formatRelativeTime(lastCheckedAt, now)}` : "Not checked yet";
}

/** "Next check in 12 minutes"; null when nothing is scheduled (auto-sync off). */
export function nextCheckText(nextCheckAt: Date | null, now: number): string | null {
  if (!nextCheckAt) return null;
  // The scheduler picks due channels up once a minute, so a time just past means "about now", not "ago".
  const inMs = nextCheckAt.getTime() - now;
  if (inMs <= 0) return "Next check any moment now";
  if (inMs < 60_000) return "Next check in less than a minute";
  return `Next check ${formatRelativeTime(nextCheckAt, now)}`;
}

/**
 * `importedCount` counts what auto-sync brought in (sync.enrich adds to it); a follow's one-off import of
 * recent uploads is an ordinary import run and is not in it, so the words say "new uploads".
 */
export function importedCountText(count: number): string {
  if (count === 0) return "No new uploads imported yet";
  return count === 1 ? "1 new upload imported" : `${new Intl.NumberFormat().format(count)} new uploads imported`;
}

/** Up to two letters for the avatar placeholder: "Blender Guru" → "BG". */
export function channelInitials(title: string): string {
  const words = title.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[1]] : [words[0]];
  return (
    letters
      .map((word) => (word ? Array.from(word)[0] : ""))
      .join("")
      .toUpperCase() || "?"
  );
}
