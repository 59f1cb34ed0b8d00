/**
 * Prepared statements and the statement census against the lane's Postgres: Prisma's statements and
 * parameterised raw queries are prepared under their hashed names on the connection; transactions still
 * work; each statement is counted for the request it serves, by procedure, through the tRPC route.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as trpcGet } from "~/app/api/trpc/[trpc]/route";
import { env } from "~/env";
import { auth } from "~/server/auth";
import { db, pool } from "~/server/db";
import { metrics } from "~/server/metrics";
import { withStatementCensus } from "~/server/statement-census";
import { statementNameFor } from "~/server/statement-names";

type PreparedRow = { pid: number; name: string; statement: string };

async function counterValue(counter: typeof metrics.dbStatementsTotal, procedure: string): Promise<number> {
  const { values } = await counter.get();
  return values.find((value) => value.labels.procedure === procedure)?.value ?? 0;
}

async function signedInCookie(): Promise<Headers> {
  const response = await auth.handler(
    new Request(new URL("/api/auth/sign-up/email", env.APP_URL), {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(env.APP_URL).origin },
      body: JSON.stringify({ email: `${randomUUID()}@census.showreel.local`, password: "correct horse battery", name: "Census" }),
    }),
  );
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .join("; ");
  return new Headers({ cookie });
}

describe("prepared statements", () => {
  it("prepares Prisma's statements under their hashed names on the connection, inside and outside transactions", async () => {
    const email = `${randomUUID()}@prepared.test`;
    const prepared = await db.$transaction(async (tx) => {
      await tx.user.findUnique({ where: { email }, select: { id: true } });
      await tx.user.findUnique({ where: { email }, select: { id: true } });
      return tx.$queryRaw<PreparedRow[]>`SELECT pg_backend_pid() AS pid, name, statement FROM pg_prepared_statements`;
    });
    const lookup = prepared.find((row) => row.statement.includes(`FROM "public"."User"`) && row.statement.includes(`"email"`));
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

  it("counts a tRPC request under its procedure, a batch's procedures under theirs, and unknown paths as unknown", async () => {
    const headers = await signedInCookie();
    const call = async (path: string) => {
      const response = await trpcGet(new Request(new URL(`/api/trpc/${path}`, env.APP_URL), { headers }));
      await response.text();
      return response.status;
    };
    const procedure = "notifications.unreadCount";
    const [statementsBefore, requestsBefore] = [await counterValue(metrics.dbStatementsTotal, procedure), await counterValue(metrics.webRequestsTotal, procedure)];
    expect(await call(procedure)).toBe(200);
    const single = (await counterValue(metrics.dbStatementsTotal, procedure)) - statementsBefore;
    expect(single).toBeGreaterThan(0);
    expect((await counterValue(metrics.webRequestsTotal, procedure)) - requestsBefore).toBe(1);

    const batchBefore = await counterValue(metrics.webRequestsTotal, "batch");
    const quotaBefore = await counterValue(metrics.webRequestsTotal, "quota.today");
    expect(await call(`${procedure},quota.today?batch=1&input=${encodeURIComponent("{}")}`)).toBe(200);
    expect((await counterValue(metrics.webRequestsTotal, "batch")) - batchBefore).toBe(1);
    expect((await counterValue(metrics.webRequestsTotal, "quota.today")) - quotaBefore).toBe(1);
    expect((await counterValue(metrics.webRequestsTotal, procedure)) - requestsBefore).toBe(2);
    // The session came from the cache cookie, so the batch itself spent nothing outside its procedures.
    expect((await counterValue(metrics.dbStatementsTotal, procedure)) - statementsBefore).toBe(2 * single);

    const unknownBefore = await counterValue(metrics.webRequestsTotal, "unknown");
    expect(await call("no.such.procedure")).toBe(404);
    expect((await counterValue(metrics.webRequestsTotal, "unknown")) - unknownBefore).toBe(1);
    const { values } = await metrics.webRequestsTotal.get();
    expect(values.some((value) => value.labels.procedure === "no.such.procedure")).toBe(false);
  });
});
