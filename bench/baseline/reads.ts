/**
 * The reviewed system's reads, reproduced as a benchmark fixture — never used by the app. Per-row checks:
 * - My Videos flagging: one existence query per video of the page (the duplicate check of
 *   docs/design.md#the-baseline run per video, on the natural key's index);
 * - the projects list: the newest page, then one query per project for its tools and one for its
 *   categories (an ORM list without prefetching: N + 1).
 * One connection per request (Django's default CONN_MAX_AGE=0), opened before the clock starts: what is
 * timed is the queries, as for Showreel, so the difference is the per-row pattern alone.
 */
import pg from "pg";

export async function runBaselineReads(options: {
  databaseUrl: string;
  userIds: readonly string[];
  pageVideoIds: readonly string[];
  listLimit: number;
}) {
  const flagMs: number[] = [];
  const listMs: number[] = [];
  for (const userId of options.userIds) {
    const client = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: "showreel-bench-baseline",
    });
    await client.connect();
    try {
      let started = performance.now();
      for (const videoId of options.pageVideoIds) {
        await client.query(`SELECT 1 FROM "Project" WHERE "userId" = $1 AND "youtubeVideoId" = $2 LIMIT 1`, [
          userId,
          videoId,
        ]);
      }
      flagMs.push(performance.now() - started);
      started = performance.now();
      const { rows } = await client.query<{ id: string }>(
        `SELECT "id", "slug", "title", "thumbnailUrl", "durationSeconds", "kind", "viewCount", "publishedAt", "visibility", "createdAt"
           FROM "Project" WHERE "userId" = $1 ORDER BY "createdAt" DESC LIMIT $2`,
        [userId, options.listLimit],
      );
      for (const row of rows) {
        await client.query(
          `SELECT t."slug", t."name" FROM "ProjectTool" pt JOIN "Tool" t ON t."id" = pt."toolId" WHERE pt."projectId" = $1`,
          [row.id],
        );
        await client.query(
          `SELECT c."slug", c."name" FROM "ProjectCategory" pc JOIN "Category" c ON c."id" = pc."categoryId" WHERE pc."projectId" = $1`,
          [row.id],
        );
      }
      listMs.push(performance.now() - started);
    } finally {
      await client.end();
    }
  }
  return { flagMs, listMs };
}
