/**
 * What the privacy page (and docs/operations.md, "YouTube API policy compliance", checked by
 * retention.test.ts) says Showreel keeps, and for how long. Every figure is read from the constant the
 * code enforces it with: the retention policies (src/lib/retention/policies.ts, pruned by retention.prune),
 * the session lifetime (SESSION_MAX_AGE_DAYS), the 30-day YouTube data refresh and the rate limits' windows.
 */
import { env } from "~/env";
import { YOUTUBE_DATA_MAX_AGE_MS } from "~/lib/projects/youtube-data-age";
import {
  DATA_EXPORT_RATE_LIMIT,
  FOLLOW_RATE_LIMIT,
  IMPORT_RATE_LIMIT,
  REANALYZE_RATE_LIMIT,
  SYNC_NOW_RATE_LIMIT,
} from "~/lib/rate-limit/limiters";
import {
  IMPORT_RUN_RETENTION_DAYS,
  MY_VIDEOS_PAGE_RETENTION_DAYS,
  NOTIFICATION_READ_RETENTION_DAYS,
  QUOTA_USER_ROW_RETENTION_DAYS,
  REVOKED_TOKEN_RETENTION_DAYS,
  SYNC_RUN_RETENTION_DAYS,
  SYNC_VIDEO_DONE_RETENTION_DAYS,
  UNREAD_NOTIFICATIONS_KEPT,
  WEBSUB_DELIVERY_RETENTION_DAYS,
} from "~/lib/retention/policies";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The per-user limits whose counters a user's actions write (the background ones are keyed by worker, not user). */
const USER_RATE_LIMITS = [
  IMPORT_RATE_LIMIT,
  SYNC_NOW_RATE_LIMIT,
  REANALYZE_RATE_LIMIT,
  FOLLOW_RATE_LIMIT,
  DATA_EXPORT_RATE_LIMIT,
];

export const RETENTION = {
  sessionDays: env.SESSION_MAX_AGE_DAYS,
  youTubeDataMaxAgeDays: YOUTUBE_DATA_MAX_AGE_MS / DAY_MS,
  myVideosPageUntouchedDays: MY_VIDEOS_PAGE_RETENTION_DAYS,
  syncRunDays: SYNC_RUN_RETENTION_DAYS,
  detectedVideoIdDays: SYNC_VIDEO_DONE_RETENTION_DAYS,
  webSubDeliveryDays: WEBSUB_DELIVERY_RETENTION_DAYS,
  finishedImportRunDays: IMPORT_RUN_RETENTION_DAYS,
  readNotificationDays: NOTIFICATION_READ_RETENTION_DAYS,
  unreadNotificationsKept: UNREAD_NOTIFICATIONS_KEPT,
  quotaUsageDays: QUOTA_USER_ROW_RETENTION_DAYS,
  revokedApiTokenDays: REVOKED_TOKEN_RETENTION_DAYS,
  rateLimitWindowHours: Math.max(...USER_RATE_LIMITS.map((policy) => policy.durationSeconds)) / 3600,
} as const;

export type RetentionRow = { data: string; details: string; kept: string };

const hours = (count: number) => (count % 24 === 0 ? days(count / 24) : `${count} ${count === 1 ? "hour" : "hours"}`);
const days = (count: number) => (count === 365 ? "1 year" : `${count} ${count === 1 ? "day" : "days"}`);

export const RETENTION_ROWS: readonly RetentionRow[] = [
  {
    data: "Your account",
    details: "name, email address, password (as a one-way hash), portfolio address, time zone",
    kept: "until you delete your account",
  },
  {
    data: "Sign-in sessions",
    details: "a session token in a cookie, the IP address and browser it signed in from",
    kept: `${days(RETENTION.sessionDays)} after last use at most; deleted as soon as they expire, and when you sign out`,
  },
  {
    data: "Sign-in verifications",
    details: "one-time codes and states of a sign-in in progress",
    kept: "deleted as soon as they expire",
  },
  {
    data: "YouTube connection",
    details:
      "your Google account id, channel id, title and handle, the access you granted, and Google's OAuth tokens (encrypted)",
    kept: "until you disconnect YouTube (deleted at once) or delete your account",
  },
  {
    data: "YouTube data of your projects",
    details:
      "each video's title, description, thumbnail, length, dates, views, likes, comments, privacy and availability",
    kept: `refreshed from YouTube or deleted within ${days(RETENTION.youTubeDataMaxAgeDays)}; details of private and unlisted videos are deleted when you revoke Showreel's access`,
  },
  {
    data: "Your projects and Showreel's analysis",
    details: "your edits, portfolio settings, and the tools, categories and topics Showreel found",
    kept: "until you delete the project or your account",
  },
  {
    data: "Followed channels",
    details: "which channels you follow, auto-sync on or off, how the last sync went",
    kept: "until you unfollow the channel or delete your account",
  },
  {
    data: "My Videos pages",
    details: "your uploads list as YouTube last gave it, so the page opens without asking YouTube again",
    kept: `deleted when untouched for ${days(RETENTION.myVideosPageUntouchedDays)}, and at once when you disconnect YouTube`,
  },
  {
    data: "Sync history",
    details: "when each followed channel was checked and what was found",
    kept: `${days(RETENTION.syncRunDays)}; new video ids found by a check, ${days(RETENTION.detectedVideoIdDays)} after they are imported; YouTube's push notifications, ${days(RETENTION.webSubDeliveryDays)}`,
  },
  {
    data: "Import history",
    details: "each import you started: what was asked for, how many videos came in, skipped or failed",
    kept: `${days(RETENTION.finishedImportRunDays)} after the import finished`,
  },
  {
    data: "Notifications",
    details: "messages about imports, syncs and your connection",
    kept: `read ones ${days(RETENTION.readNotificationDays)}; of unread ones, the newest ${RETENTION.unreadNotificationsKept}`,
  },
  {
    data: "YouTube quota usage",
    details: "how many YouTube API units your actions used each day",
    kept: days(RETENTION.quotaUsageDays),
  },
  {
    data: "Personal access tokens",
    details: "a name, the first characters and a one-way hash of each token (never the token), when it was last used",
    kept: `until you revoke the token, then ${days(RETENTION.revokedApiTokenDays)}`,
  },
  {
    data: "Rate-limit counters",
    details: "how many imports, syncs, follows, re-analyses and data exports you started recently",
    // rate-limiter-flexible deletes rows an hour past their expiry, checking every 5 minutes.
    kept: `the limit's window (at most ${hours(RETENTION.rateLimitWindowHours)}), then deleted within the next hour`,
  },
];

/** Said after the table: everything above goes with the account. */
export const ACCOUNT_DELETION_NOTE = "Deleting your account deletes all of the above at once.";
