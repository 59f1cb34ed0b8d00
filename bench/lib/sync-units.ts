/**
 * The sync benchmark's quota model (issue 21): what a day at 1M followed channels uploading 0.2 videos a
 * day each costs in Data API units, from the per-video costs a measured cycle showed, against the sync
 * share of the default quota. Pure arithmetic, so bench/lib/sync-units.test.ts pins it down.
 */

/** Google's default daily quota is 10,000 units; sync may spend SYNC_QUOTA_SHARE (0.8, src/env.ts) of it. */
export const SYNC_DAILY_UNITS = 8_000;
export const MODEL_CHANNELS = 1_000_000;
export const MODEL_UPLOADS_PER_CHANNEL_PER_DAY = 0.2;
/** Checks a day for one channel on a 10-minute cadence: the most any tier asks, an upper bound for unchanged checks. */
export const MODEL_CHECKS_PER_CHANNEL_PER_DAY = (24 * 60) / 10;
/** videos.list takes up to 50 ids for one unit (src/lib/youtube/quota-costs.ts). */
export const IDS_PER_VIDEOS_LIST_CALL = 50;

/** What one or more measured cycles cost, from the emulator's counters. */
export type MeasuredUnits = {
  publishedVideos: number;
  unchangedChecks: number;
  /** videos.list calls (1 unit each): enrichment. */
  enrichmentUnits: number;
  /** Every other unit charged: playlist fallbacks, channel confirmations, anything an unchanged check spent. */
  otherUnits: number;
  /** Of `otherUnits`, those not attributed to a channel that published: at most what unchanged checks spent. */
  unchangedUnits: number;
};

export type UnitsPerDayModel = {
  uploadsPerDay: number;
  /** New videos per enrichment unit, as measured. */
  videosPerUnit: number;
  enrichmentUnitsPerDay: number;
  /** The same at a full 50 ids per call: the floor batching can reach. */
  enrichmentUnitsPerDayAtFullBatches: number;
  /** Non-enrichment units per new video, as measured (all of them billed to uploads). */
  otherUnitsPerVideo: number;
  otherUnitsPerDay: number;
  /** At most this many units per unchanged check, as measured. */
  unitsPerUnchangedCheckBound: number;
  /** What that bound would cost at MODEL_CHECKS_PER_CHANNEL_PER_DAY checks per channel; 0 when nothing was spent. */
  unchangedUnitsPerDayBound: number;
  unitsPerDay: number;
  syncDailyUnits: number;
  fits: boolean;
};

export function unitsPerDayModel(measured: MeasuredUnits): UnitsPerDayModel {
  const uploadsPerDay = MODEL_CHANNELS * MODEL_UPLOADS_PER_CHANNEL_PER_DAY;
  const videosPerUnit = measured.enrichmentUnits > 0 ? measured.publishedVideos / measured.enrichmentUnits : 0;
  const enrichmentUnitsPerDay = videosPerUnit > 0 ? Math.ceil(uploadsPerDay / videosPerUnit) : 0;
  const otherUnitsPerVideo = measured.publishedVideos > 0 ? measured.otherUnits / measured.publishedVideos : 0;
  const otherUnitsPerDay = Math.ceil(uploadsPerDay * otherUnitsPerVideo);
  const unitsPerUnchangedCheckBound =
    measured.unchangedChecks > 0 ? measured.unchangedUnits / measured.unchangedChecks : 0;
  const unitsPerDay = enrichmentUnitsPerDay + otherUnitsPerDay;
  return {
    uploadsPerDay,
    videosPerUnit,
    enrichmentUnitsPerDay,
    enrichmentUnitsPerDayAtFullBatches: Math.ceil(uploadsPerDay / IDS_PER_VIDEOS_LIST_CALL),
    otherUnitsPerVideo,
    otherUnitsPerDay,
    unitsPerUnchangedCheckBound,
    unchangedUnitsPerDayBound: Math.ceil(
      MODEL_CHANNELS * MODEL_CHECKS_PER_CHANNEL_PER_DAY * unitsPerUnchangedCheckBound,
    ),
    unitsPerDay,
    syncDailyUnits: SYNC_DAILY_UNITS,
    // Non-enrichment units are billed to uploads here; whether unchanged checks spent any is the separate
    // "0 units per unchanged check" target, which the bound above answers.
    fits: unitsPerDay <= SYNC_DAILY_UNITS,
  };
}
