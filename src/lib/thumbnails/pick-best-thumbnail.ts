/**
 * The one rule for choosing a thumbnail: the largest size YouTube actually sent. Any key may be missing
 * (maxres for low-resolution uploads, standard for older ones, all of them for private items), so URLs are
 * never built by hand.
 */
const THUMBNAIL_PREFERENCE = ["maxres", "standard", "high", "medium", "default"] as const;

export type Thumbnails = Partial<Record<string, { url?: string | undefined } | undefined>>;

export function pickBestThumbnail(thumbnails: Thumbnails | null | undefined): string | null {
  if (!thumbnails) return null;
  for (const key of THUMBNAIL_PREFERENCE) {
    const url = thumbnails[key]?.url;
    if (url) return url;
  }
  return null;
}
