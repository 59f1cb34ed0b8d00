/**
 * Counts the SQL statements each API request sends, by a label: the tRPC procedure path, "batch" for
 * what a batched request spends outside its procedures (the session lookup), or "api/<route>" for the
 * other route handlers. The scope is an AsyncLocalStorage entered by the route wrapper, so every
 * statement sent on behalf of the request is counted however deep it is issued; src/server/db.ts calls
 * `countStatement` for each one (Prisma's, BEGIN and COMMIT included, and raw pool queries).
 * Statements outside any scope (the worker, scrape-time gauges, background timers) are not counted.
 * The tRPC route opens a scope per request and the census middleware one per procedure, because a
 * streamed batch answers before its procedures finish.
 * Exported as db_statements_total and web_requests_total on /api/metrics.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { metrics } from "~/server/metrics";
import { processSingleton } from "~/server/process-singleton";

export type StatementCensus = { readonly label: string; statements: number };

const storage = processSingleton("showreelCensus", () => new AsyncLocalStorage<StatementCensus>());

/** Adds one statement to the request being served, if any. */
export function countStatement(): void {
  const census = storage.getStore();
  if (census) census.statements += 1;
}

/** The census of the request being served (tests and the tRPC procedure middleware read it). */
export function currentStatementCensus(): StatementCensus | undefined {
  return storage.getStore();
}

/**
 * Runs `work` under `label`: the statements it sends until it settles are added to
 * db_statements_total{procedure=label}, and web_requests_total{procedure=label} goes up by one unless
 * `countRequest` is false (a procedure inside a request already counted under the same label). A nested
 * scope takes its statements away from the enclosing one, so nothing is counted twice.
 */
export async function withStatementCensus<T>(
  label: string,
  work: () => Promise<T>,
  options: { countRequest?: boolean } = {},
): Promise<T> {
  const census: StatementCensus = { label, statements: 0 };
  try {
    return await storage.run(census, work);
  } finally {
    if (options.countRequest ?? true) metrics.webRequestsTotal.inc({ procedure: label });
    if (census.statements > 0) metrics.dbStatementsTotal.inc({ procedure: label }, census.statements);
  }
}
