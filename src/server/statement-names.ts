/**
 * Names for prepared statements, so Postgres parses and plans a statement once per connection instead of
 * on every execution. The name is a hash of the SQL text (the same text always gets the same name, in
 * every process), remembered per text.
 *
 * Bounded on both sides: a connection keeps every statement it prepared until it closes, and so does the
 * pg client's own map of them, so only the first STATEMENT_NAMES_MAX distinct texts of a process are
 * named, and texts longer than STATEMENT_NAME_MAX_SQL_CHARS (multi-row inserts, whose text grows with the
 * row count) never are. Everything else runs unnamed, exactly as before. Transaction control (BEGIN,
 * COMMIT, savepoints) is never named.
 *
 * A prepared statement outlives a migration on a connection already open: if a migration changes the
 * columns a prepared statement returns, its next run fails with "cached plan must not change result
 * type". Restart (or roll) the web processes and workers after such a migration (docs/operations.md).
 */
import { createHash } from "node:crypto";
import { processSingleton } from "~/server/process-singleton";

/** Distinct statements one process names; the app sends a few hundred distinct texts. */
export const STATEMENT_NAMES_MAX = 1_000;
/** Longer texts are generated per row count (createMany, long IN lists) and would fill the table. */
export const STATEMENT_NAME_MAX_SQL_CHARS = 8_000;

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|START)\b/i;

const names = processSingleton("showreelStatementNames", () => new Map<string, string>());

/** The prepared-statement name for `sql`, or "" (pg's unnamed statement) when it is not to be named. */
export function statementNameFor(sql: string): string {
  const known = names.get(sql);
  if (known !== undefined) return known;
  if (names.size >= STATEMENT_NAMES_MAX || sql.length > STATEMENT_NAME_MAX_SQL_CHARS) return "";
  const name = TRANSACTION_CONTROL.test(sql)
    ? ""
    : // 96 bits of SHA-1: pg refuses one name used for two texts, so collisions must be out of reach.
      `s_${createHash("sha1").update(sql).digest("base64url").slice(0, 16)}`;
  names.set(sql, name);
  return name;
}

/** How many texts this process has remembered (named or refused); tests check the bound. */
export function statementNameCount(): number {
  return names.size;
}
