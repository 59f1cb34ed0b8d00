/**
 * The reviewed design's database access (docs/design.md#the-baseline): no connection pooling. Every query
 * opens its own connection, runs, and closes it, so each one pays the TCP/auth handshake and a fresh
 * Postgres backend, as a Django process with CONN_MAX_AGE = 0 and no pooler does. A benchmark fixture:
 * nothing in src/ or worker/ may import it (dependency-cruiser rule `baseline-is-a-fixture`).
 */
import pg from "pg";

/** Tags the baseline's backends, so a benchmark can tell its Postgres CPU from the harness's. */
export const BASELINE_APPLICATION_NAME = "showreel-baseline";

export type BaselineDb = {
  url: string;
  /** Connections opened so far by this handle (one per query). */
  connectionsOpened: () => number;
  query: <Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<Row[]>;
};

/** A handle on one database; every `query` is a new connection. */
export function createBaselineDb(url: string): BaselineDb {
  let opened = 0;
  return {
    url,
    connectionsOpened: () => opened,
    async query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      const client = new pg.Client({ connectionString: url, application_name: BASELINE_APPLICATION_NAME });
      opened += 1;
      await client.connect();
      try {
        return (await client.query<Row>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * The baseline's own tables, in their own schema of the run's database so they never touch Showreel's:
 * ContentSource per (user, channel) with last_synced_at and a JSON metadata bag (etag, last_upload_date,
 * total_videos_imported), Project with the conditional unique (user, external_url), and the quota
 * counters the reviewed design kept in Redis (one row per key; see quota.ts).
 */
export const BASELINE_SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS baseline;
CREATE TABLE IF NOT EXISTS baseline.content_sources (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL,
  platform text NOT NULL DEFAULT 'youtube',
  source_identifier text NOT NULL,
  display_name text NOT NULL DEFAULT '',
  sync_enabled boolean NOT NULL DEFAULT true,
  sync_frequency text NOT NULL DEFAULT 'every_2_hours',
  last_synced_at timestamptz,
  last_sync_status text NOT NULL DEFAULT 'pending',
  last_sync_error text NOT NULL DEFAULT '',
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, platform, source_identifier)
);
CREATE INDEX IF NOT EXISTS content_sources_sync_idx ON baseline.content_sources (sync_enabled, last_synced_at);
CREATE INDEX IF NOT EXISTS content_sources_user_idx ON baseline.content_sources (user_id, platform);
CREATE TABLE IF NOT EXISTS baseline.users (
  id text PRIMARY KEY,
  is_active boolean NOT NULL DEFAULT true,
  is_profile_public boolean NOT NULL DEFAULT true,
  last_login timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS baseline.projects (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL,
  slug text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  type text NOT NULL DEFAULT 'video',
  is_showcased boolean NOT NULL DEFAULT true,
  is_private boolean NOT NULL DEFAULT true,
  featured_image_url text NOT NULL DEFAULT '',
  external_url text NOT NULL DEFAULT '',
  content jsonb NOT NULL DEFAULT '{}',
  content_source_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, slug)
);
CREATE UNIQUE INDEX IF NOT EXISTS projects_external_url_per_user ON baseline.projects (user_id, external_url) WHERE external_url <> '';
CREATE TABLE IF NOT EXISTS baseline.quota_counters (
  key text PRIMARY KEY,
  used integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL
);
`;

export async function createBaselineSchema(db: BaselineDb): Promise<void> {
  await db.query(BASELINE_SCHEMA_SQL);
}
