/**
 * The sync engine v2 migration on v1 data: a database migrated up to the migration before it, holding
 * followed, parked, failing and push-pending channels as v1 left them, is migrated; every followed channel
 * keeps its due time, tier, failures, last check and WebSub lease, pushed ids wait for enrichment, parked
 * channels stay parked, and running the migration's SQL again changes nothing.
 */
import { cp, mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from "../scripts/db/apply-migrations";
import { dropDatabase, ensureDatabase } from "../scripts/db/ensure-database";
import { siblingDatabaseUrl } from "@test/test-db-url";

const V2 = "20261206090000_sync_engine_v2";
const url = siblingDatabaseUrl(`showreel_v2mig_${process.pid}_${Date.now().toString(36)}`);

async function migrationsUpTo(last: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "showreel-v1-migrations-"));
  for (const name of (await readdir(DEFAULT_MIGRATIONS_DIR)).filter((entry) => /^\d{14}_/.test(entry)).sort()) {
    if (name > last) break;
    await cp(path.join(DEFAULT_MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

afterAll(() => dropDatabase(url));

describe(`migration ${V2}`, () => {
  it("moves v1 schedules, failures, leases and pushed ids to ChannelSchedule and SyncVideo, losing no followed channel, and is idempotent", async () => {
    await ensureDatabase(url);
    const before = (await readdir(DEFAULT_MIGRATIONS_DIR))
      .filter((entry) => /^\d{14}_/.test(entry) && entry < V2)
      .sort()
      .at(-1)!;
    await applyMigrations({ connectionString: url, migrationsDir: await migrationsUpTo(before) });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // v1 data: a due followed channel with a live lease and pushed ids, a failing one, a parked one.
      await client.query(
        `INSERT INTO "User" ("id", "name", "email", "updatedAt") VALUES ('v1-user', 'V1', 'v1@migration.test', now())`,
      );
      await client.query(`
        INSERT INTO "Channel" ("youtubeChannelId", "title", "nextCheckAt", "checkTier", "consecutiveFailures", "lastError", "lastCheckedAt",
                               "lastCheckMethod", "lastCheckOutcome", "leaseExpiresAt", "hubRenewAt", "pendingVideoIds", "recentVideoIds", "feedEtag", "updatedAt")
        VALUES ('UCv1due00000000000000000Q', 'Due', '2026-12-06 10:00:00+00', 'active', 0, NULL, '2026-12-06 09:45:00+00',
                'feed', 'unchanged', '2026-12-10 00:00:00+00', '2026-12-09 00:00:00+00', ARRAY['pushed00001', 'pushed00002'], ARRAY['seen0000001'], '"e1"', now()),
               ('UCv1fail0000000000000000Q', 'Failing', '2026-12-06 11:00:00+00', 'normal', 3, 'feed 503', '2026-12-05 09:00:00+00',
                'playlist', 'failed', NULL, NULL, '{}', '{}', NULL, now()),
               ('UCv1park0000000000000000Q', 'Parked', NULL, 'dormant', 0, NULL, '2026-11-01 00:00:00+00',
                'feed', 'unchanged', NULL, NULL, '{}', '{}', NULL, now())`);
      await client.query(`
        INSERT INTO "ContentSource" ("userId", "channelId", "syncEnabled", "updatedAt")
        SELECT 'v1-user', "id", "youtubeChannelId" <> 'UCv1park0000000000000000Q', now() FROM "Channel"`);

      await applyMigrations({ connectionString: url });
      const read = async () =>
        (
          await client.query(`
            SELECT c."youtubeChannelId", c."leaseExpiresAt", c."hubRenewAt", c."recentVideoIds", c."feedEtag",
                   s."nextCheckAt", s."tier", s."failures", s."lastError", s."lastCheckedAt", s."lastMethod", s."lastOutcome", s."claimToken",
                   (SELECT array_agg(v."videoId" || ':' || v."reason" ORDER BY v."videoId") FROM "SyncVideo" v WHERE v."channelId" = c."id") AS "pending"
              FROM "Channel" c JOIN "ChannelSchedule" s ON s."channelId" = c."id" ORDER BY c."youtubeChannelId"`)
        ).rows;
      const migrated = await read();
      expect(migrated).toEqual([
        expect.objectContaining({
          youtubeChannelId: "UCv1due00000000000000000Q",
          nextCheckAt: new Date("2026-12-06T10:00:00Z"),
          tier: "active",
          failures: 0,
          lastCheckedAt: new Date("2026-12-06T09:45:00Z"),
          lastMethod: "feed",
          lastOutcome: "unchanged",
          leaseExpiresAt: new Date("2026-12-10T00:00:00Z"),
          hubRenewAt: new Date("2026-12-09T00:00:00Z"),
          recentVideoIds: ["seen0000001"],
          feedEtag: '"e1"',
          claimToken: null,
          pending: ["pushed00001:push", "pushed00002:push"],
        }),
        expect.objectContaining({
          youtubeChannelId: "UCv1fail0000000000000000Q",
          nextCheckAt: new Date("2026-12-06T11:00:00Z"),
          tier: "normal",
          failures: 3,
          lastError: "feed 503",
          lastMethod: "playlist",
          lastOutcome: "failed",
          pending: null,
        }),
        expect.objectContaining({
          youtubeChannelId: "UCv1park0000000000000000Q",
          nextCheckAt: null,
          tier: "dormant",
          pending: null,
        }),
      ]);
      // The v1 columns are gone.
      const columns = (
        await client.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_name = 'Channel'`,
        )
      ).rows.map((row) => row.column_name);
      expect(columns).not.toContain("nextCheckAt");
      expect(columns).not.toContain("pendingVideoIds");

      // The same SQL again (a re-run by hand, a second node) changes nothing.
      await client.query(await readFile(path.join(DEFAULT_MIGRATIONS_DIR, V2, "migration.sql"), "utf8"));
      expect(await read()).toEqual(migrated);
      // A channel inserted after the move gets its schedule row, parked.
      await client.query(
        `INSERT INTO "Channel" ("youtubeChannelId", "title", "updatedAt") VALUES ('UCv2new00000000000000000Q', 'New', now())`,
      );
      expect(
        (
          await client.query(
            `SELECT s."nextCheckAt" FROM "ChannelSchedule" s JOIN "Channel" c ON c."id" = s."channelId" WHERE c."youtubeChannelId" = 'UCv2new00000000000000000Q'`,
          )
        ).rows,
      ).toEqual([{ nextCheckAt: null }]);
    } finally {
      await client.end();
    }
  }, 120_000);
});
