"use client";

import { useState, type ReactNode } from "react";
import { cx } from "~/components/ui/class-names";
import { formatDuration, toIsoDuration } from "~/components/ui/format-number";
import { FilmIcon } from "~/components/ui/media-icons";

export type VideoKind = "video" | "short" | "live" | "upcoming";

/** How each kind is named on cards; one list so My Videos and Projects agree. */
export const VIDEO_KIND_LABELS: Record<VideoKind, string> = {
  video: "Video",
  short: "Short",
  live: "Live stream",
  upcoming: "Upcoming",
};

const OVERLAY_CLASSES = "absolute right-2 bottom-2 rounded-md px-1.5 py-0.5 text-xs font-semibold shadow-sm";

/**
 * The corner label players show: the length, "LIVE" while a stream is on air (YouTube reports no length
 * for it yet), "Upcoming" for a scheduled premiere. An ended stream stays kind "live" but has a length, so
 * it shows the length like any video.
 */
function DurationOverlay({ kind, durationSeconds }: { kind: VideoKind; durationSeconds: number | null }) {
  if (kind === "upcoming") {
    return <span className={cx(OVERLAY_CLASSES, "bg-black/75 text-white")}>Upcoming</span>;
  }
  if (durationSeconds === null || durationSeconds <= 0) {
    return kind === "live" ? (
      <span className={cx(OVERLAY_CLASSES, "bg-[#cc0000] tracking-wide text-white")}>
        LIVE<span className="sr-only"> now</span>
      </span>
    ) : null;
  }
  return (
    <span className={cx(OVERLAY_CLASSES, "bg-black/75 font-mono text-white")}>
      <span className="sr-only">Length </span>
      <time dateTime={toIsoDuration(durationSeconds)}>{formatDuration(durationSeconds)}</time>
    </span>
  );
}

export type VideoThumbnailProps = {
  src: string | null;
  /** The image's alt text: the video's title. */
  title: string;
  kind: VideoKind;
  durationSeconds: number | null;
  /** Extra overlays (a selection checkbox, an "Imported" mark), positioned by the caller. */
  children?: ReactNode;
  className?: string;
};

/** A 16:9 thumbnail with the player-style length in the corner; lazy-loaded, as grids hold dozens. */
export function VideoThumbnail({ src, title, kind, durationSeconds, children, className }: VideoThumbnailProps) {
  // A thumbnail YouTube no longer serves (or an offline host) shows the placeholder, not a broken image.
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  return (
    <div className={cx("relative aspect-video overflow-hidden bg-surface-muted", className)}>
      {src && src !== failedSrc ? (
        // A plain <img>: thumbnails come from YouTube's (or the emulator's) hosts, which next/image would need configured.
        <img
          src={src}
          alt={title}
          loading="lazy"
          decoding="async"
          onError={() => setFailedSrc(src)}
          className="size-full object-cover"
        />
      ) : (
        <div role="img" aria-label={title} className="flex size-full items-center justify-center text-muted-foreground">
          <FilmIcon className="size-8" />
        </div>
      )}
      <DurationOverlay kind={kind} durationSeconds={durationSeconds} />
      {children}
    </div>
  );
}
