import { experimental_standaloneMiddleware } from "@trpc/server";
import { currentStatementCensus, withStatementCensus } from "~/server/statement-census";
import type { Context } from "../context";

/**
 * Counts each procedure's SQL statements under its own path (db_statements_total{procedure}). A
 * procedure runs in a scope of its own even when its request is counted under the same path, because a
 * streamed batch answers (and closes the request's scope) before its procedures finish; the request is
 * then not counted twice. Server-side callers (page prefetches) have no request scope and count as one.
 */
export const statementCensusMiddleware = experimental_standaloneMiddleware<{ ctx: Context }>().create(
  ({ path, next }) =>
    withStatementCensus(path, () => next(), { countRequest: currentStatementCensus()?.label !== path }),
);
