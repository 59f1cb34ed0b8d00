/**
 * Statements and requests counted per tRPC procedure through the route handler itself: a request under
 * its path (session lookup included), a batch as one "batch" request plus one per procedure, and a path
 * nobody defined as "unknown".
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { handleTrpcRequest as trpcGet } from "~/trpc/http-handler";
import { env } from "~/env";
import { auth } from "~/server/auth";
import { whenClosedAccountsKnown } from "~/server/live/live-hub";
import { metrics } from "~/server/metrics";

// Steady state: closed accounts are answered from memory, so a cached session costs no statement.
beforeAll(() => whenClosedAccountsKnown());

async function counterValue(counter: typeof metrics.dbStatementsTotal, procedure: string): Promise<number> {
  const { values } = await counter.get();
  return values.find((value) => value.labels.procedure === procedure)?.value ?? 0;
}

async function signedInCookie(): Promise<Headers> {
  const response = await auth.handler(
    new Request(new URL("/api/auth/sign-up/email", env.APP_URL), {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(env.APP_URL).origin },
      body: JSON.stringify({
        email: `${randomUUID()}@census.showreel.local`,
        password: "correct horse battery",
        name: "Census",
      }),
    }),
  );
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .join("; ");
  return new Headers({ cookie });
}

describe("statement census through the tRPC route", () => {
  it("counts a tRPC request under its procedure, a batch's procedures under theirs, and unknown paths as unknown", async () => {
    const headers = await signedInCookie();
    const call = async (path: string) => {
      const response = await trpcGet(new Request(new URL(`/api/trpc/${path}`, env.APP_URL), { headers }));
      await response.text();
      return response.status;
    };
    const procedure = "notifications.unreadCount";
    const [statementsBefore, requestsBefore] = [
      await counterValue(metrics.dbStatementsTotal, procedure),
      await counterValue(metrics.webRequestsTotal, procedure),
    ];
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
