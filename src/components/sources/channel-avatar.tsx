"use client";

import { useState } from "react";
import { cx } from "~/components/ui/class-names";
import { channelInitials } from "./source-status";

/** A channel's round picture; its initials when it has none or YouTube no longer serves it. */
export function ChannelAvatar({ title, src, className }: { title: string; src: string | null; className?: string }) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const alt = `${title} channel picture`;
  return (
    <span className={cx("relative flex size-12 shrink-0 overflow-hidden rounded-full bg-brand-soft", className)}>
      {src && src !== failedSrc ? (
        // A plain <img>: pictures come from YouTube's (or the emulator's) hosts, which next/image would need configured.
        <img
          src={src}
          alt={alt}
          loading="lazy"
          decoding="async"
          onError={() => setFailedSrc(src)}
          className="size-full object-cover"
        />
      ) : (
        <span
          role="img"
          aria-label={alt}
          className="flex size-full items-center justify-center text-base font-semibold text-brand-text"
        >
          <span aria-hidden="true">{channelInitials(title)}</span>
        </span>
      )}
    </span>
  );
}
