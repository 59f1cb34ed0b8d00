/**
 * The one place an import run's vocabulary becomes words: why it waits and why videos were skipped. Each is
 * an exhaustive switch over the closed set the worker records (the ImportRunWaitReason enum, SKIP_REASONS),
 * so a new reason fails the typecheck here until it has its words.
 *
 * Pure: no React, so tests call it directly.
 */
import { CONFIG_ERROR_TEXT } from "~/components/errors/error-text";
import { formatResumeTime } from "~/components/errors/format-wait";
import type { ImportRunDto } from "~/lib/imports/import-run-dto";
import { SKIP_REASONS, type SkipReason, type SkipReasonCounts } from "~/lib/imports/imports.schema";

function skipReasonText(reason: SkipReason): string {
  switch (reason) {
    case "already_imported":
      return "already in your projects";
    case "unavailable":
      return "no longer on YouTube, or private";
    case "not_published":
      return "not published yet";
    case "unreadable":
      return "couldn't be read";
  }
}

/** "3 already in your projects", one for each reason that skipped any video. */
export function describeSkipReasons(skipReasons: SkipReasonCounts): string[] {
  return SKIP_REASONS.flatMap((reason) => {
    const count = skipReasons[reason] ?? 0;
    return count > 0 ? [`${count} ${skipReasonText(reason)}`] : [];
  });
}

/**
 * What the run waits for. A `timed` wait ends by itself at resumeAt, which follows the words; the others
 * wait for someone: the creator to reconnect, or an operator to fix Showreel's setup (no time to promise).
 */
function waitText(reason: ImportRunDto["waitReason"]): { text: string; timed: boolean } {
  switch (reason) {
    case "reconnect":
      return { text: "Paused: reconnect YouTube in Settings to continue", timed: false };
    case "configuration":
      return { text: CONFIG_ERROR_TEXT, timed: false };
    case "quota":
      return { text: "Paused: YouTube's daily quota is used up", timed: true };
    case "rate_limit":
      return { text: "Paused: YouTube asked us to slow down", timed: true };
    case "upstream":
      return { text: "Paused: YouTube is having trouble right now", timed: true };
    case null:
      return { text: "Paused", timed: true };
  }
}

/** The status line of a waiting run, with when it resumes where that is known. */
export function describeWaiting(run: Pick<ImportRunDto, "waitReason" | "resumeAt">, now: number): string {
  const wait = waitText(run.waitReason);
  if (!wait.timed) return wait.text;
  if (!run.resumeAt) return "Paused — resumes by itself shortly";
  if (run.resumeAt.getTime() <= now) return "Resuming…";
  return `${wait.text} — resumes ${formatResumeTime(run.resumeAt, now)}`;
}
