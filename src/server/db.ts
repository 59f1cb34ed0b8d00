/**
 * The process's Prisma client over one bounded pg Pool (driver adapter, Prisma 7). The web server, the
 * worker and pg-boss each hold their own pool, so DATABASE_POOL_MAX stays small. Cached on globalThis so
 * Next's dev hot reloads do not open a new pool each time.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "~/env";
import { PrismaClient } from "~/generated/prisma/client";
import { logger } from "~/server/logger";

function createPool(): pg.Pool {
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_MAX,
    application_name: "showreel",
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client errors when the server restarts; without a listener that error kills the process.
  pool.on("error", (error) => logger.warn({ err: error }, "db.pool_idle_client_error"));
  return pool;
}

type QueryListener = (event: { query: string; durationMs: number }) => void;
const queryListeners = new Set<QueryListener>();

function createClient(pool: pg.Pool) {
  const client = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => {
    for (const listener of queryListeners) listener({ query: event.query, durationMs: Number(event.duration) });
  });
  return client;
}

const globalForDb = globalThis as unknown as { showreelPool?: pg.Pool; showreelDb?: ReturnType<typeof createClient> };

export const pool: pg.Pool = (globalForDb.showreelPool ??= createPool());
export const db = (globalForDb.showreelDb ??= createClient(pool));

/**
 * Observes every SQL statement Prisma sends (tests count them to prove a path issues a constant number
 * of queries; metrics may time them). Returns the unsubscribe function.
 */
export function onQuery(listener: QueryListener): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

export async function closeDb(): Promise<void> {
  await db.$disconnect();
  await pool.end();
  delete globalForDb.showreelDb;
  delete globalForDb.showreelPool;
}
