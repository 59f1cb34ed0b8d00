/**
 * Prepared statements and the statement census against the lane's Postgres: Prisma's statements and
 * parameterised raw queries are prepared under their hashed names on the connection; transactions still
 * work; each statement is counted for the scope it is sent in (src/trpc/procedure-census.int.test.ts
 * follows them through the tRPC route).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, pool } from "~/server/db";
import { metrics } from "~/server/metrics";
import { withStatementCensus } from "~/server/statement-census";
import { statementNameFor } from "~/server/statement-names";

type PreparedRow = { pid: number; name: string; statement: string };

async function counterValue(counter: typeof metrics.dbStatementsTotal, procedure: string): Promise<number> {
  const { values } = await counter.get();
  return values.find((value) => value.labels.procedure === procedure)?.value ?? 0;
}

describe("prepared statements", () => {
  it("prepares Prisma's statements under their hashed names on the connection, inside and outside transactions", async () => {
    const email = `${randomUUID()}@prepared.test`;
    const prepared = await db.$transaction(async (tx) => {
      await tx.user.findUnique({ where: { email }, select: { id: true } });
      await tx.user.findUnique({ where: { email }, select: { id: true } });
      return tx.$queryRaw<PreparedRow[]>`SELECT pg_backend_pid() AS pid, name, statement FROM pg_prepared_statements`;
    });
    const lookup = prepared.find(
      (row) => row.statement.includes(`FROM "public"."User"`) && row.statement.includes(`"email"`),
    );
    expect(lookup).toBeDefined();
    expect(lookup!.name).toBe(statementNameFor(lookup!.statement));
    // The same text from outside the transaction reuses the name on whichever connection runs it.
    expect(await db.user.findUnique({ where: { email }, select: { id: true } })).toBeNull();
    expect(prepared.some((row) => /^\s*(BEGIN|COMMIT)/i.test(row.statement))).toBe(false);
  });

  it("names parameterised raw pool queries, and leaves unparameterised ones unnamed", async () => {
    const text = "SELECT pg_backend_pid() AS pid, $1::int AS n";
    const first = await pool.query<{ pid: number; n: number }>(text, [7]);
    expect(first.rows[0]!.n).toBe(7);
    // An idle pool hands back the connection released last, so this runs where the first did.
    const unparameterised = "SELECT pg_backend_pid() AS pid, name, statement FROM pg_prepared_statements /* raw */";
    const { rows } = await pool.query<PreparedRow>(unparameterised);
    expect(rows[0]?.pid ?? first.rows[0]!.pid).toBe(first.rows[0]!.pid);
    expect(rows.find((row) => row.statement === text)?.name).toBe(statementNameFor(text));
    expect(rows.some((row) => row.statement === unparameterised)).toBe(false);
  });

  it("keeps a rolled-back transaction's named statements usable", async () => {
    const id = randomUUID();
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { id, name: "Rolled back", email: `${id}@prepared.test` } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await db.user.findUnique({ where: { id }, select: { id: true } })).toBeNull();
    await db.user.create({ data: { id, name: "Kept", email: `${id}@prepared.test` } });
    expect(await db.user.findUnique({ where: { id }, select: { name: true } })).toEqual({ name: "Kept" });
  });
});

describe("statement census", () => {
  it("counts every statement a scope sends: Prisma's (BEGIN and COMMIT included) and raw pool queries", async () => {
    const label = `test.census.${randomUUID()}`;
    const census = await withStatementCensus(label, async () => {
      await db.user.findFirst({ select: { id: true } });
      await db.$transaction(async (tx) => {
        await tx.user.findFirst({ select: { id: true } });
        await tx.user.count();
      });
      await pool.query("SELECT $1::int", [1]);
      return "done";
    });
    expect(census).toBe("done");
    // findFirst; BEGIN, findFirst, count, COMMIT; the raw query.
    expect(await counterValue(metrics.dbStatementsTotal, label)).toBe(6);
    expect(await counterValue(metrics.webRequestsTotal, label)).toBe(1);
    // Nothing outside a scope is counted, and concurrent scopes do not share counts.
    const [a, b] = [`test.a.${randomUUID()}`, `test.b.${randomUUID()}`];
    await Promise.all([
      withStatementCensus(a, async () => void (await db.user.count())),
      withStatementCensus(b, async () => void (await Promise.all([db.user.count(), db.user.count(), db.user.count()]))),
      db.user.count(),
    ]);
    expect(await counterValue(metrics.dbStatementsTotal, a)).toBe(1);
    expect(await counterValue(metrics.dbStatementsTotal, b)).toBe(3);
  });
});
