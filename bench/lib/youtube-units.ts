/**
 * The whole app's YouTube Data API units a day (issue 23), at a given number of users: keeping every
 * project's data younger than 30 days (projects.refresh), looking up followed channels' new uploads
 * (sync.enrich) and My Videos (interactive), against Google's default 10,000 units a day and the shares
 * Showreel gives each kind of work; and from that, the daily quota to ask Google for at each scale. Pure
 * arithmetic (bench/lib/youtube-units.test.ts pins it down); `npx tsx bench/lib/youtube-units.ts` prints it
 * with the defaults, and the quota benchmark (`npm run bench -- --only quota`) prints the same lines.
 *
 * How a day is modelled.
 * - Refresh: one videos.list unit renews 50 distinct videos (src/lib/projects/refresh-youtube-data.ts), and
 *   every project is renewed once per cycle. The policy allows a 30-day cycle; the refresh renews projects
 *   between REFRESH_MIN_AGE_MS (22 days) and REFRESH_TARGET_AGE_MS (25 days), so it is sized at 22, the
 *   dearest case. Projects share videos when several followers of one channel get the same upload: the
 *   distinct videos are `distinctVideoShare` of the projects (an assumption, printed). Private and unlisted
 *   videos go per creator with the creator's token: one call per such creator per cycle (≤ 50 of theirs).
 * - Enrichment: the sync model's uploads (0.2 a day per followed channel, bench/lib/sync-units.ts) at 50 per
 *   videos.list unit — the figure the sync benchmark measured (docs/benchmarks.md, "sync units/day model").
 * - My Videos: bench/lib/my-videos-units.ts at this many users, its own defaults.
 * Imports (1 unit per 50 videos a creator picks, plus 1 per 50 when walking a channel) are left out: small
 * beside these, and paid from each creator's own daily share.
 *
 * The quota to ask for is the smallest YOUTUBE_DAILY_QUOTA under which (a) My Videos fits the interactive
 * share (1 − SYNC_QUOTA_SHARE), and (b) refresh, enrichment and My Videos together stay under the point where
 * the refresh stops for the day (src/lib/quota/reserve-quota.ts and refresh-plan.ts: it leaves
 * REFRESH_ENRICH_RESERVE of the background share to enrichment) — so with everything else spent first, the
 * refresh still finishes its day.
 */
import { DEFAULT_DAILY_QUOTA, DEFAULT_SYNC_QUOTA_SHARE, myVideosUnitsModel } from "./my-videos-units";
import { IDS_PER_VIDEOS_LIST_CALL, MODEL_UPLOADS_PER_CHANNEL_PER_DAY } from "./sync-units";

/** src/lib/projects/refresh-plan.ts: REFRESH_MIN_AGE_MS and REFRESH_ENRICH_RESERVE (kept in step by the test). */
export const REFRESH_CYCLE_DAYS = 22;
export const POLICY_MAX_AGE_DAYS = 30;
export const REFRESH_ENRICH_RESERVE = 0.2;

export type YouTubeUnitsInput = {
  users: number;
  /** The design's 5M projects at 100K users. */
  projectsPerUser: number;
  /** The design's 1M followed channels at 100K users (no channel shared: the dearest case for enrichment). */
  followedChannelsPerUser: number;
  /** Assumption: distinct videos / projects (a followed channel's upload is one video in each follower's portfolio). */
  distinctVideoShare: number;
  /** Assumption: creators with private or unlisted videos among their projects (≤ 50 each: one call a cycle). */
  ownerOnlyCreatorShare: number;
  dailyQuota: number;
  syncQuotaShare: number;
};

export const DEFAULT_YOUTUBE_UNITS_INPUT: YouTubeUnitsInput = {
  users: 100_000,
  projectsPerUser: 50,
  followedChannelsPerUser: 10,
  distinctVideoShare: 0.8,
  ownerOnlyCreatorShare: 0.2,
  dailyQuota: DEFAULT_DAILY_QUOTA,
  syncQuotaShare: DEFAULT_SYNC_QUOTA_SHARE,
};

export type YouTubeUnitsModel = {
  input: YouTubeUnitsInput;
  projects: number;
  distinctVideos: number;
  followedChannels: number;
  /** Renewing every project once within the policy's 30 days: the floor any compliant refresh pays. */
  refreshUnitsPerDayAt30Days: number;
  /** As scheduled: every project once per REFRESH_CYCLE_DAYS, plus the per-creator calls for private/unlisted ones. */
  refreshUnitsPerDay: number;
  enrichmentUnitsPerDay: number;
  myVideosUnitsPerDay: number;
  totalUnitsPerDay: number;
  fitsDefault: boolean;
  /** The smallest YOUTUBE_DAILY_QUOTA meeting both conditions above. */
  dailyQuotaNeeded: number;
  /** What to ask Google for: the need plus 25 % headroom, rounded up to 10,000 units. */
  dailyQuotaToRequest: number;
};

function assertInput(input: YouTubeUnitsInput): void {
  for (const [name, value] of Object.entries(input)) {
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`youtube units model: ${name} must be a number ≥ 0, got ${value}`);
  }
  for (const name of ["distinctVideoShare", "ownerOnlyCreatorShare", "syncQuotaShare"] as const) {
    if (input[name] > 1) throw new Error(`youtube units model: ${name} is a share (0–1), got ${input[name]}`);
  }
  if (input.syncQuotaShare === 0 || input.syncQuotaShare === 1)
    throw new Error("youtube units model: syncQuotaShare must be between 0 and 1");
}

/** Rounds away binary-fraction noise (0.1 × 3 = 0.30000000000000004) before a ceiling or floor. */
const exact = (value: number) => Math.round(value * 1e6) / 1e6;
const callsFor = (videos: number) => Math.ceil(exact(videos / IDS_PER_VIDEOS_LIST_CALL));

export function youtubeUnitsModel(overrides: Partial<YouTubeUnitsInput> = {}): YouTubeUnitsModel {
  const input = { ...DEFAULT_YOUTUBE_UNITS_INPUT, ...overrides };
  assertInput(input);
  const projects = Math.round(input.users * input.projectsPerUser);
  const distinctVideos = Math.round(projects * input.distinctVideoShare);
  const followedChannels = Math.round(input.users * input.followedChannelsPerUser);
  const cycleUnits = callsFor(distinctVideos);
  const ownerCalls = Math.round(input.users * input.ownerOnlyCreatorShare);
  const refreshUnitsPerDayAt30Days = Math.ceil(exact(cycleUnits / POLICY_MAX_AGE_DAYS));
  const refreshUnitsPerDay = Math.ceil(exact((cycleUnits + ownerCalls) / REFRESH_CYCLE_DAYS));
  const enrichmentUnitsPerDay = callsFor(followedChannels * MODEL_UPLOADS_PER_CHANNEL_PER_DAY);
  const myVideosUnitsPerDay = myVideosUnitsModel({
    users: input.users,
    dailyQuota: input.dailyQuota,
    syncQuotaShare: input.syncQuotaShare,
  }).unitsPerDay;
  const totalUnitsPerDay = refreshUnitsPerDay + enrichmentUnitsPerDay + myVideosUnitsPerDay;
  const interactiveShare = exact(1 - input.syncQuotaShare);
  const refreshStopsAt = exact(input.syncQuotaShare * (1 - REFRESH_ENRICH_RESERVE));
  const dailyQuotaNeeded = Math.max(
    Math.ceil(exact(myVideosUnitsPerDay / interactiveShare)),
    Math.ceil(exact(totalUnitsPerDay / refreshStopsAt)),
  );
  return {
    input,
    projects,
    distinctVideos,
    followedChannels,
    refreshUnitsPerDayAt30Days,
    refreshUnitsPerDay,
    enrichmentUnitsPerDay,
    myVideosUnitsPerDay,
    totalUnitsPerDay,
    fitsDefault: dailyQuotaNeeded <= input.dailyQuota,
    dailyQuotaNeeded,
    dailyQuotaToRequest: Math.ceil(exact((dailyQuotaNeeded * 1.25) / 10_000)) * 10_000,
  };
}

const number = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** The model as printable lines, at each scale (1K, 10K and 100K users by default). */
export function formatYouTubeUnitsModel(
  overrides: Partial<YouTubeUnitsInput> = {},
  scales: readonly number[] = [1_000, 10_000, 100_000],
): string[] {
  const base = youtubeUnitsModel(overrides);
  const { input } = base;
  const lines = [
    `YouTube units/day model (refresh + enrichment + My Videos) against YOUTUBE_DAILY_QUOTA=${number(input.dailyQuota)}, SYNC_QUOTA_SHARE=${input.syncQuotaShare}`,
    `  assumptions per user: ${number(input.projectsPerUser)} projects (distinct videos ${number(input.distinctVideoShare * 100)} % of projects), ` +
      `${number(input.followedChannelsPerUser)} followed channels uploading ${MODEL_UPLOADS_PER_CHANNEL_PER_DAY} videos/day each, ` +
      `${number(input.ownerOnlyCreatorShare * 100)} % of creators with private/unlisted projects; refresh every ${REFRESH_CYCLE_DAYS} days (policy: ${POLICY_MAX_AGE_DAYS}); My Videos at bench/lib/my-videos-units.ts defaults`,
  ];
  for (const users of scales) {
    const model = youtubeUnitsModel({ ...input, users });
    lines.push(
      `  ${number(users)} users (${number(model.projects)} projects, ${number(model.distinctVideos)} distinct videos, ${number(model.followedChannels)} followed channels): ` +
        `refresh ${number(model.refreshUnitsPerDay)} (all within 30 days: ${number(model.refreshUnitsPerDayAt30Days)}) + enrichment ${number(model.enrichmentUnitsPerDay)} + My Videos ${number(model.myVideosUnitsPerDay)} = ${number(model.totalUnitsPerDay)} units/day → ` +
        `${model.fitsDefault ? "fits the default" : "does NOT fit the default"} ${number(input.dailyQuota)}; needs YOUTUBE_DAILY_QUOTA ≥ ${number(model.dailyQuotaNeeded)}, request ${number(model.dailyQuotaToRequest)}`,
    );
  }
  return lines;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  for (const line of formatYouTubeUnitsModel()) console.log(line);
}
