/**
 * Deletes what src/lib/retention/policies.ts says is past its retention, the way a busy database can
 * afford: statements of at most MAX_CHUNK_ROWS rows, each finding its rows through an index; a pause
 * after every turn that wrote rows and left work behind; and a time budget per run, after which the run
 * stops and the next one continues (every rule is a condition on the rows, so what is left still matches
 * it; the one sweep keeps its position in RetentionCursor). Rules take turns — one delete each, after the
 * statements that prepare it — so a table with a large backlog does not starve the others. Rows deleted
 * are counted per table in retention_rows_pruned_total. Called by the retention.prune job; `now` moves the
 * clock for tests and the growth benchmark, `pool` lets them point it at their own database.
 */
import type pg from "pg";
import type { Logger } from "~/server/logger";
import { metrics } from "~/server/metrics";
import { PRUNE_RULES, type PruneRule, type TableName } from "./policies";

/** The most rows one statement may delete or update (issue 23: never one large DELETE). */
export const MAX_CHUNK_ROWS = 10_000;
/** A run stops starting statements after this; the job runs every 10 minutes (worker/schedules.ts). */
export const RUN_BUDGET_MS = 60_000;
/** Rest after a turn that wrote rows and left work behind, so a backlog is worked off without monopolising I/O. */
const CHUNK_PAUSE_MS = 100;
/** Rows of the walked table (users, or channels) one statement of a sweep covers (each is one index probe). */
const SWEEP_ROWS_PER_STATEMENT = 1_000;

/** The one query form this file uses: a pg Pool, or a test's wrapper around one. */
export type Queryable = {
  query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<Row>>;
};

export type RuleReport = { statements: number; affected: number; largest: number; ms: number };

export type PruneRunResult = {
  /** Rows deleted per table in this run. */
  pruned: Partial<Record<TableName, number>>;
  /** Per rule: statements sent, rows they touched (deleted, or detached for a prepare step), the most in one, time. */
  rules: Record<string, RuleReport>;
  /** Rules with work left when the run stopped; empty when it caught up. */
  pending: string[];
  outcome: "caught_up" | "budget_spent" | "stopped";
  elapsedMs: number;
};

type RuleState = { rule: PruneRule; step: number; cursor: string; isDone: boolean };

// The RetentionBehind alert takes increase() of the outcomes; a series born at 1 would hide its first run.
for (const outcome of ["caught_up", "budget_spent", "stopped"] as const) metrics.retentionRunsTotal.inc({ outcome }, 0);
for (const rule of PRUNE_RULES)
  for (const step of rule.steps) if (step.deletes) metrics.retentionRowsPrunedTotal.inc({ table: step.deletes }, 0);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readCursors(pool: Queryable): Promise<Map<string, { position: string | null; updatedAt: Date }>> {
  const { rows } = await pool.query<{ rule: string; position: string | null; updatedAt: Date }>(
    `SELECT "rule", "position", "updatedAt" FROM "RetentionCursor"`,
  );
  return new Map(rows.map((row) => [row.rule, row]));
}

async function saveCursor(pool: Queryable, rule: string, position: string | null, now: Date): Promise<void> {
  await pool.query(
    `INSERT INTO "RetentionCursor" ("rule", "position", "updatedAt") VALUES ($1, $2, $3)
     ON CONFLICT ("rule") DO UPDATE SET "position" = EXCLUDED."position", "updatedAt" = EXCLUDED."updatedAt"`,
    [rule, position, now],
  );
}

/** A sweep that finished less than its interval ago waits; one stopped midway continues from its cursor. */
function initialState(rule: PruneRule, cursors: Awaited<ReturnType<typeof readCursors>>, now: Date): RuleState {
  const saved = cursors.get(rule.id);
  const isResting =
    rule.sweep !== undefined &&
    saved !== undefined &&
    saved.position === null &&
    now.getTime() - saved.updatedAt.getTime() < rule.sweep.everyMs;
  return { rule, step: 0, cursor: saved?.position ?? "", isDone: isResting };
}

/** What a run's statements share: the connection, the clock and limits, and the tallies they add to. */
type PruneRun = {
  pool: Queryable;
  now: Date;
  chunkRows: number;
  sweepRows: number;
  pruned: PruneRunResult["pruned"];
  rules: Record<string, RuleReport>;
};

/**
 * Runs the rule's next statement and moves its state on; answers whether the rule has work left. A prepare
 * step that did not fill its chunk hands over to the next step in the same turn, so a turn always ends on
 * a full chunk or on the delete.
 */
async function advance(run: PruneRun, state: RuleState): Promise<boolean> {
  const { pool, now, chunkRows, sweepRows, pruned, rules } = run;
  const step = state.rule.steps[state.step]!;
  const statementStarted = performance.now();
  const { rows } = await pool.query<{ affected: number; cursor?: string | null }>(step.sql, [
    chunkRows,
    ...step.values({ now, cursor: state.cursor, sweepRows }),
  ]);
  const affected = rows[0]?.affected ?? 0;
  const report = rules[state.rule.id]!;
  report.statements += 1;
  report.affected += affected;
  report.largest = Math.max(report.largest, affected);
  report.ms += performance.now() - statementStarted;
  if (step.deletes && affected > 0) {
    pruned[step.deletes] = (pruned[step.deletes] ?? 0) + affected;
    metrics.retentionRowsPrunedTotal.inc({ table: step.deletes }, affected);
  }

  if (state.rule.sweep) {
    const next = rows[0]?.cursor ?? null;
    await saveCursor(pool, state.rule.id, next, now);
    state.cursor = next ?? "";
    state.isDone = next === null;
  } else if (affected >= chunkRows) {
    // A full chunk: more rows may match. A prepare step repeats; after the delete the steps start over.
    if (state.step === state.rule.steps.length - 1) state.step = 0;
  } else if (state.step < state.rule.steps.length - 1) {
    state.step += 1;
    return advance(run, state);
  } else {
    state.isDone = true;
  }
  return !state.isDone;
}

export async function pruneExpiredRows(options: {
  pool: Queryable;
  logger: Logger;
  now?: Date;
  signal?: AbortSignal;
  chunkRows?: number;
  budgetMs?: number;
  pauseMs?: number;
  sweepRows?: number;
}): Promise<PruneRunResult> {
  const { pool, logger, signal } = options;
  const now = options.now ?? new Date();
  const chunkRows = options.chunkRows ?? MAX_CHUNK_ROWS;
  if (!Number.isInteger(chunkRows) || chunkRows < 1 || chunkRows > MAX_CHUNK_ROWS) {
    throw new RangeError(`chunkRows must be an integer from 1 to ${MAX_CHUNK_ROWS}, got ${chunkRows}`);
  }
  const budgetMs = options.budgetMs ?? RUN_BUDGET_MS;
  const pauseMs = options.pauseMs ?? CHUNK_PAUSE_MS;
  const sweepRows = options.sweepRows ?? SWEEP_ROWS_PER_STATEMENT;
  const started = performance.now();

  const cursors = await readCursors(pool);
  const states = PRUNE_RULES.map((rule) => initialState(rule, cursors, now));
  const pruned: PruneRunResult["pruned"] = {};
  const rules: Record<string, RuleReport> = Object.fromEntries(
    states.map((state) => [state.rule.id, { statements: 0, affected: 0, largest: 0, ms: 0 }]),
  );

  const run: PruneRun = { pool, now, chunkRows, sweepRows, pruned, rules };
  let outcome: PruneRunResult["outcome"] = "caught_up";
  let isFirstRound = true;
  rounds: while (states.some((state) => !state.isDone)) {
    for (const state of states) {
      if (state.isDone) continue;
      if (signal?.aborted) {
        outcome = "stopped";
        break rounds;
      }
      // Every rule gets one turn per run, however small the budget; after that the budget decides.
      if (!isFirstRound && performance.now() - started >= budgetMs) {
        outcome = "budget_spent";
        break rounds;
      }
      const touchedBefore = rules[state.rule.id]!.affected;
      const hasWork = await advance(run, state);
      // Rest only after writes: a sweep statement that found nothing to delete only read an index.
      if (hasWork && rules[state.rule.id]!.affected > touchedBefore && pauseMs > 0) await sleep(pauseMs);
    }
    isFirstRound = false;
  }

  const pending = states.filter((state) => !state.isDone).map((state) => state.rule.id);
  const elapsedMs = performance.now() - started;
  metrics.retentionRunsTotal.inc({ outcome });
  const fields = {
    pruned,
    pending,
    elapsedMs: Math.round(elapsedMs),
    statements: Object.values(rules).reduce((sum, rule) => sum + rule.statements, 0),
  };
  if (outcome === "budget_spent") logger.warn(fields, "retention.behind");
  else logger.info(fields, "retention.pruned");
  return { pruned, rules, pending, outcome, elapsedMs };
}
