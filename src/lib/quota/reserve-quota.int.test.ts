import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isAppError } from "~/lib/errors";
import { db, onQuery } from "~/server/db";
import { markQuotaExhausted } from "./mark-quota-exhausted";
import { quotaDayDate } from "./next-reset";
import { configuredQuotaLimits, reserveQuota, userQuotaScope, type QuotaLimits } from "./reserve-quota";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const limits = (projectDaily: number, userDaily = projectDaily, backgroundShare = 0.8): QuotaLimits => ({
  projectDaily,
  userDaily,
  backgroundShare,
});

async function usedOn(now: Date, scope = "project"): Promise<number | undefined> {
  const row = await db.quotaDay.findUnique({
    where: { day_scope: { day: quotaDayDate(now), scope } },
    select: { used: true },
  });
  return row?.used;
}

function race(now: Date, budget: number, userId = "", mode = ""): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["test/quota-racer.ts", now.toISOString(), userId, mode],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          YOUTUBE_DAILY_QUOTA: String(budget),
          YOUTUBE_USER_DAILY_QUOTA: String(budget),
          DATABASE_POOL_MAX: "2",
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk) => (output += String(chunk)));
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`racer exited ${code}`));
      resolve((JSON.parse(output.trim().split("\n").pop()!) as { reserved: number }).reserved);
    });
  });
}

describe("reserveQuota", () => {
  it("20 processes racing on one budget take exactly the budget, never one unit more", async () => {
    const now = new Date("2031-02-03T12:00:00Z");
    const budget = 600;
    const reserved = await Promise.all(Array.from({ length: 20 }, () => race(now, budget)));
    const total = reserved.reduce((sum, units) => sum + units, 0);
    expect(total).toBe(budget);
    expect(await usedOn(now)).toBe(budget);
    expect(reserved.filter((units) => units > 0).length).toBeGreaterThan(1);
  }, 120_000);

  it("20 processes leasing background units in blocks spend exactly the background share, and hold none at the end", async () => {
    const now = new Date("2031-02-04T12:00:00Z");
    // SYNC_QUOTA_SHARE is 0.8 unless the environment says otherwise: the share of 749 is 599 units.
    const budget = 749;
    const share = Math.floor(budget * configuredQuotaLimits().backgroundShare);
    const reserved = await Promise.all(Array.from({ length: 20 }, () => race(now, budget, "", "lease")));
    expect(reserved.reduce((sum, units) => sum + units, 0)).toBe(share);
    expect(await usedOn(now)).toBe(share);
    expect(reserved.filter((units) => units > 0).length).toBeGreaterThan(1);
  }, 120_000);

  it("charges the project and the user together, or neither", async () => {
    const now = new Date("2031-03-04T12:00:00Z");
    await reserveQuota({ units: 8, purpose: "interactive", userId: "user-a", now, limits: limits(100, 10) });
    await expect(
      reserveQuota({ units: 3, purpose: "interactive", userId: "user-a", now, limits: limits(100, 10) }),
    ).rejects.toMatchObject({ code: "QUOTA_EXHAUSTED", message: expect.stringContaining("your share") });
    expect(await usedOn(now)).toBe(8);
    expect(await usedOn(now, userQuotaScope("user-a"))).toBe(8);
    await reserveQuota({ units: 3, purpose: "interactive", userId: "user-b", now, limits: limits(100, 10) });
    expect(await usedOn(now)).toBe(11);
  });

  it("is one statement, and a user refusal on the day's first call leaves no project row behind", async () => {
    const now = new Date("2031-03-05T12:00:00Z");
    const statements: string[] = [];
    const stop = onQuery((event) => statements.push(event.query));
    try {
      await reserveQuota({ units: 2, purpose: "interactive", userId: "user-c", now, limits: limits(100, 10) });
      expect(statements).toHaveLength(1);
      // 11 units are over user-d's own cap of 10: the project scope took them first and must give them back.
      await expect(
        reserveQuota({
          units: 11,
          purpose: "interactive",
          userId: "user-d",
          now: new Date("2031-03-06T12:00:00Z"),
          limits: limits(100, 10),
        }),
      ).rejects.toMatchObject({ code: "QUOTA_EXHAUSTED", message: expect.stringContaining("your share") });
      expect(statements).toHaveLength(2);
    } finally {
      stop();
    }
    expect(await usedOn(new Date("2031-03-06T12:00:00Z"))).toBeUndefined();
    expect(await usedOn(new Date("2031-03-06T12:00:00Z"), userQuotaScope("user-d"))).toBeUndefined();
  });

  it("says which scope refused: the project's day before the user's share", async () => {
    const now = new Date("2031-03-07T12:00:00Z");
    await reserveQuota({ units: 10, purpose: "interactive", userId: "user-e", now, limits: limits(10, 100) });
    await expect(
      reserveQuota({ units: 1, purpose: "interactive", userId: "user-f", now, limits: limits(10, 100) }),
    ).rejects.toMatchObject({
      code: "QUOTA_EXHAUSTED",
      message: expect.stringContaining("Today's YouTube quota is used up"),
    });
    expect(await usedOn(now, userQuotaScope("user-f"))).toBeUndefined();
  });

  it("keeps headroom: background work stops at its share, interactive work can use the rest", async () => {
    const now = new Date("2031-04-05T12:00:00Z");
    const quota = limits(100, 100, 0.8);
    await reserveQuota({ units: 80, purpose: "background", now, limits: quota });
    await expect(reserveQuota({ units: 1, purpose: "background", now, limits: quota })).rejects.toMatchObject({
      code: "QUOTA_EXHAUSTED",
    });
    await reserveQuota({ units: 20, purpose: "interactive", now, limits: quota });
    await expect(reserveQuota({ units: 1, purpose: "interactive", now, limits: quota })).rejects.toMatchObject({
      code: "QUOTA_EXHAUSTED",
    });
  });

  it("refuses everything after Google said quotaExceeded, until the Pacific-midnight reset", async () => {
    const now = new Date("2031-05-06T12:00:00Z");
    const until = await markQuotaExhausted({ now });
    expect(until.toISOString()).toBe("2031-05-07T07:00:00.000Z");
    const error = await reserveQuota({ units: 1, purpose: "interactive", now, limits: limits(10_000) }).catch(
      (caught: unknown) => caught,
    );
    expect(isAppError(error, "QUOTA_EXHAUSTED") && error.retryAt?.toISOString()).toBe("2031-05-07T07:00:00.000Z");
    // The next Pacific day is a fresh row.
    await reserveQuota({
      units: 1,
      purpose: "interactive",
      now: new Date("2031-05-07T07:00:00Z"),
      limits: limits(10_000),
    });
  });

  it("keys days by Pacific date across the DST changes", async () => {
    const quota = limits(5);
    // 2031-03-09 is spring-forward day in Los Angeles; 07:59Z is still the 8th (PST), 08:00Z is the 9th.
    await reserveQuota({ units: 5, purpose: "interactive", now: new Date("2031-03-09T07:59:00Z"), limits: quota });
    await reserveQuota({ units: 5, purpose: "interactive", now: new Date("2031-03-09T08:00:00Z"), limits: quota });
    // 2031-11-02 is fall-back day: 06:59Z is still the 1st (PDT), 07:00Z is the 2nd.
    await reserveQuota({ units: 5, purpose: "interactive", now: new Date("2031-11-02T06:59:00Z"), limits: quota });
    await reserveQuota({ units: 5, purpose: "interactive", now: new Date("2031-11-02T07:00:00Z"), limits: quota });
    await expect(
      reserveQuota({ units: 1, purpose: "interactive", now: new Date("2031-11-02T07:00:00Z"), limits: quota }),
    ).rejects.toMatchObject({
      code: "QUOTA_EXHAUSTED",
      retryAt: new Date("2031-11-03T08:00:00Z"),
    });
  });
});
