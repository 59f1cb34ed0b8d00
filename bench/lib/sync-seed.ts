/**
 * Seeding for the sync benchmark (bench/sync.ts), set-based and with no feed fetched: N live channels of
 * the emulator's world become `Channel` rows that look already checked — each with the ETag and
 * Last-Modified its feed is served with and its feed window as `recentVideoIds`, read in bulk from
 * `GET /_emulator/world/feeds` (the emulator derives them without rendering a feed, emulator/feed-cache.ts)
 * — with their `ChannelSchedule` rows (checked a day ago, outcome unchanged, parked), users and follows.
 * So the first measured cycle is all 304 except the channels that published, and at 1M channels the
 * seeding takes about a minute where a warm-up fetching every feed once would take over an hour.
 */
import type pg from "pg";
import { formatNumber } from "./stats";
import type { BenchEmulator } from "./emulator";
import { throwIfAborted } from "./processes";

/** What `/_emulator/world/feeds` says of one channel. */
type ExportedChannel = {
  index: number;
  id: string;
  handle: string;
  uploadsPlaylistId: string;
  title: string;
  profile: "active" | "normal" | "dormant" | "empty" | "terminated";
  newestUploadAt: string | null;
  feed: { etag: string; lastModified: string; entryIds: string[] } | null;
};

/** The control API's page limit (MAX_WORLD_PAGE_SIZE in emulator/routes/control.ts). */
const EXPORT_PAGE_SIZE = 10_000;

export type SyncSeedOptions = {
  channels: number;
  followersPerChannel: number;
  channelsPerUser: number;
  log: (line: string) => void;
};

export type SyncSeedResult = {
  /** The seeded channels' YouTube ids, in world order. */
  channelIds: string[];
  users: number;
  follows: number;
  /** Wall seconds per step, and in all. */
  seconds: { channels: number; schedules: number; users: number; follows: number; analyze: number; total: number };
};

async function exportPage(
  emulator: BenchEmulator,
  offset: number,
): Promise<{ worldSize: number; channels: ExportedChannel[] }> {
  return emulator.control("GET", `/world/feeds?offset=${offset}&limit=${EXPORT_PAGE_SIZE}`);
}

/**
 * Channel rows for one page of live channels. The row trigger that gives every Channel its parked
 * ChannelSchedule row is off while seeding (see seedSyncWorld): the schedule rows are inserted in one
 * statement afterwards, with the values a past check would have left.
 */
async function insertChannels(pool: pg.Pool, channels: readonly ExportedChannel[]): Promise<void> {
  await pool.query(
    `INSERT INTO "Channel" ("youtubeChannelId", "uploadsPlaylistId", "title", "handle", "feedEtag", "feedLastModified",
                            "recentVideoIds", "lastVideoPublishedAt", "updatedAt")
     SELECT t.id, t.uploads, t.title, t.handle, t.etag, t.modified, string_to_array(t.recent, ','), t.newest, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
            AS t(id, uploads, title, handle, etag, modified, recent, newest)`,
    [
      channels.map((channel) => channel.id),
      channels.map((channel) => channel.uploadsPlaylistId),
      channels.map((channel) => channel.title),
      channels.map((channel) => channel.handle),
      channels.map((channel) => channel.feed!.etag),
      channels.map((channel) => channel.feed!.lastModified),
      // Video ids are base64url: a comma never occurs in one.
      channels.map((channel) => channel.feed!.entryIds.join(",")),
      channels.map((channel) => channel.newestUploadAt),
    ],
  );
}

export async function seedSyncWorld(
  pool: pg.Pool,
  emulator: BenchEmulator,
  options: SyncSeedOptions,
): Promise<SyncSeedResult> {
  const started = performance.now();
  const lap = (() => {
    let last = started;
    return () => {
      const now = performance.now();
      const seconds = (now - last) / 1000;
      last = now;
      return seconds;
    };
  })();

  const channelIds: string[] = [];
  await pool.query(`ALTER TABLE "Channel" DISABLE TRIGGER "Channel_schedule_row"`);
  try {
    // The emulator describes the next page while Postgres inserts this one (the two share 2 cores).
    let offset = 0;
    let next = exportPage(emulator, offset);
    let lastLog = Date.now();
    while (channelIds.length < options.channels) {
      throwIfAborted();
      const page = await next;
      if (page.channels.length === 0)
        throw new Error(
          `the emulator world has fewer than ${options.channels} live channels (world size ${page.worldSize})`,
        );
      offset += page.channels.length;
      next = exportPage(emulator, offset);
      const live = page.channels
        .filter((channel) => channel.feed !== null)
        .slice(0, options.channels - channelIds.length);
      await insertChannels(pool, live);
      for (const channel of live) channelIds.push(channel.id);
      if (Date.now() - lastLog >= 10_000) {
        lastLog = Date.now();
        options.log(`  seeding: ${formatNumber(channelIds.length)} / ${formatNumber(options.channels)} channels`);
      }
    }
    // The prefetched page is not needed; let it finish so the emulator is idle when measuring starts.
    await next.catch(() => undefined);
  } finally {
    await pool.query(`ALTER TABLE "Channel" ENABLE TRIGGER "Channel_schedule_row"`);
  }
  const channelSeconds = lap();

  // What the trigger would have inserted (a parked row), as a check a day ago would have left it: the
  // tier by how recently the channel uploaded (active within 7 days, dormant after 180 or never, as
  // src/lib/sync's tiers), the outcome unchanged.
  await pool.query(
    `INSERT INTO "ChannelSchedule" ("channelId", "nextCheckAt", "tier", "lastCheckedAt", "lastMethod", "lastOutcome")
     SELECT c."id", NULL,
            (CASE WHEN c."lastVideoPublishedAt" >= now() - interval '7 days' THEN 'active'
                  WHEN c."lastVideoPublishedAt" >= now() - interval '180 days' THEN 'normal'
                  ELSE 'dormant' END)::"CheckTier",
            now() - interval '1 day', 'feed', 'unchanged'
       FROM "Channel" AS c`,
  );
  const scheduleSeconds = lap();

  const channelsPerUser = Math.min(options.channelsPerUser, channelIds.length);
  const users = Math.ceil((channelIds.length * options.followersPerChannel) / channelsPerUser);
  await pool.query(
    `INSERT INTO "User" ("id", "name", "email", "emailVerified", "createdAt", "updatedAt")
     SELECT 'bench-user-' || g, 'Bench user ' || g, 'bench-user-' || g || '@bench.showreel.local', true, now() - interval '2 days', now()
       FROM generate_series(0, $1::int - 1) AS g`,
    [users],
  );
  const userSeconds = lap();
  // Follower f of the channel at ordinal o is user (o + f·N) / channelsPerUser: each user follows
  // channelsPerUser channels, and a channel's followers are different users (N ≥ channelsPerUser). Dated
  // a day back, so a video published during the run counts for every follower.
  const { rowCount } = await pool.query(
    `INSERT INTO "ContentSource" ("userId", "channelId", "syncEnabled", "createdAt", "updatedAt")
     SELECT 'bench-user-' || ((c.ordinal + f * $1::int) / $2::int), c."id", true, now() - interval '1 day', now()
       FROM (SELECT "id", (row_number() OVER (ORDER BY "youtubeChannelId") - 1)::int AS ordinal FROM "Channel") AS c
      CROSS JOIN generate_series(0, $3::int - 1) AS f`,
    [channelIds.length, channelsPerUser, options.followersPerChannel],
  );
  const followSeconds = lap();
  await pool.query(`ANALYZE "Channel"; ANALYZE "ChannelSchedule"; ANALYZE "ContentSource"; ANALYZE "User"`);
  const analyzeSeconds = lap();
  return {
    channelIds,
    users,
    follows: rowCount ?? 0,
    seconds: {
      channels: channelSeconds,
      schedules: scheduleSeconds,
      users: userSeconds,
      follows: followSeconds,
      analyze: analyzeSeconds,
      total: (performance.now() - started) / 1000,
    },
  };
}
