import pino from "pino";
import { describe, expect, it } from "vitest";
import { isAppError } from "~/lib/errors";
import { db } from "~/server/db";
import { countStatements } from "@test/count-statements";
import { quotaDayDate } from "./next-reset";
import { createQuotaLease } from "./quota-lease";
import type { QuotaLimits } from "./reserve-quota";

const logger = pino({ level: "silent" });
/** Background work may use `share` of 100 units a day. */
const limits = (share: number): QuotaLimits => ({ projectDaily: 100, userDaily: 100, backgroundShare: share });

async function ledger(now: Date): Promise<number | undefined> {
  const row = await db.quotaDay.findUnique({
    where: { day_scope: { day: quotaDayDate(now), scope: "project" } },
    select: { used: true },
  });
  return row?.used;
}

// Days of 2034 are this file's alone: other files keep their own ledger days (client.int.test.ts: 2032).
describe("background quota lease", () => {
  it("reserves a block in one statement, hands it out without any, then reserves the next", async () => {
    const now = new Date("2034-01-05T12:00:00Z");
    const lease = createQuotaLease({ blockUnits: 10, limits: limits(0.8), logger });
    const first = await countStatements(async () => {
      for (let index = 0; index < 10; index += 1) await lease.take(1, now);
    });
    expect(first.statements).toBe(1);
    expect(await ledger(now)).toBe(10);
    expect(lease.held()).toBe(0);
    const next = await countStatements(() => lease.take(3, now));
    expect(next.statements).toBe(1);
    expect(await ledger(now)).toBe(20);
    expect(lease.held()).toBe(7);
  });

  it("when a block is refused, tries exactly the units missing, so the share's last units are spent", async () => {
    const now = new Date("2034-01-06T12:00:00Z");
    // 23 units of background share: blocks of 10, 10, then 3 taken one by one.
    const lease = createQuotaLease({ blockUnits: 10, limits: limits(0.23), logger });
    for (let index = 0; index < 23; index += 1) await lease.take(1, now);
    expect(await ledger(now)).toBe(23);
    const error = await lease.take(1, now).catch((caught: unknown) => caught);
    expect(isAppError(error, "QUOTA_EXHAUSTED") && error.message).toContain("Background sync has used its share");
    expect(await ledger(now)).toBe(23);
  });

  it("a take bigger than what is held reserves only the difference once blocks are refused", async () => {
    const now = new Date("2034-01-07T12:00:00Z");
    const lease = createQuotaLease({ blockUnits: 10, limits: limits(0.12), logger });
    await lease.take(8, now);
    expect(lease.held()).toBe(2);
    // Holds 2, needs 4: a block of 10 would pass the 12-unit share, exactly the missing 2 do not.
    await lease.take(4, now);
    expect(lease.held()).toBe(0);
    expect(await ledger(now)).toBe(12);
  });

  it("gives the leftover back on close, and reserves exactly per take afterwards", async () => {
    const now = new Date("2034-01-08T12:00:00Z");
    const lease = createQuotaLease({ blockUnits: 10, limits: limits(0.8), logger });
    await lease.take(3, now);
    expect(await ledger(now)).toBe(10);
    await lease.close();
    expect(lease.held()).toBe(0);
    expect(await ledger(now)).toBe(3);
    await lease.take(2, now);
    expect(lease.held()).toBe(0);
    expect(await ledger(now)).toBe(5);
  });

  it("gives back what it held for a Pacific day that ended, and leases afresh on the new day", async () => {
    const evening = new Date("2034-02-09T07:30:00Z");
    const nextDay = new Date("2034-02-09T08:00:00Z");
    expect(quotaDayDate(evening)).not.toEqual(quotaDayDate(nextDay));
    const lease = createQuotaLease({ blockUnits: 10, limits: limits(0.8), logger });
    await lease.take(4, evening);
    await lease.take(1, nextDay);
    expect(await ledger(evening)).toBe(4);
    expect(await ledger(nextDay)).toBe(10);
    expect(lease.held()).toBe(9);
  });

  it("never hands out more than it reserved when many takers in one process race for the share", async () => {
    const now = new Date("2034-01-10T12:00:00Z");
    const lease = createQuotaLease({ blockUnits: 10, limits: limits(0.37), logger });
    const sizes = Array.from({ length: 60 }, (_, index) => (index % 3) + 1);
    const outcomes = await Promise.all(
      sizes.map((units) =>
        lease.take(units, now).then(
          () => units,
          (error: unknown) => (isAppError(error, "QUOTA_EXHAUSTED") ? 0 : Promise.reject(error)),
        ),
      ),
    );
    const taken = outcomes.reduce((sum, units) => sum + units, 0);
    expect(await ledger(now)).toBe(taken + lease.held());
    expect(taken + lease.held()).toBeLessThanOrEqual(37);
    // The share ends in a refusal: at least 35 of its 37 units were handed out (a 3 may not fit the last 2).
    expect(taken).toBeGreaterThanOrEqual(35);
    await lease.release();
    expect(await ledger(now)).toBe(taken);
  });

  it("a concurrent burst with room to spare costs one statement per block", async () => {
    const now = new Date("2034-01-11T12:00:00Z");
    const lease = createQuotaLease({ blockUnits: 10, limits: limits(0.8), logger });
    const { statements } = await countStatements(() =>
      Promise.all(Array.from({ length: 40 }, () => lease.take(1, now))),
    );
    expect(statements).toBe(4);
    expect(await ledger(now)).toBe(40);
  });
});
