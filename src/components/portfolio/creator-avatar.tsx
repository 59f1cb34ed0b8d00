"use client";

import { useState } from "react";

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? "") + (words.length > 1 ? (words.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}

/** The creator's picture, or their initials when they have none or its host no longer serves it. */
export function CreatorAvatar({ name, src }: { name: string; src: string | null }) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  return (
    <span className="relative flex size-20 shrink-0 overflow-hidden rounded-full bg-brand-soft ring-4 ring-surface sm:size-24">
      {src && src !== failedSrc ? (
        // A plain <img>: pictures come from Google's (or the emulator's) hosts, which next/image would need configured.
        <img src={src} alt="" decoding="async" onError={() => setFailedSrc(src)} className="size-full object-cover" />
      ) : (
        <span
          aria-hidden="true"
          className="flex size-full items-center justify-center text-2xl font-semibold text-brand-text"
        >
          {initials(name)}
        </span>
      )}
    </span>
  );
}
