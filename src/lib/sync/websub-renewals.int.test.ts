/**
 * WebSub renewals at scale, on 100,000 simulated leases inserted in one set-based statement with renew
 * times from the product's own jitter (`renewAtFor`), all granted at one instant (the worst case: a
 * migration or a mass follow). Checks the capacity against the need, the spread of renew times by minute,
 * and that a run under a due backlog claims in bounded batches and creates a bounded number of pg-boss
 * rows, none while a capacity's worth waits. A few of the queued renewals then go to the emulator's hub. The capacity is linear in the
 * number of leases (websub-renewals.test.ts checks 1M and 10M), so 100K keeps the lane short.
 */
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe.job";
import { db } from "~/server/db";
import { handleWebsubRenew } from "../../../worker/handlers/websub-renew";
import { handleWebsubSubscribe } from "../../../worker/handlers/websub-subscribe";
import { jobContext, testBoss } from "@test/job-harness";
import { renewAtFor } from "./websub-topic";
import {
  countRenewingSubscriptions,
  HUB_GRANTED_LEASE_SECONDS,
  queueDueRenewals,
  renewalCapacityPerMinute,
  renewalNeedPerHour,
  type RenewalRun,
} from "./websub-renewals";

const LEASES = 100_000;
/** Simulated ids are well-formed (UC, 21 characters, then A/Q/g/w), so the hub accepts them as topics. */
const ID_PREFIX = "UCrenewsim";
const grantedAt = new Date();
let boss: PgBoss;

const queuedRenewals = async () =>
  db.$queryRaw<{ channelId: string }[]>`
    SELECT data->>'channelId' AS "channelId" FROM pgboss.job WHERE name = ${websubSubscribeJob.name}`;

const dueSimulated = async () => {
  const [row] = await db.$queryRaw<{ due: number }[]>`
    SELECT count(*)::int AS due FROM "Channel" WHERE "youtubeChannelId" LIKE ${`${ID_PREFIX}%`} AND "hubRenewAt" <= now()`;
  return row?.due;
};

const renewMinutes = async () =>
  db.$queryRaw<{ minute: number; n: number }[]>`
    SELECT floor(extract(epoch FROM "hubRenewAt" - ${grantedAt}::timestamptz) / 60)::int AS minute, count(*)::int AS n
      FROM "Channel" WHERE "youtubeChannelId" LIKE ${`${ID_PREFIX}%`} GROUP BY 1 ORDER BY 1`;

beforeAll(async () => {
  boss = await testBoss();
  const renewAts = Array.from({ length: LEASES }, () => renewAtFor(HUB_GRANTED_LEASE_SECONDS, grantedAt).toISOString());
  await db.$executeRaw`
    INSERT INTO "Channel" ("youtubeChannelId", "title", "leaseExpiresAt", "hubRenewAt", "updatedAt")
    SELECT ${ID_PREFIX} || lpad(n::text, 13, '0') || 'A', 'Simulated channel ' || n,
           ${grantedAt}::timestamptz + ${HUB_GRANTED_LEASE_SECONDS}::int * interval '1 second', renew::timestamptz, now()
      FROM unnest(${renewAts}::text[]) WITH ORDINALITY AS simulated(renew, n)`;
  // Followed: the schedule rows the insert trigger created parked get their next (push safety-net) check.
  await db.$executeRaw`
    UPDATE "ChannelSchedule" AS s SET "nextCheckAt" = ${grantedAt}::timestamptz + interval '6 hours'
      FROM "Channel" AS c WHERE c."id" = s."channelId" AND c."youtubeChannelId" LIKE ${`${ID_PREFIX}%`}`;
}, 120_000);

afterAll(async () => {
  await db.$executeRaw`DELETE FROM pgboss.job WHERE name = ${websubSubscribeJob.name}`;
  await db.$executeRaw`DELETE FROM "Channel" WHERE "youtubeChannelId" LIKE ${`${ID_PREFIX}%`}`;
}, 120_000);

describe("WebSub renewals on 100,000 simulated leases", () => {
  it("spreads the renew times of leases granted at one instant evenly over the 75–85 % window", async () => {
    const minutes = await renewMinutes();
    const leaseMinutes = HUB_GRANTED_LEASE_SECONDS / 60;
    const windowMinutes = Math.round(leaseMinutes * 0.1);
    expect(minutes.reduce((sum, bucket) => sum + bucket.n, 0)).toBe(LEASES);
    expect(minutes[0]!.minute).toBe(leaseMinutes * 0.75);
    expect(minutes.at(-1)!.minute).toBeLessThanOrEqual(Math.round(leaseMinutes * 0.85));
    // 720 minutes in the window (the last instant can round into one more); every one of them used.
    expect(minutes.length).toBeGreaterThanOrEqual(windowMinutes);
    const mean = LEASES / windowMinutes;
    const busiest = Math.max(...minutes.map((bucket) => bucket.n));
    const quietest = Math.min(...minutes.slice(0, windowMinutes).map((bucket) => bucket.n));
    expect(busiest).toBeLessThanOrEqual(2 * mean);
    expect(quietest).toBeGreaterThanOrEqual(0.5 * mean);
    // Even this bunching falls due no faster than one run (one minute) may queue.
    expect(busiest).toBeLessThanOrEqual(renewalCapacityPerMinute(await countRenewingSubscriptions()));
  });

  it("has capacity for at least twice the steady-state need, from the subscriptions it counts", async () => {
    const subscriptions = await countRenewingSubscriptions();
    expect(subscriptions).toBeGreaterThanOrEqual(LEASES);
    const perHour = renewalCapacityPerMinute(subscriptions) * 60;
    expect(perHour).toBeGreaterThanOrEqual(2 * renewalNeedPerHour(subscriptions));
    // Linear in the subscriptions: ten times the fleet, ten times the capacity (within rounding).
    expect(renewalCapacityPerMinute(10 * subscriptions)).toBeGreaterThanOrEqual(
      10 * renewalCapacityPerMinute(subscriptions) - 10,
    );
  });

  it("under a due backlog, queues one capacity's worth per run in bounded batches, and no more while it waits", async () => {
    // An outage's backlog: every simulated lease overdue by up to a day.
    await db.$executeRaw`
      UPDATE "Channel" SET "hubRenewAt" = now() - random() * interval '1 day' WHERE "youtubeChannelId" LIKE ${`${ID_PREFIX}%`}`;
    expect(await queuedRenewals()).toHaveLength(0);

    const first = await queueDueRenewals({ boss, batchSize: 50 });
    expect(first).toMatchObject({
      capacity: renewalCapacityPerMinute(first.subscriptions),
      queued: first.capacity,
      stoppedBy: "capacity",
    });
    expect(first.batches).toBe(Math.ceil(first.capacity / 50));
    const jobs = await queuedRenewals();
    expect(jobs).toHaveLength(first.queued);
    expect(new Set(jobs.map((job) => job.channelId)).size).toBe(first.queued);
    expect(await dueSimulated()).toBe(LEASES - first.queued);

    // The next minute's run, with that capacity still waiting: nothing more is claimed or inserted.
    const second = (await handleWebsubRenew({}, await jobContext())) as RenewalRun;
    expect(second).toMatchObject({ queued: 0, stoppedBy: "backpressure" });
    expect(await queuedRenewals()).toHaveLength(first.queued);
    expect(await dueSimulated()).toBe(LEASES - first.queued);
  });

  it("sends queued renewals to the emulator's hub, and the next run queues only as many as went out", async () => {
    const sent = await boss.fetch(websubSubscribeJob.name, { batchSize: 3 });
    expect(sent).toHaveLength(3);
    for (const job of sent) {
      const payload = websubSubscribeJob.schema.parse(job.data);
      const result = await handleWebsubSubscribe(payload, await jobContext());
      expect(result).toMatchObject({ outcome: "requested", mode: "subscribe", status: 202 });
      await boss.complete(websubSubscribeJob.name, job.id);
      const channel = await db.channel.findUniqueOrThrow({
        where: { id: payload.channelId },
        select: { hubRequestedMode: true, hubRenewAt: true, hubSecret: true },
      });
      expect(channel.hubRequestedMode).toBe("subscribe");
      expect(channel.hubSecret).not.toBeNull();
      // Until the hub confirms, the next attempt is a day away, not the next run.
      expect(channel.hubRenewAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 60 * 60 * 1000);
    }
    const before = await queuedRenewals();
    const third = await queueDueRenewals({ boss });
    expect(third).toMatchObject({ queued: 3, stoppedBy: "backpressure" });
    const after = await queuedRenewals();
    expect(after).toHaveLength(before.length + 3);
    expect(new Set(after.map((job) => job.channelId)).size).toBe(after.length);
  });
});
