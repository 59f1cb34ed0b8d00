/**
 * How long Showreel keeps each kind of data: the one place the privacy page (and docs/operations.md, "YouTube
 * API policy compliance", checked by retention.test.ts) takes its figures from. The pruning that enforces them
 * lives in src/lib; TODO(#23): read RETENTION from the retention module once it lands, instead of these
 * agreed figures (sync and WebSub ones as src/lib/sync/prune-sync-runs.ts prunes today).
 */
export const RETENTION = {
  sessionDays: 30,
  youTubeDataMaxAgeDays: 30,
  myVideosPageUntouchedDays: 7,
  syncRunDays: 30,
  detectedVideoIdDays: 2,
  webSubDeliveryDays: 30,
  finishedImportRunDays: 365,
  readNotificationDays: 90,
  unreadNotificationsKept: 200,
  quotaUsageDays: 35,
  revokedApiTokenDays: 30,
  rateLimitWindowHours: 1,
} as const;

export type RetentionRow = { data: string; details: string; kept: string };

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
    details: "how many imports and syncs you started recently",
    // rate-limiter-flexible deletes rows an hour past their expiry, checking every 5 minutes.
    kept: `the limit's window (${RETENTION.rateLimitWindowHours} hour), then deleted within the next hour`,
  },
];

/** Said after the table: everything above goes with the account. */
export const ACCOUNT_DELETION_NOTE = "Deleting your account deletes all of the above at once.";
