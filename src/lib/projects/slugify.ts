/**
 * Readable URL slugs from titles in any script: Latin accents are folded ("Café" → "cafe"); letters and
 * digits of other scripts are kept as they are ("東京の夜" stays readable, browsers show it decoded).
 */
const MAX_SLUG_LENGTH = 80;

export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/g, "");
  return slug || "video";
}

/** Unique per user by construction: the video id is unique per user, so `<slug>-<videoId>` never collides. */
export function projectSlug(title: string, videoId: string): string {
  return `${slugify(title)}-${videoId}`;
}
