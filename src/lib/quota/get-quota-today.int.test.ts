import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { getQuotaToday } from "./get-quota-today";
import { markQuotaExhausted } from "./mark-quota-exhausted";
import { quotaDayDate } from "./next-reset";
import { reserveQuota, userQuotaScope, type QuotaLimits } from "./reserve-quota";

// Each test owns a distinct Pacific day far from the other quota tests, so the shared project row is its own.
const limits: QuotaLimits = { projectDaily: 1000, userDaily: 100, backgroundShare: 0.8 };

describe("getQuotaToday", () => {
  it("reads nothing spent on a fresh day, with the configured limits and the next Pacific midnight", async () => {
    const now = new Date("2033-01-15T12:00:00Z");
    expect(await getQuotaToday({ userId: randomUUID(), now, limits })).toEqual({
      project: { used: 0, limit: 1000, syncLimit: 800 },
      user: { used: 0, limit: 100 },
      resetsAt: new Date("2033-01-16T08:00:00Z"),
      exhaustedUntil: null,
      exhaustedScope: null,
    });
    // Summer: midnight Pacific is 07:00Z (PDT).
    const summer = await getQuotaToday({ userId: randomUUID(), now: new Date("2033-07-15T23:30:00Z"), limits });
    expect(summer.resetsAt).toEqual(new Date("2033-07-16T07:00:00Z"));
  });

  it("shows the project-wide total and only the viewer's own share", async () => {
    const now = new Date("2033-02-03T12:00:00Z");
    const [alice, bob] = [randomUUID(), randomUUID()];
    await reserveQuota({ units: 30, purpose: "interactive", userId: alice, now, limits });
    await reserveQuota({ units: 50, purpose: "interactive", userId: bob, now, limits });
    await reserveQuota({ units: 40, purpose: "background", now, limits });

    const forAlice = await getQuotaToday({ userId: alice, now, limits });
    expect(forAlice.project).toEqual({ used: 120, limit: 1000, syncLimit: 800 });
    expect(forAlice.user).toEqual({ used: 30, limit: 100 });
    expect((await getQuotaToday({ userId: bob, now, limits })).user.used).toBe(50);
    expect((await getQuotaToday({ userId: randomUUID(), now, limits })).user.used).toBe(0);
    // Yesterday's (Pacific) spending does not count: 07:59Z on the 3rd is still the 2nd in Los Angeles.
    expect((await getQuotaToday({ userId: alice, now: new Date("2033-02-03T07:59:00Z"), limits })).project.used).toBe(
      0,
    );
    expect(forAlice.exhaustedUntil).toBeNull();
  });

  it("is exhausted until the reset once Google said quotaExceeded, and no longer after it", async () => {
    const now = new Date("2033-03-04T12:00:00Z");
    const userId = randomUUID();
    await reserveQuota({ units: 5, purpose: "interactive", userId, now, limits });
    const until = await markQuotaExhausted({ now });

    const today = await getQuotaToday({ userId, now, limits });
    expect(today.exhaustedUntil).toEqual(until);
    expect(today.exhaustedUntil).toEqual(new Date("2033-03-05T08:00:00Z"));
    expect(today.exhaustedScope).toBe("project");
    // The mark keeps the row's own count; the meter shows what was spent, not the limit.
    expect(today.project.used).toBe(5);

    // Still paused in the day's last millisecond; a mark whose time has passed pauses nothing.
    expect((await getQuotaToday({ userId, now: new Date("2033-03-05T07:59:59.999Z"), limits })).exhaustedScope).toBe(
      "project",
    );
    await db.quotaDay.update({
      where: { day_scope: { day: quotaDayDate(now), scope: "project" } },
      data: { exhaustedUntil: new Date("2033-03-04T13:00:00Z") },
    });
    expect((await getQuotaToday({ userId, now: new Date("2033-03-04T13:00:01Z"), limits })).exhaustedUntil).toBeNull();
  });

  it("is exhausted when a budget is spent: the user's share for that user only, the project's for everyone", async () => {
    const now = new Date("2033-04-05T12:00:00Z");
    const [heavy, light] = [randomUUID(), randomUUID()];
    await reserveQuota({ units: 100, purpose: "interactive", userId: heavy, now, limits });
    expect(await getQuotaToday({ userId: heavy, now, limits })).toMatchObject({
      user: { used: 100, limit: 100 },
      exhaustedUntil: new Date("2033-04-06T07:00:00Z"),
      exhaustedScope: "user",
    });
    expect((await getQuotaToday({ userId: light, now, limits })).exhaustedUntil).toBeNull();

    await reserveQuota({ units: 900, purpose: "interactive", now, limits });
    expect(await getQuotaToday({ userId: light, now, limits })).toMatchObject({
      project: { used: 1000 },
      exhaustedUntil: new Date("2033-04-06T07:00:00Z"),
      exhaustedScope: "project",
    });
  });

  it("reads a user's own row by its scope key", async () => {
    const now = new Date("2033-05-06T12:00:00Z");
    const userId = randomUUID();
    await db.quotaDay.create({ data: { day: quotaDayDate(now), scope: userQuotaScope(userId), used: 7, limit: 100 } });
    expect((await getQuotaToday({ userId, now, limits })).user).toEqual({ used: 7, limit: 100 });
  });
});
