/**
 * Fills a bench database with P projects over U users for the reads benchmark, set-based inside Postgres:
 * each INSERT … SELECT generate_series writes a chunk of rows without sending any over the wire (what COPY
 * would stream, generated where it lands; no COPY client is among the dependencies). Row g belongs to user
 * (g × 7919) mod U — 7919 is prime to U, so every user gets P/U projects and consecutive rows go to
 * different users, as imports from many users interleave in a real table (a user's projects are spread
 * over the heap, not packed on a few pages). Every third project gets a tool. Indexes are those of the
 * migrations, maintained while loading, as they would be in production.
 */
import type pg from "pg";
import { formatNumber } from "./stats";

const CHUNK_ROWS = 250_000;
/** 11 hexadecimal digits: a valid, unique video id per row. */
const VIDEO_ID_SQL = `lpad(to_hex(g), 11, '0')`;

export const readsUserId = (index: number) => `bench-reads-${index}`;

export async function generateProjects(
  pool: pg.Pool,
  options: { users: number; projects: number; log: (line: string) => void },
): Promise<{ seconds: number; toolRows: number }> {
  const started = performance.now();
  await pool.query(
    `INSERT INTO "User" ("id", "name", "email", "emailVerified", "createdAt", "updatedAt")
     SELECT 'bench-reads-' || g, 'Reader ' || g, 'bench-reads-' || g || '@bench.showreel.local', true, now(), now()
       FROM generate_series(0, $1::int - 1) AS g`,
    [options.users],
  );
  const { rows: tools } = await pool.query<{ id: string }>(`SELECT "id" FROM "Tool" ORDER BY "name"`);
  const toolIds = tools.map((tool) => tool.id);
  let toolRows = 0;
  for (let from = 0; from < options.projects; from += CHUNK_ROWS) {
    const to = Math.min(options.projects, from + CHUNK_ROWS) - 1;
    const { rowCount } = await pool.query(
      `WITH inserted AS (
         INSERT INTO "Project" ("userId", "slug", "title", "youtubeVideoId", "externalUrl", "kind", "visibility", "analysisStatus",
                                "publishedAt", "durationSeconds", "viewCount", "createdAt", "updatedAt")
         SELECT 'bench-reads-' || ((g::bigint * 7919) % $3::int), 'video-' || g, 'Generated video ' || g, ${VIDEO_ID_SQL},
                'https://www.youtube.com/watch?v=' || ${VIDEO_ID_SQL}, 'video', 'public', 'fallback',
                timestamptz '2025-01-01' + g * interval '5 seconds', 60 + g % 3600, g % 100000,
                timestamptz '2025-01-01' + g * interval '5 seconds', now()
           FROM generate_series($1::int, $2::int) AS g
         RETURNING "id", "youtubeVideoId")
       INSERT INTO "ProjectTool" ("projectId", "toolId")
       SELECT inserted."id", ($4::uuid[])[1 + (('x' || lpad(inserted."youtubeVideoId", 16, '0'))::bit(64)::bigint % $5::int)::int]
         FROM inserted WHERE ('x' || lpad(inserted."youtubeVideoId", 16, '0'))::bit(64)::bigint % 3 = 0`,
      [from, to, options.users, toolIds, toolIds.length],
    );
    toolRows += rowCount ?? 0;
    options.log(`  generated ${formatNumber(to + 1)} / ${formatNumber(options.projects)} projects`);
  }
  await pool.query(`VACUUM ANALYZE "Project"`);
  await pool.query(`VACUUM ANALYZE "ProjectTool"`);
  await pool.query(`ANALYZE "User"`);
  return { seconds: (performance.now() - started) / 1000, toolRows };
}
