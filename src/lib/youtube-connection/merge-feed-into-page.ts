/**
 * What a changed channel feed means for one stored My Videos page, worked out without YouTube's Data API.
 *
 * The feed (no quota) lists the channel's FEED_WINDOW newest public videos with their titles, thumbnails and
 * view counts. A stored page is a slice of the uploads list (newest first) as the Data API gave it. When the
 * feed has changed since the page was last confirmed, most changes can be applied to the page from the feed
 * alone:
 *   - a new public upload whose publication falls in the page's span (or before its first video, on the
 *     first page; after its last, on the last page) is inserted in order, with what the feed knows of it:
 *     no duration until the page is next read from the Data API;
 *   - a video on the page whose title changed takes the feed's title; one that was private or unlisted and
 *     is in the feed is public now; a video on the page in the feed takes the feed's view count;
 *   - a change that concerns other pages (an upload newer than this page, a rename elsewhere) leaves it as
 *     it is.
 * What the feed cannot explain is left to the Data API: a public video of the page, recent enough that the
 * feed must list it, missing from it (deleted, made private or unlisted: the feed cannot say which), or
 * named by one of the feed's deletion tombstones. Pure: list-my-videos.ts decides what to do with the answer.
 */
import type { FeedEntry } from "~/lib/youtube/feed";
import { FEED_WINDOW } from "~/lib/youtube/feed";
import type { MyVideosPageBody } from "./my-videos-page-cache";

type MyVideo = MyVideosPageBody["items"][number];

export type FeedForMerge = { entries: readonly FeedEntry[]; deletedVideoIds: readonly string[] };

export type FeedMerge =
  /** Nothing on this page changed: it is current as stored. */
  | { outcome: "unchanged" }
  /** The page with the feed's changes applied; `added` new uploads, `updated` videos changed in place. */
  | { outcome: "merged"; body: MyVideosPageBody; added: number; updated: number }
  /** The feed shows a change it cannot describe: the Data API must be asked. */
  | { outcome: "revalidate"; reason: "gone-from-feed" | "tombstone" };

/** The feed's view of a video already on the page, or null when nothing the grid shows differs. */
function updatedFrom(item: MyVideo, entry: FeedEntry): MyVideo | null {
  const viewCount = entry.viewCount ?? item.viewCount;
  const privacyStatus = "public";
  if (item.title === entry.title && item.viewCount === viewCount && item.privacyStatus === privacyStatus) return null;
  return { ...item, title: entry.title, viewCount, privacyStatus };
}

/** A video the page has not seen, as the feed describes it (the Data API's duration comes with the next read). */
function itemFrom(entry: FeedEntry): MyVideo {
  return {
    videoId: entry.videoId,
    title: entry.title,
    thumbnailUrl: entry.thumbnailUrl,
    durationSeconds: null,
    viewCount: entry.viewCount,
    publishedAt: entry.publishedAt,
    kind: entry.isShort ? "short" : "video",
    privacyStatus: "public",
  };
}

const timeOf = (date: Date | null) => date?.getTime() ?? null;

export function mergeFeedIntoPage(
  page: MyVideosPageBody,
  feed: FeedForMerge,
  position: { isFirstPage: boolean },
): FeedMerge {
  const deleted = new Set(feed.deletedVideoIds);
  if (page.items.some((item) => deleted.has(item.videoId))) return { outcome: "revalidate", reason: "tombstone" };

  const entries = new Map(feed.entries.map((entry) => [entry.videoId, entry]));
  // A full feed shows only the newest FEED_WINDOW: a video published before its oldest may rightly be absent.
  // A shorter feed lists every public video the channel has.
  const isComplete = feed.entries.length < FEED_WINDOW;
  const windowStart = isComplete ? null : Math.min(...feed.entries.map((entry) => entry.publishedAt.getTime()));

  let updated = 0;
  const items: MyVideo[] = [];
  for (const item of page.items) {
    const entry = entries.get(item.videoId);
    if (entry) {
      const changed = updatedFrom(item, entry);
      if (changed) updated += 1;
      items.push(changed ?? item);
      continue;
    }
    // Private and unlisted videos are never in the feed. Anything else (public, or of unknown privacy) recent
    // enough to be listed and absent was deleted or hidden, or is a kind the feed may leave out: ask.
    const published = timeOf(item.publishedAt);
    const mustBeListed =
      item.privacyStatus !== "private" &&
      item.privacyStatus !== "unlisted" &&
      (windowStart === null || published === null || published >= windowStart);
    if (mustBeListed) return { outcome: "revalidate", reason: "gone-from-feed" };
    items.push(item);
  }

  // The page's span of publication times; an empty page (a channel with nothing yet) spans everything.
  const times = page.items.map((item) => timeOf(item.publishedAt)).filter((time) => time !== null);
  const newest = times.length > 0 ? Math.max(...times) : Number.POSITIVE_INFINITY;
  const oldest = times.length > 0 ? Math.min(...times) : Number.NEGATIVE_INFINITY;
  const isLastPage = page.nextPageToken === null;
  const onPage = new Set(page.items.map((item) => item.videoId));
  const added = feed.entries
    .filter((entry) => !onPage.has(entry.videoId))
    .filter((entry) => {
      const published = entry.publishedAt.getTime();
      return (position.isFirstPage || published <= newest) && (isLastPage || published >= oldest);
    });
  if (added.length === 0 && updated === 0) return { outcome: "unchanged" };

  return {
    outcome: "merged",
    body: {
      ...page,
      items: withInserted(items, added),
      totalResults: page.totalResults === null ? null : page.totalResults + added.length,
    },
    added: added.length,
    updated,
  };
}

/**
 * The page's videos in YouTube's order, with each new one placed before the first dated video published
 * before it or at the same instant: new uploads lead, as YouTube lists them.
 */
function withInserted(items: readonly MyVideo[], added: readonly FeedEntry[]): MyVideo[] {
  const result = [...items];
  for (const entry of [...added].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())) {
    const published = entry.publishedAt.getTime();
    const at = result.findIndex((other) => {
      const time = timeOf(other.publishedAt);
      return time !== null && time <= published;
    });
    result.splice(at === -1 ? result.length : at, 0, itemFrom(entry));
  }
  return result;
}
