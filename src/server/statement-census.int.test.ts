/**
 * Prepared statements and the statement census against the lane's Postgres: Prisma's statements and
 * parameterised raw queries are prepared under their hashed names on the connection; transactions still
 * work; each statement is counted for the scope it is sent in (src/trpc/procedure-census.int.test.ts
 * follows them through the tRPC route).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, onQuery, pool, queryRows } from "~/server/db";
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

describe("queryRows", () => {
  it("sends every value as a parameter, prepares the call site's one text once, and shows the statement to onQuery", async () => {
    const hostile = `'; DROP TABLE "User"; --`;
    const seen: { query: string; params: readonly unknown[] }[] = [];
    const stop = onQuery((event) => seen.push(event));
    const read = (value: string, count: number) =>
      queryRows<{ pid: number; value: string; count: number; at: Date; doc: { n: number } }>`
        SELECT pg_backend_pid() AS pid, ${value}::text AS value, ${count}::int AS count,
               now() AS at, jsonb_build_object('n', ${count}::int) AS doc`;
    let rows: Awaited<ReturnType<typeof read>>;
    try {
      rows = [...(await read(hostile, 1)), ...(await read("plain", 2))];
    } finally {
      stop();
    }
    // The text came back as data; pg's types: int4 a number, timestamptz a Date, jsonb parsed.
    expect(rows.map(({ value, count, doc }) => ({ value, count, doc }))).toEqual([
      { value: hostile, count: 1, doc: { n: 1 } },
      { value: "plain", count: 2, doc: { n: 2 } },
    ]);
    expect(rows[0]!.at).toBeInstanceOf(Date);
    // One text for both calls, numbered in template order (a value used twice is sent twice), with the values beside it.
    expect(seen).toHaveLength(2);
    expect(seen[0]!.query).toBe(seen[1]!.query);
    expect(seen[0]!.query).toMatch(/\$1::text AS value, \$2::int AS count/);
    expect(seen.map((event) => event.params)).toEqual([
      [hostile, 1, 1],
      ["plain", 2, 2],
    ]);
    // Prepared under its hashed name: an idle pool hands back the connection released last, where it ran.
    const { rows: prepared } = await pool.query<PreparedRow>(
      "SELECT pg_backend_pid() AS pid, name, statement FROM pg_prepared_statements /* queryRows */",
    );
    expect(prepared[0]?.pid).toBe(rows[1]!.pid);
    expect(prepared.find((row) => row.statement === seen[0]!.query)?.name).toBe(statementNameFor(seen[0]!.query));
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
