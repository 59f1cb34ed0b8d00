/** A portfolio's filters, as its `?tool=` / `?category=` search params carry them (tag slugs). */
export type PortfolioFilters = { tool?: string; category?: string };

/** `/u/<handle>` with these filters, in a stable order so links to the same view compare equal. */
export function portfolioHref(handle: string, filters: PortfolioFilters = {}): string {
  const params = new URLSearchParams();
  if (filters.tool) params.set("tool", filters.tool);
  if (filters.category) params.set("category", filters.category);
  const query = params.toString();
  return `/u/${encodeURIComponent(handle)}${query ? `?${query}` : ""}`;
}

/** The privacy-enhanced player: YouTube sets no cookies until the visitor presses play. */
export function embedUrl(youtubeVideoId: string): string {
  return `https://www.youtube-nocookie.com/embed/${encodeURIComponent(youtubeVideoId)}?rel=0`;
}

export function watchUrl(youtubeVideoId: string): string {
  return `https://www.youtube.com/watch?v=${encodeURIComponent(youtubeVideoId)}`;
}
