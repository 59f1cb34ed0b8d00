"use client";

import { useId } from "react";
import type { inferOutput } from "@trpc/tanstack-react-query";
import { cx } from "~/components/ui/class-names";
import { formatDateTime, formatRelativeTime } from "~/components/ui/format-date";
import { formatNumber, formatViews } from "~/components/ui/format-number";
import { Spinner } from "~/components/ui/icons";
import { CheckIcon } from "~/components/ui/media-icons";
import type { useTRPC } from "~/trpc/client";
import { VIDEO_KIND_LABELS, VideoThumbnail } from "./video-thumbnail";

export type MyVideo = inferOutput<ReturnType<typeof useTRPC>["youtube"]["myVideos"]>["items"][number];

/** Why a video cannot be picked right now; shown on the card and read with its checkbox. */
export type UnselectableReason = "imported" | "importing" | "upcoming" | "limit";

const REASON_TEXT: Record<Exclude<UnselectableReason, "limit">, string> = {
  imported: "Imported",
  importing: "Importing…",
  upcoming: "Not published yet",
};

const PRIVACY_LABELS = { unlisted: "Unlisted", private: "Private" } as const;

type VideoCardProps = {
  video: MyVideo;
  isSelected: boolean;
  unselectableReason: UnselectableReason | null;
  /** The id of the sentence explaining the selection limit, read by checkboxes it disables. */
  limitReasonId: string;
  onToggle: (videoId: string) => void;
};

/**
 * One upload in the My Videos grid. The whole card toggles its checkbox (an empty label covers it), and
 * the checkbox is named by the title, so a screen reader hears "Title, checkbox, not checked".
 */
export function VideoCard({ video, isSelected, unselectableReason, limitReasonId, onToggle }: VideoCardProps) {
  const checkboxId = useId();
  const titleId = useId();
  const reasonId = useId();
  const isDisabled = unselectableReason !== null;
  const reasonText = unselectableReason && unselectableReason !== "limit" ? REASON_TEXT[unselectableReason] : null;
  const describedBy = reasonText ? reasonId : unselectableReason === "limit" ? limitReasonId : undefined;
  // A premiere that hasn't happened has no audience yet; "0 views" would read as a flop.
  const viewCount = video.kind === "upcoming" ? null : video.viewCount;
  const privacyLabel =
    video.privacyStatus === "unlisted" || video.privacyStatus === "private"
      ? PRIVACY_LABELS[video.privacyStatus]
      : null;

  return (
    <li
      className={cx(
        "relative flex flex-col overflow-hidden rounded-card border bg-surface shadow-card transition-[box-shadow,border-color]",
        isSelected ? "border-brand ring-2 ring-brand" : "border-border",
        !isDisabled && !isSelected && "hover:border-border-strong",
        video.alreadyImported && "opacity-90",
      )}
    >
      {/* Makes the whole card a click target for the checkbox; empty, so it adds nothing to read. */}
      <label
        htmlFor={checkboxId}
        aria-hidden="true"
        className={cx("absolute inset-0 z-[1]", isDisabled ? "cursor-default" : "cursor-pointer")}
      />

      <VideoThumbnail
        src={video.thumbnailUrl}
        title={video.title}
        kind={video.kind}
        durationSeconds={video.durationSeconds}
      >
        <span
          className={cx(
            "absolute top-2 left-2 z-[2] flex items-center gap-2 rounded-control border px-2 py-1.5 text-xs font-semibold shadow-sm",
            unselectableReason === "imported"
              ? "border-success/40 bg-surface text-success-fg"
              : "border-border bg-surface/95 text-foreground",
          )}
        >
          <input
            id={checkboxId}
            type="checkbox"
            checked={isSelected}
            disabled={isDisabled}
            onChange={() => onToggle(video.videoId)}
            aria-labelledby={titleId}
            aria-describedby={describedBy}
            className="size-4.5 cursor-pointer accent-brand disabled:cursor-not-allowed"
          />
          {reasonText ? (
            <span id={reasonId} className="flex items-center gap-1">
              {unselectableReason === "imported" ? <CheckIcon className="size-3.5" /> : null}
              {unselectableReason === "importing" ? <Spinner className="size-3.5" /> : null}
              {reasonText}
            </span>
          ) : null}
        </span>
      </VideoThumbnail>

      <div className="flex flex-1 flex-col p-4">
        <p className="flex flex-wrap items-center gap-x-2 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
          <span>{VIDEO_KIND_LABELS[video.kind]}</span>
          {privacyLabel ? (
            <>
              <span aria-hidden="true">·</span>
              <span>{privacyLabel}</span>
            </>
          ) : null}
        </p>
        <h3
          id={titleId}
          className="mt-1 line-clamp-2 text-sm leading-snug font-semibold sm:text-base"
          title={video.title}
        >
          {video.title}
        </h3>
        <p className="mt-auto flex flex-wrap gap-x-1.5 pt-2 text-sm text-muted-foreground">
          {viewCount !== null ? (
            <span title={`${formatNumber(viewCount)} YouTube views`}>{formatViews(viewCount)}</span>
          ) : null}
          {viewCount !== null && video.publishedAt ? <span aria-hidden="true">·</span> : null}
          {video.publishedAt ? (
            <time dateTime={video.publishedAt.toISOString()} title={formatDateTime(video.publishedAt)}>
              {video.kind === "upcoming"
                ? `Scheduled ${formatRelativeTime(video.publishedAt)}`
                : formatRelativeTime(video.publishedAt)}
            </time>
          ) : null}
        </p>
      </div>
    </li>
  );
}
