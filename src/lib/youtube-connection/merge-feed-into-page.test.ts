import { describe, expect, it } from "vitest";
import { FEED_WINDOW, type FeedEntry } from "~/lib/youtube/feed";
import { mergeFeedIntoPage, type FeedForMerge } from "./merge-feed-into-page";
import type { MyVideosPageBody } from "./my-videos-page-cache";

type MyVideo = MyVideosPageBody["items"][number];
const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.parse("2026-12-08T12:00:00Z");
/** A day's publication time: day 0 is now, day 3 three days ago. */
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS);
const idOf = (n: number) => `video${String(n).padStart(6, "0")}`;

function item(n: number, overrides: Partial<MyVideo> = {}): MyVideo {
  return {
    videoId: idOf(n),
    title: `Upload ${n}`,
    thumbnailUrl: `https://i.ytimg.com/vi/${idOf(n)}/maxresdefault.jpg`,
    durationSeconds: 300 + n,
    viewCount: 1_000 + n,
    publishedAt: daysAgo(n),
    kind: "video",
    privacyStatus: "public",
    ...overrides,
  };
}

function entry(n: number, overrides: Partial<FeedEntry> = {}): FeedEntry {
  return {
    videoId: idOf(n),
    channelId: "UCmerge0000000000000000",
    title: `Upload ${n}`,
    publishedAt: daysAgo(n),
    updatedAt: null,
    isShort: false,
    thumbnailUrl: `https://i.ytimg.com/vi/${idOf(n)}/hqdefault.jpg`,
    viewCount: 1_000 + n,
    ...overrides,
  };
}

function page(items: MyVideo[], overrides: Partial<MyVideosPageBody> = {}): MyVideosPageBody {
  return { items, nextPageToken: null, prevPageToken: null, totalResults: items.length, ...overrides };
}

const feedOf = (entries: FeedEntry[], deletedVideoIds: string[] = []): FeedForMerge => ({ entries, deletedVideoIds });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const FIRST = { isFirstPage: true };
const LATER = { isFirstPage: false };

describe("mergeFeedIntoPage", () => {
  it("finds nothing to change when the feed shows what the page shows", () => {
    expect(
      mergeFeedIntoPage(page(range(1, 5).map((n) => item(n))), feedOf(range(1, 5).map((n) => entry(n))), FIRST),
    ).toEqual({
      outcome: "unchanged",
    });
  });

  it("puts a new public upload first on the first page, as the feed describes it, with no duration yet", () => {
    const stored = page(range(1, 5).map((n) => item(n)));
    const merge = mergeFeedIntoPage(
      stored,
      feedOf([entry(0, { title: "Just out", isShort: true }), ...range(1, 5).map((n) => entry(n))]),
      FIRST,
    );
    expect(merge).toMatchObject({ outcome: "merged", added: 1, updated: 0 });
    if (merge.outcome !== "merged") return;
    expect(merge.body.items.map((video) => video.videoId)).toEqual(range(0, 5).map(idOf));
    expect(merge.body.items[0]).toEqual({
      videoId: idOf(0),
      title: "Just out",
      thumbnailUrl: `https://i.ytimg.com/vi/${idOf(0)}/hqdefault.jpg`,
      durationSeconds: null,
      viewCount: 1_000,
      publishedAt: daysAgo(0),
      kind: "short",
      privacyStatus: "public",
    });
    // The videos already there are kept as the Data API gave them.
    expect(merge.body.items.slice(1)).toEqual(stored.items);
    expect(merge.body.totalResults).toBe(6);
  });

  it("takes a renamed title, a new view count, and a private video made public from the feed", () => {
    const stored = page([
      item(1),
      item(2, { privacyStatus: "private" }),
      item(3),
      item(4, { privacyStatus: "unlisted" }),
    ]);
    const merge = mergeFeedIntoPage(
      stored,
      feedOf([entry(1, { title: "Renamed" }), entry(2), entry(3, { viewCount: 99_999 })]),
      FIRST,
    );
    expect(merge).toMatchObject({ outcome: "merged", added: 0, updated: 3 });
    if (merge.outcome !== "merged") return;
    expect(merge.body.items).toEqual([
      { ...item(1), title: "Renamed" },
      { ...item(2), privacyStatus: "public" },
      { ...item(3), viewCount: 99_999 },
      // Unlisted videos are never in the feed: absent is what it should be.
      item(4, { privacyStatus: "unlisted" }),
    ]);
  });

  it("asks the Data API when a public video the feed must list is missing from it, or named by a tombstone", () => {
    const stored = page(range(1, 5).map((n) => item(n)));
    expect(mergeFeedIntoPage(stored, feedOf([1, 2, 4, 5].map((n) => entry(n))), FIRST)).toEqual({
      outcome: "revalidate",
      reason: "gone-from-feed",
    });
    expect(
      mergeFeedIntoPage(
        stored,
        feedOf(
          range(1, 5).map((n) => entry(n)),
          [idOf(3)],
        ),
        FIRST,
      ),
    ).toEqual({
      outcome: "revalidate",
      reason: "tombstone",
    });
    // Of unknown privacy: it may have been public, so it is asked about too.
    const unknown = page([item(1), item(2, { privacyStatus: null })]);
    expect(mergeFeedIntoPage(unknown, feedOf([entry(1)]), FIRST)).toMatchObject({ outcome: "revalidate" });
  });

  it("expects only the newest FEED_WINDOW in a full feed: an older video absent from it is not a change", () => {
    // A page of the 20 newest; the feed lists 0–14 after a new upload (0) pushed 14 out of its window.
    const stored = page(
      range(1, 20).map((n) => item(n)),
      { nextPageToken: "NEXT" },
    );
    const full = feedOf(range(0, FEED_WINDOW - 1).map((n) => entry(n)));
    const merge = mergeFeedIntoPage(stored, full, FIRST);
    expect(merge).toMatchObject({ outcome: "merged", added: 1 });
    if (merge.outcome !== "merged") return;
    expect(merge.body.items).toHaveLength(21);
    // Within the window, a missing public video is still a change.
    const withoutFive = feedOf(
      range(0, FEED_WINDOW)
        .filter((n) => n !== 5)
        .map((n) => entry(n)),
    );
    expect(mergeFeedIntoPage(stored, withoutFive, FIRST)).toMatchObject({ outcome: "revalidate" });
  });

  it("leaves a later page as it is for an upload newer than it, and takes one that falls within its span", () => {
    const later = page(
      range(11, 15).map((n) => item(n)),
      { nextPageToken: "MORE", prevPageToken: "BACK" },
    );
    const feed = range(0, FEED_WINDOW - 1).map((n) => entry(n));
    expect(mergeFeedIntoPage(later, feedOf(feed), LATER)).toEqual({ outcome: "unchanged" });
    // A video from 12.5 days ago made public: it belongs between 12 and 13.
    const between = entry(99, { publishedAt: new Date(NOW - 12.5 * DAY_MS) });
    const merge = mergeFeedIntoPage(later, feedOf([...feed, between]), LATER);
    expect(merge).toMatchObject({ outcome: "merged", added: 1 });
    if (merge.outcome !== "merged") return;
    expect(merge.body.items.map((video) => video.videoId)).toEqual([11, 12, 99, 13, 14, 15].map(idOf));
    expect(merge.body.nextPageToken).toBe("MORE");
  });

  it("adds to the last page an upload older than its last video, and not to a page that has more after it", () => {
    const older = entry(30);
    const lastPage = page(range(1, 5).map((n) => item(n)));
    expect(mergeFeedIntoPage(lastPage, feedOf([...range(1, 5).map((n) => entry(n)), older]), FIRST)).toMatchObject({
      outcome: "merged",
      added: 1,
    });
    const notLast = page(
      range(1, 5).map((n) => item(n)),
      { nextPageToken: "NEXT" },
    );
    expect(mergeFeedIntoPage(notLast, feedOf([...range(1, 5).map((n) => entry(n)), older]), FIRST)).toEqual({
      outcome: "unchanged",
    });
  });

  it("fills an empty first page from the feed", () => {
    const merge = mergeFeedIntoPage(page([], { totalResults: 0 }), feedOf([entry(2), entry(1)]), FIRST);
    expect(merge).toMatchObject({ outcome: "merged", added: 2 });
    if (merge.outcome !== "merged") return;
    expect(merge.body.items.map((video) => video.videoId)).toEqual([idOf(1), idOf(2)]);
    expect(merge.body.totalResults).toBe(2);
  });
});
