/**
 * Data API quota as Google bills it: a cost per method (developers.google.com/youtube/v3/
 * determine_quota_cost), at least 1 unit for every request including failed ones, and one daily
 * budget per project that resets at midnight America/Los_Angeles. The Pacific maths uses
 * Intl.DateTimeFormat so daylight saving comes from the tz database, never from hard-coded offsets.
 */
import type { EmulatorClock } from "./clock.ts";

/** Google's default budget for a new project, in units per Pacific day. */
export const DEFAULT_DAILY_QUOTA_UNITS = 10_000;

/**
 * Units per call, keyed "resource.method". The emulator serves only some of these; the rest are
 * still charged so a client calling them sees Google's bill.
 */
export const QUOTA_COSTS: Readonly<Record<string, number>> = {
  "activities.list": 1,
  "captions.list": 50,
  "captions.insert": 400,
  "captions.update": 450,
  "captions.delete": 50,
  "captions.download": 200,
  "channelBanners.insert": 50,
  "channels.list": 1,
  "channels.update": 50,
  "channelSections.list": 1,
  "channelSections.insert": 50,
  "channelSections.update": 50,
  "channelSections.delete": 50,
  "comments.list": 1,
  "comments.insert": 50,
  "comments.update": 50,
  "comments.setModerationStatus": 50,
  "comments.delete": 50,
  "commentThreads.list": 1,
  "commentThreads.insert": 50,
  "i18nLanguages.list": 1,
  "i18nRegions.list": 1,
  "members.list": 1,
  "membershipsLevels.list": 1,
  "playlistImages.list": 1,
  "playlistImages.insert": 50,
  "playlistImages.update": 50,
  "playlistImages.delete": 50,
  "playlistItems.list": 1,
  "playlistItems.insert": 50,
  "playlistItems.update": 50,
  "playlistItems.delete": 50,
  "playlists.list": 1,
  "playlists.insert": 50,
  "playlists.update": 50,
  "playlists.delete": 50,
  "search.list": 100,
  "subscriptions.list": 1,
  "subscriptions.insert": 50,
  "subscriptions.delete": 50,
  "thumbnails.set": 50,
  "videoAbuseReportReasons.list": 1,
  "videoCategories.list": 1,
  "videos.list": 1,
  "videos.insert": 1600,
  "videos.update": 50,
  "videos.rate": 50,
  "videos.getRating": 1,
  "videos.reportAbuse": 50,
  "videos.delete": 50,
  "watermarks.set": 50,
  "watermarks.unset": 50,
};

/** Every request costs at least one unit, unknown methods and errors included. */
export function quotaCostOf(method: string | null): number {
  return (method === null ? undefined : QUOTA_COSTS[method]) ?? 1;
}

const PACIFIC_TIME_ZONE = "America/Los_Angeles";

const PACIFIC_FORMAT = new Intl.DateTimeFormat("en-US", {
  timeZone: PACIFIC_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function pacificWallClock(instantMs: number): WallClock {
  const parts: Record<string, number> = {};
  for (const part of PACIFIC_FORMAT.formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Pacific wall clock minus UTC at an instant, in ms (-8 h in winter, -7 h in summer). */
function pacificOffsetMs(instantMs: number): number {
  const wall = pacificWallClock(instantMs);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The Pacific calendar date of an instant, "YYYY-MM-DD": the key of a quota day. */
export function pacificDateOf(instantMs: number): string {
  const wall = pacificWallClock(instantMs);
  return `${String(wall.year).padStart(4, "0")}-${String(wall.month).padStart(2, "0")}-${String(wall.day).padStart(2, "0")}`;
}

/** The first instant after `instantMs` at which the Pacific date changes (when quota resets). */
export function nextPacificMidnight(instantMs: number): number {
  const wall = pacificWallClock(instantMs);
  // Midnight of the next calendar date, written as if it were UTC, then shifted by the offset in
  // force at that moment. A second pass settles the one case where the guess lands across a DST
  // switch; midnight itself always exists in Los Angeles (the switches happen at 02:00).
  const nextMidnightAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day + 1);
  const guess = nextMidnightAsUtc - pacificOffsetMs(nextMidnightAsUtc);
  return nextMidnightAsUtc - pacificOffsetMs(guess);
}

export interface QuotaSnapshot {
  dailyQuota: number;
  usedToday: number;
  remainingToday: number;
  pacificDate: string;
  nextResetAt: string;
}

/** The project's budget for the current Pacific day. */
export class QuotaLedger {
  private usedToday = 0;
  private pacificDate: string;

  constructor(
    private dailyQuota: number,
    private readonly clock: EmulatorClock,
  ) {
    this.pacificDate = pacificDateOf(clock.now());
  }

  /**
   * Bills a request. The units are always added (a refused call still costs); the answer says
   * whether the call fitted in what was left before it.
   */
  charge(units: number): { isWithinBudget: boolean } {
    this.rollDay();
    const isWithinBudget = this.usedToday + units <= this.dailyQuota;
    this.usedToday += units;
    return { isWithinBudget };
  }

  /** Spends the rest of the day, as if other clients of the project had used it up. */
  exhaust(): void {
    this.rollDay();
    this.usedToday = Math.max(this.usedToday, this.dailyQuota);
  }

  resetUsage(): void {
    this.rollDay();
    this.usedToday = 0;
  }

  setDailyQuota(units: number): void {
    this.dailyQuota = units;
  }

  getUsedToday(): number {
    this.rollDay();
    return this.usedToday;
  }

  snapshot(): QuotaSnapshot {
    this.rollDay();
    const now = this.clock.now();
    return {
      dailyQuota: this.dailyQuota,
      usedToday: this.usedToday,
      remainingToday: Math.max(0, this.dailyQuota - this.usedToday),
      pacificDate: this.pacificDate,
      nextResetAt: new Date(nextPacificMidnight(now)).toISOString(),
    };
  }

  // Lazily, on every read: the clock may have been moved, so a timer would be wrong.
  private rollDay(): void {
    const today = pacificDateOf(this.clock.now());
    if (today !== this.pacificDate) {
      this.pacificDate = today;
      this.usedToday = 0;
    }
  }
}
