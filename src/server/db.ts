/**
 * The process's Prisma client over one bounded pg Pool (driver adapter, Prisma 7). The web server, the
 * worker and pg-boss each hold their own pool, so DATABASE_POOL_MAX stays small. Cached on globalThis so
 * Next's dev hot reloads do not open a new pool each time. Statements are prepared by name
 * (src/server/statement-names.ts) and counted for the API request they serve (src/server/statement-census.ts).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "~/env";
import { type Prisma, PrismaClient } from "~/generated/prisma/client";
import { logger } from "~/server/logger";
import { countStatement } from "~/server/statement-census";
import { statementNameFor } from "~/server/statement-names";
import { processSingleton, processSlot } from "~/server/process-singleton";

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
  instrumentRawQueries(pool);
  return pool;
}

/** A statement sent: its text, the values of its parameters as sent, and how long until Postgres answered. */
type QueryListener = (event: { query: string; params: readonly unknown[]; durationMs: number }) => void;
const queryListeners = new Set<QueryListener>();

/**
 * Tells query listeners (onQuery) about a raw statement, `config` and `values` as the caller passed them to
 * pool.query, when it settles. Nothing is read or timed when none listens (production).
 */
function observed(result: unknown, config: unknown, values: unknown): unknown {
  if (queryListeners.size === 0 || !(result instanceof Promise)) return result;
  const startedAt = performance.now();
  const named = typeof config === "object" && config !== null ? (config as pg.QueryConfig) : null;
  const query = named ? named.text : String(config);
  const sent = named?.values ?? values;
  const params: readonly unknown[] = Array.isArray(sent) ? sent : [];
  const settled = () => {
    for (const listener of queryListeners) listener({ query, params, durationMs: performance.now() - startedAt });
  };
  // A branch of its own: the caller still sees the rejection; this one is handled.
  result.then(settled, settled);
  return result;
}

/**
 * Raw `pool.query` calls (rate limits, ops pages, the worker's sync claims, queryRows) are counted for the
 * request they serve, shown to query listeners, and named when parameterised: a query with values already
 * uses the extended protocol, so naming it cannot break a multi-statement text. The Prisma adapter's own
 * calls (rowMode "array") pass through untouched: its statement name generator counts and names them.
 */
function instrumentRawQueries(pool: pg.Pool): void {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const instrumented = (config: unknown, values?: unknown, callback?: unknown): unknown => {
    const isObject = typeof config === "object" && config !== null;
    if (isObject && (config as pg.QueryConfig & { rowMode?: string }).rowMode === "array")
      return query(config, values, callback);
    countStatement();
    if (typeof config === "string" && Array.isArray(values) && values.length > 0) {
      const name = statementNameFor(config);
      if (name)
        return observed(
          callback === undefined
            ? query({ name, text: config, values })
            : query({ name, text: config, values }, callback),
          config,
          values,
        );
    } else if (isObject) {
      const named = config as pg.QueryConfig;
      if (!named.name && named.values?.length && typeof named.text === "string") {
        const name = statementNameFor(named.text);
        if (name) return observed(query({ ...named, name }, values, callback), config, values);
      }
    }
    return observed(query(config, values, callback), config, values);
  };
  pool.query = instrumented as typeof pool.query;
}

function createClient(pool: pg.Pool) {
  // Every statement Prisma sends is named (prepared once per connection) and counted for its request.
  const adapter = new PrismaPg(pool, {
    statementNameGenerator: (query) => {
      countStatement();
      return statementNameFor(query.sql);
    },
  });
  // Query events (onQuery, below) are for tests and benchmarks: in production nothing listens, and Prisma
  // would still build an event, its parameters serialized, for every statement.
  const log: Prisma.LogDefinition[] =
    (env.DB_QUERY_EVENTS ?? env.NODE_ENV !== "production") ? [{ emit: "event", level: "query" }] : [];
  const client = new PrismaClient({ adapter, log });
  client.$on("query", (event) => {
    if (queryListeners.size === 0) return;
    const params = JSON.parse(event.params) as unknown[];
    for (const listener of queryListeners) listener({ query: event.query, params, durationMs: Number(event.duration) });
  });
  return client;
}

export const pool: pg.Pool = processSingleton("showreelPool", createPool);
export const db = processSingleton("showreelDb", () => createClient(pool));

/** The statement text of a queryRows call site: its template's parts joined by $1, $2, … (built once). */
const templateTexts = new WeakMap<TemplateStringsArray, string>();

/**
 * One statement on the pool, written as a tagged template (`queryRows<Row>\`SELECT … WHERE "id" = ${id}\``):
 * every `${}` is sent as a parameter, never spliced into the text, and the text is the same on every call, so
 * the statement is prepared once per connection (it is named, counted and observed like every raw query).
 * For the API's hot paths: Prisma's $queryRaw costs 0.10–0.15 ms of client CPU a statement, the pool 0.04–0.05
 * (docs/architecture.md, "Hot reads on the pool"). Rows come with pg's types, not Prisma's: timestamptz is a
 * Date, json and jsonb are parsed, int4 is a number, but int8 and numeric are strings, and an array of an
 * enum is a string (cast it to text[]). A Date sent for a `date` column is read in the server's time zone:
 * send the day as "YYYY-MM-DD" text.
 */
export async function queryRows<Row extends object>(
  strings: TemplateStringsArray,
  ...values: readonly unknown[]
): Promise<Row[]> {
  let text = templateTexts.get(strings);
  if (text === undefined) {
    text = strings.reduce((sql, part, index) => `${sql}$${index}${part}`);
    templateTexts.set(strings, text);
  }
  return (await pool.query<Row & pg.QueryResultRow>(text, values as unknown[])).rows;
}

/**
 * Observes every SQL statement the app sends, through Prisma or the pool (tests count them to prove a path
 * issues a constant number of queries). Prisma's only when DB_QUERY_EVENTS is on (by default everywhere but
 * NODE_ENV=production). Returns the unsubscribe function.
 */
export function onQuery(listener: QueryListener): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

export async function closeDb(): Promise<void> {
  await db.$disconnect();
  await pool.end();
  processSlot("showreelDb").clear();
  processSlot("showreelPool").clear();
}
