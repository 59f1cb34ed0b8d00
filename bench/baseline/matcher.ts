/**
 * The reviewed system's tool matching (docs/design.md#the-baseline; issue 10 "one query per tool match"),
 * reproduced as a benchmark fixture — never used by the app: for each tool name the analyser produced (here
 * the video's tags, as in its fallback; at most 10), one query looks the name up by name or slug, each on a
 * new connection (bench/baseline/db.ts). Videos are matched one after another, as inside one task.
 */
import { createBaselineDb } from "./db";

const MAX_TAGS = 10;

export async function runBaselineMatcher(options: {
  databaseUrl: string;
  videos: readonly { tags: readonly string[] }[];
}) {
  const db = createBaselineDb(options.databaseUrl);
  let toolMatches = 0;
  const started = performance.now();
  for (const video of options.videos) {
    for (const tag of video.tags.slice(0, MAX_TAGS)) {
      const rows = await db.query(`SELECT "id" FROM "Tool" WHERE lower("name") = lower($1) OR "slug" = $2 LIMIT 1`, [
        tag,
        tag.toLowerCase().replace(/[ .]/g, "-"),
      ]);
      toolMatches += rows.length;
    }
  }
  return { seconds: (performance.now() - started) / 1000, queries: db.connectionsOpened(), toolMatches };
}
