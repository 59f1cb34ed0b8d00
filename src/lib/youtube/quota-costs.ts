/**
 * YouTube Data API unit costs (developers.google.com/youtube/v3/determine_quota_cost). Every request costs
 * at least its method's units — errors and 304s included — and each extra page is billed again. The only
 * place these numbers live: reserve with `quotaCostOf(method)`, never an inline literal.
 */
export const QUOTA_COSTS = {
  "channels.list": 1,
  "playlistItems.list": 1,
  "videos.list": 1,
  "playlists.list": 1,
  "subscriptions.list": 1,
  "search.list": 100,
  "playlistItems.insert": 50,
  "videos.update": 50,
} as const;

export type YouTubeMethod = keyof typeof QUOTA_COSTS;

export function quotaCostOf(method: YouTubeMethod): number {
  return QUOTA_COSTS[method];
}

/** videos.list and channels.list accept at most this many comma-separated ids per call. */
export const MAX_IDS_PER_CALL = 50;
/** playlistItems.list pages hold at most this many items. */
export const MAX_PAGE_SIZE = 50;
