/**
 * The My Videos quota model (issue 22): the Data API units a day My Videos spends at 100K users with 10 %
 * of them active, now that pages are stored in Postgres and, once older than MY_VIDEOS_MAX_AGE_SECONDS,
 * checked against the channel's public feed (no quota) and revalidated by ETag only when the feed changed
 * (src/lib/youtube-connection/list-my-videos.ts), against the interactive share of the daily quota. Pure arithmetic (bench/lib/my-videos-units.test.ts pins it down);
 * `npx tsx bench/lib/my-videos-units.ts` prints it with the defaults, and the api-load benchmark may print
 * `formatMyVideosUnitsModel()`.
 *
 * How a day is modelled. An active user opens My Videos `visitsPerActiveUser` times, visits farther apart
 * than the max age (so each visit finds its pages aged), each lasting `visitMinutes` and loading
 * `pageViewsPerActiveUser` pages in all, spread over `pagesPerVisit` distinct pages (first page, next…,
 * back to the first after an import). An aged page costs a unit only when the channel's feed changed since
 * it was last confirmed: the creator published, removed or renamed a public video (`publicChangesPerActiveUser`
 * a day, spread over the visits). Each such page is revalidated once and counted as changed: playlistItems.list
 * (1 unit) plus videos.list (1 unit per ≤ 50 ids). Refresh presses (`refreshShare` of page views) each
 * revalidate once more, changed or not (`changedShare`; a 304 still bills the playlist call).
 * For comparison the model also prints the cost of revalidating by age alone (what list-my-videos.ts did
 * before the feed check): at most once per max age within a visit, never more often than a page is loaded.
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
  pageSize: 24,
  dailyQuota: DEFAULT_DAILY_QUOTA,
  syncQuotaShare: DEFAULT_SYNC_QUOTA_SHARE,
};

export type MyVideosUnitsModel = {
  input: MyVideosUnitsInput;
  activeUsers: number;
  /** Loads of one page within one visit. */
  viewsPerPagePerVisit: number;
  /** Chance that a page's feed changed since the visit before: the revalidations of one page in one visit. */
  revalidationsPerPagePerVisit: number;
  revalidationsPerActiveUser: number;
  /** Units of a revalidation the feed asked for: the page changed, so playlistItems.list and videos.list. */
  unitsPerRevalidation: number;
  refreshesPerActiveUser: number;
  /** Units of one Refresh on average: 1 for the playlist call, plus videos.list when the page changed. */
  unitsPerRefresh: number;
  unitsPerDay: number;
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
  for (const name of ["activeShare", "refreshShare", "changedShare", "syncQuotaShare"] as const) {
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
  const revalidationsPerPagePerVisit = Math.min(1, input.publicChangesPerActiveUser / input.visitsPerActiveUser);
  const revalidationsPerActiveUser = pagesPerDay * revalidationsPerPagePerVisit;
  const refreshesPerActiveUser = input.pageViewsPerActiveUser * input.refreshShare;
  const videosListUnits = Math.ceil(input.pageSize / IDS_PER_VIDEOS_LIST_CALL);
  const unitsPerRevalidation = 1 + videosListUnits;
  const unitsPerRefresh = 1 + input.changedShare * videosListUnits;
  const unitsPerDay = Math.ceil(
    exact(activeUsers * (revalidationsPerActiveUser * unitsPerRevalidation + refreshesPerActiveUser * unitsPerRefresh)),
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
    revalidationsPerPagePerVisit,
    revalidationsPerActiveUser,
    unitsPerRevalidation,
    refreshesPerActiveUser,
    unitsPerRefresh,
    unitsPerDay,
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
      `${number(input.publicChangesPerActiveUser)} public uploads, removals or renames a day; ` +
      `${number(input.refreshShare * 100)} % of views refreshed, ${number(input.changedShare * 100)} % of them finding the page changed; pages of ${input.pageSize}`,
    `  aged pages checked against the channel's feed (0 units): ${number(model.revalidationsPerActiveUser)} revalidations per active user at ${number(model.unitsPerRevalidation)} units, ` +
      `+ ${number(model.refreshesPerActiveUser)} refreshes at ${number(model.unitsPerRefresh)} units`,
    `  My Videos: ${number(model.unitsPerDay)} units/day (revalidating by age alone, max age ${number(input.maxAgeSeconds)} s: ${number(model.unitsPerDayByAgeAlone)}; without the stored pages: ${number(model.unitsPerDayWithoutStore)})`,
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
