/**
 * How old a project's YouTube data may be before Showreel stops showing it. YouTube's developer policies
 * (docs/operations.md, "YouTube data freshness and revocation") allow stored API data for at most 30
 * calendar days before it is refreshed or deleted; projects.refresh renews it well before, and whatever it
 * could not renew is hidden here, on every read, rather than shown stale.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

/** The policy's limit: data read longer ago than this is never sent to a client. */
export const YOUTUBE_DATA_MAX_AGE_MS = 30 * DAY_MS;

type StatsSource = {
  youtubeDataAt: Date;
  availability: "available" | "private" | "deleted";
  youtubeDetailsRemovedAt: Date | null;
};

/**
 * Whether a project's YouTube numbers (views, likes, comments) may be shown: read within the limit, of a
 * video YouTube still has (a private one is read with its owner's token), and not removed with the owner's
 * authorization.
 */
export function hasCurrentStats(row: StatsSource, now: Date = new Date()): boolean {
  return (
    row.availability !== "deleted" &&
    row.youtubeDetailsRemovedAt === null &&
    now.getTime() - row.youtubeDataAt.getTime() <= YOUTUBE_DATA_MAX_AGE_MS
  );
}
