/**
 * The My Videos quota model (issue 22): the Data API units a day My Videos spends at 100K users with 10 %
 * of them active, now that pages are stored in Postgres and, once older than MY_VIDEOS_MAX_AGE_SECONDS,
 * checked against the channel's public feed (no quota), changed from the feed when it can describe the
 * change, and revalidated by ETag only when it cannot (src/lib/youtube-connection/list-my-videos.ts,
 * merge-feed-into-page.ts), against the interactive share of the daily quota. Pure arithmetic
 * (bench/lib/my-videos-units.test.ts pins it down); `npx tsx bench/lib/my-videos-units.ts` prints it with the
 * defaults, and the api-load benchmark prints `formatMyVideosUnitsModel()`.
 *
 * How a day is modelled. An active user opens My Videos `visitsPerActiveUser` times, visits farther apart
 * than the max age (so each visit finds its pages aged), each lasting `visitMinutes` and loading
 * `pageViewsPerActiveUser` pages in all, spread over `pagesPerVisit` distinct pages (first page, next…,
 * back to the first after an import). The creator's channel changes publicly `publicChangesPerActiveUser`
 * times a day (an upload, a rename, a removal), spread over the visits. An upload or a rename is applied to
 * the stored page from the feed: 0 units. A removal (`removalShare` of the changes: deleted, made private or
 * unlisted; the feed cannot say which) sends the one page that showed the video to the Data API, once:
 * playlistItems.list (1 unit) plus videos.list (1 unit per ≤ 50 ids); the visit's other pages are not
 * concerned. Refresh presses (`refreshShare` of page views) each revalidate once more, changed or not
 * (`changedShare`; a 304 still bills the playlist call, and a page changed from the feed has changed at
 * YouTube too, so it is among the changed).
 * For comparison the model also prints what the same day cost before: revalidating every aged page the feed
 * changed on (before pages were changed from the feed), and revalidating by age alone (before the feed check):
 * at most once per max age within a visit, never more often than a page is loaded.
 */

/** Google's default daily quota and sync's share of it (src/env.ts defaults: YOUTUBE_DAILY_QUOTA, SYNC_QUOTA_SHARE). */
export const DEFAULT_DAILY_QUOTA = 10_000;
export const DEFAULT_SYNC_QUOTA_SHARE = 0.8;
/** videos.list takes up to 50 ids for one unit (src/lib/youtube/quota-costs.ts). */
const IDS_PER_VIDEOS_LIST_CALL = 50;

export type MyVideosUnitsInput = {
  users: number;
  /** Share of users who use Showreel on a given day. */
  activeShare: number;
  /** Assumption: My Videos pages an active user loads a day (reloads and returns after an import included). */
  pageViewsPerActiveUser: number;
  /** Assumption: separate visits a day, farther apart than the max age. */
  visitsPerActiveUser: number;
  /** Assumption: distinct pages a visit loads. */
  pagesPerVisit: number;
  /** Assumption: how long a visit lasts, in minutes. */
  visitMinutes: number;
  /** MY_VIDEOS_MAX_AGE_SECONDS. */
  maxAgeSeconds: number;
  /** Share of page views followed by a Refresh press. */
  refreshShare: number;
  /** Share of Refresh presses YouTube answers 200 (the page changed) rather than 304. */
  changedShare: number;
  /** Assumption: public uploads, removals or renames a day on an active user's channel (what changes its feed). */
  publicChangesPerActiveUser: number;
  /** Assumption: share of those changes that are removals (deleted, made private or unlisted), which the feed cannot describe. */
  removalShare: number;
  /** Items per page (the UI asks for 24). */
  pageSize: number;
  dailyQuota: number;
  syncQuotaShare: number;
};

export const DEFAULT_MY_VIDEOS_UNITS_INPUT: MyVideosUnitsInput = {
  users: 100_000,
  activeShare: 0.1,
  pageViewsPerActiveUser: 12,
  visitsPerActiveUser: 2,
  pagesPerVisit: 2,
  visitMinutes: 15,
  maxAgeSeconds: 600,
  refreshShare: 0.05,
  changedShare: 0.1,
  publicChangesPerActiveUser: 0.3,
  removalShare: 0.1,
  pageSize: 24,
  dailyQuota: DEFAULT_DAILY_QUOTA,
  syncQuotaShare: DEFAULT_SYNC_QUOTA_SHARE,
};

export type MyVideosUnitsModel = {
  input: MyVideosUnitsInput;
  activeUsers: number;
  /** Loads of one page within one visit. */
  viewsPerPagePerVisit: number;
  /** Changes a day applied to stored pages from the feed, for no unit (uploads and renames). */
  mergesPerActiveUser: number;
  /** Chance that a visit finds a removal on its channel: the page that showed the video is revalidated. */
  revalidationsPerVisit: number;
  revalidationsPerActiveUser: number;
  /** Units of a revalidation the feed asked for: the page changed, so playlistItems.list and videos.list. */
  unitsPerRevalidation: number;
  refreshesPerActiveUser: number;
  /** Units of one Refresh on average: 1 for the playlist call, plus videos.list when the page changed. */
  unitsPerRefresh: number;
  unitsPerDay: number;
  /** Revalidating every aged page whose feed changed, as before pages were changed from the feed. */
  unitsPerDayWithoutMerging: number;
  /** Revalidating every aged page by ETag, without the feed check: at most once per max age per visit. */
  unitsPerDayByAgeAlone: number;
  /** Without the store (every page view asks YouTube, as the per-process cache did at scale): 1 + videos.list per view. */
  unitsPerDayWithoutStore: number;
  /** What interactive work keeps when background sync spends its whole share. */
  interactiveShareUnits: number;
  fits: boolean;
  /** The smallest YOUTUBE_DAILY_QUOTA whose interactive share holds My Videos at this load. */
  dailyQuotaNeeded: number;
  /** Active users a day My Videos can serve within the interactive share at `dailyQuota`. */
  activeUsersThatFit: number;
};

function assertInput(input: MyVideosUnitsInput): void {
  for (const [name, value] of Object.entries(input)) {
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`my-videos units model: ${name} must be a number ≥ 0, got ${value}`);
  }
  for (const name of ["activeShare", "refreshShare", "changedShare", "removalShare", "syncQuotaShare"] as const) {
    if (input[name] > 1) throw new Error(`my-videos units model: ${name} is a share (0–1), got ${input[name]}`);
  }
  for (const name of [
    "visitsPerActiveUser",
    "pagesPerVisit",
    "visitMinutes",
    "maxAgeSeconds",
    "pageSize",
    "dailyQuota",
  ] as const) {
    if (input[name] === 0) throw new Error(`my-videos units model: ${name} must be > 0`);
  }
}

/** Rounds away binary-fraction noise (0.1 × 3 = 0.30000000000000004) before a ceiling or floor. */
const exact = (value: number) => Math.round(value * 1e6) / 1e6;

export function myVideosUnitsModel(overrides: Partial<MyVideosUnitsInput> = {}): MyVideosUnitsModel {
  const input = { ...DEFAULT_MY_VIDEOS_UNITS_INPUT, ...overrides };
  assertInput(input);
  const activeUsers = Math.round(input.users * input.activeShare);
  const viewsPerPagePerVisit = input.pageViewsPerActiveUser / (input.visitsPerActiveUser * input.pagesPerVisit);
  const pagesPerDay = input.visitsPerActiveUser * input.pagesPerVisit;
  const removalsPerActiveUser = input.publicChangesPerActiveUser * input.removalShare;
  const mergesPerActiveUser = input.publicChangesPerActiveUser - removalsPerActiveUser;
  const revalidationsPerVisit = Math.min(1, removalsPerActiveUser / input.visitsPerActiveUser);
  const revalidationsPerActiveUser = input.visitsPerActiveUser * revalidationsPerVisit;
  const refreshesPerActiveUser = input.pageViewsPerActiveUser * input.refreshShare;
  const videosListUnits = Math.ceil(input.pageSize / IDS_PER_VIDEOS_LIST_CALL);
  const unitsPerRevalidation = 1 + videosListUnits;
  const unitsPerRefresh = 1 + input.changedShare * videosListUnits;
  const refreshUnitsPerActiveUser = refreshesPerActiveUser * unitsPerRefresh;
  const unitsPerDay = Math.ceil(
    exact(activeUsers * (revalidationsPerActiveUser * unitsPerRevalidation + refreshUnitsPerActiveUser)),
  );
  // Before merging: every aged page of a visit whose feed changed at all was revalidated.
  const changedPagesPerActiveUser =
    pagesPerDay * Math.min(1, input.publicChangesPerActiveUser / input.visitsPerActiveUser);
  const unitsPerDayWithoutMerging = Math.ceil(
    exact(activeUsers * (changedPagesPerActiveUser * unitsPerRevalidation + refreshUnitsPerActiveUser)),
  );
  const ageRevalidationsPerPagePerVisit = Math.min(
    viewsPerPagePerVisit,
    Math.ceil((input.visitMinutes * 60) / input.maxAgeSeconds),
  );
  const unitsPerDayByAgeAlone = Math.ceil(
    exact(activeUsers * (pagesPerDay * ageRevalidationsPerPagePerVisit + refreshesPerActiveUser) * unitsPerRefresh),
  );
  const unitsPerDayWithoutStore = Math.ceil(exact(activeUsers * input.pageViewsPerActiveUser * (1 + videosListUnits)));
  const interactiveShare = exact(1 - input.syncQuotaShare);
  const interactiveShareUnits = Math.floor(exact(input.dailyQuota * interactiveShare));
  const unitsPerActiveUser = unitsPerDay / Math.max(activeUsers, 1);
  return {
    input,
    activeUsers,
    viewsPerPagePerVisit,
    mergesPerActiveUser,
    revalidationsPerVisit,
    revalidationsPerActiveUser,
    unitsPerRevalidation,
    refreshesPerActiveUser,
    unitsPerRefresh,
    unitsPerDay,
    unitsPerDayWithoutMerging,
    unitsPerDayByAgeAlone,
    unitsPerDayWithoutStore,
    interactiveShareUnits,
    fits: unitsPerDay <= interactiveShareUnits,
    dailyQuotaNeeded:
      interactiveShare > 0 ? Math.ceil(exact(unitsPerDay / interactiveShare)) : Number.POSITIVE_INFINITY,
    activeUsersThatFit:
      unitsPerActiveUser > 0 ? Math.floor(exact(interactiveShareUnits / unitsPerActiveUser)) : Number.POSITIVE_INFINITY,
  };
}

const number = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** The model as printable lines, with the max ages around the configured one for comparison. */
export function formatMyVideosUnitsModel(overrides: Partial<MyVideosUnitsInput> = {}): string[] {
  const model = myVideosUnitsModel(overrides);
  const { input } = model;
  const lines = [
    `My Videos units/day model: ${number(input.users)} users, ${number(input.activeShare * 100)} % active a day = ${number(model.activeUsers)} active users`,
    `  assumptions per active user: ${number(input.pageViewsPerActiveUser)} page views in ${number(input.visitsPerActiveUser)} visits of ${number(input.visitMinutes)} min over ${number(input.pagesPerVisit)} pages each; ` +
      `${number(input.publicChangesPerActiveUser)} public uploads, removals or renames a day, ${number(input.removalShare * 100)} % of them removals; ` +
      `${number(input.refreshShare * 100)} % of views refreshed, ${number(input.changedShare * 100)} % of them finding the page changed; pages of ${input.pageSize}`,
    `  aged pages checked against the channel's feed (0 units); ${number(model.mergesPerActiveUser)} uploads and renames per active user applied from the feed (0 units); ` +
      `${number(model.revalidationsPerActiveUser)} revalidations per active user for removals at ${number(model.unitsPerRevalidation)} units, ` +
      `+ ${number(model.refreshesPerActiveUser)} refreshes at ${number(model.unitsPerRefresh)} units`,
    `  My Videos: ${number(model.unitsPerDay)} units/day (revalidating every page the feed changed on: ${number(model.unitsPerDayWithoutMerging)}; ` +
      `by age alone, max age ${number(input.maxAgeSeconds)} s: ${number(model.unitsPerDayByAgeAlone)}; without the stored pages: ${number(model.unitsPerDayWithoutStore)})`,
    `  interactive share at YOUTUBE_DAILY_QUOTA=${number(input.dailyQuota)}, SYNC_QUOTA_SHARE=${input.syncQuotaShare}: ${number(model.interactiveShareUnits)} units/day → ` +
      `${model.fits ? "fits" : "does NOT fit"} (interactive work may also take what sync leaves of the ${number(input.dailyQuota)}); the share holds ${number(model.activeUsersThatFit)} active users; this load needs YOUTUBE_DAILY_QUOTA ≥ ${number(model.dailyQuotaNeeded)}`,
  ];
  for (const refreshShare of [0, 0.01, 0.05, 0.1]) {
    if (refreshShare === input.refreshShare) continue;
    const other = myVideosUnitsModel({ ...input, refreshShare });
    lines.push(
      `  at ${number(refreshShare * 100)} % of views refreshed: ${number(other.unitsPerDay)} units/day (needs YOUTUBE_DAILY_QUOTA ≥ ${number(other.dailyQuotaNeeded)})`,
    );
  }
  return lines;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  for (const line of formatMyVideosUnitsModel()) console.log(line);
}
