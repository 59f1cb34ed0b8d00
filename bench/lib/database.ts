/**
 * A fresh, migrated, seeded database per benchmark run (scripts/db/test-database.ts), on:
 * BENCH_DATABASE_URL, else DATABASE_URL, else a PostgreSQL answering on 127.0.0.1:5432 (user postgres),
 * else the embedded PostgreSQL the tests use. Dropped afterwards unless KEEP_TEST_DB is set.
 */
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../scripts/db/test-database";

const LOCAL_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Which server the run's database goes on, and why (printed with the results). */
export async function pickDatabaseServer(): Promise<{ url: string | undefined; source: string }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, source: "BENCH_DATABASE_URL" };
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, source: "DATABASE_URL" };
  if (await answers(LOCAL_SERVER_URL)) return { url: LOCAL_SERVER_URL, source: "local server 127.0.0.1:5432" };
  return { url: undefined, source: "embedded PostgreSQL" };
}

export async function createBenchDatabase(options: {
  prefix: string;
  log: (line: string) => void;
}): Promise<TestDatabase & { serverSource: string }> {
  const server = await pickDatabaseServer();
  // createTestDatabase takes its server from DATABASE_URL (unset → embedded); this process reads no other config from it.
  if (server.url) process.env.DATABASE_URL = server.url;
  const database = await createTestDatabase({ prefix: options.prefix, log: options.log });
  return { ...database, serverSource: server.source };
}

/** The application_name of the harness's own connections (bench/lib/cpu.ts can leave them out). */
export const HARNESS_APPLICATION_NAME = "showreel-bench";

/**
 * A small pool for the harness's own setup and measuring queries (never the app's code paths). No
 * parallel query: the progress count would otherwise start parallel workers each poll, CPU the app's
 * queries then compete with.
 */
export function harnessPool(url: string): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: 2,
    application_name: HARNESS_APPLICATION_NAME,
    options: "-c max_parallel_workers_per_gather=0",
  });
}
