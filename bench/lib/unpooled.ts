/**
 * The reviewed system's database access for the baselines (bench/baseline/): no pooling, a new
 * connection per query, as the review found it (reference/seed-system.md; issue 10 "no connection
 * pooling"). Connecting is part of what each query costs there, so it is part of what is timed here.
 */
import pg from "pg";

export async function queryOnce<Row extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url, application_name: "showreel-bench-baseline" });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
