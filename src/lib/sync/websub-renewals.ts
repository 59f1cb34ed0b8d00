/**
 * WebSub lease renewal at scale (docs/architecture.md, "WebSub renewals"). Every subscription we keep renews once per lease, at a
 * random point 75–85 % into it (`renewAtFor`), so the work arrives at a steady rate that grows with the
 * number of channels. `websub.renew` runs every minute and queues everything due, up to a per-minute
 * capacity derived from the number of subscriptions; it never reads a fixed cap that ignores scale.
 *
 * Capacity model:
 * - steady-state need = subscriptions / (lease × mean renew share): 1M channels, 5-day leases, 80 % →
 *   ~10,400 renewals an hour, ~174 a minute;
 * - the worst bunching is a whole fleet subscribed in one moment (a migration, a mass follow): its renewals
 *   fall uniformly in the 75–85 % window, i.e. subscriptions / (lease × 10 %) a minute, 8× the steady need;
 * - capacity = BURST_HEADROOM × that burst rate (never below MIN_RENEWALS_PER_MINUTE), so even that case
 *   renews as it falls due, and a backlog after an outage drains at 12× the steady need.
 * Each renewal is one `websub.subscribe` job (the same exclusive, retried path a follow uses); a run
 * creates at most a capacity's worth, and none while a capacity's worth still waits, so pg-boss rows stay
 * bounded. Claiming moves `hubRenewAt` forward so the next run moves on instead of finding the same channels.
 */
import { fromPrisma } from "pg-boss";
import { countWaitingJobs } from "~/lib/jobs/count-waiting-jobs";
import { enqueueMany, type JobSender } from "~/lib/jobs/enqueue";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe.job";
import { db } from "~/server/db";
import { isWebSubEnabled, RENEW_AT_LEASE_SHARE_MAX, RENEW_AT_LEASE_SHARE_MIN } from "./websub-topic";

/**
 * The lease the capacity model assumes: Google's hub grants 5 days by default (we ask for 10, and longer
 * grants are reported). A longer grant only lowers the need; a grant as short as 1 day would still leave
 * the capacity above twice the need.
 */
export const HUB_GRANTED_LEASE_SECONDS = 5 * 24 * 60 * 60;
/**
 * Capacity over the per-minute rate a fleet subscribed in one moment needs in its renew window. The
 * jitter makes each minute's count Poisson-like: 1.5× the mean is ~6 standard deviations at 100K
 * subscriptions, ~13 at 1M, so a whole-fleet grant still renews as it falls due.
 */
const BURST_HEADROOM = 1.5;
/** A small fleet still drains a backlog (subscriptions never granted, a hub outage) quickly. */
export const MIN_RENEWALS_PER_MINUTE = 100;
/** Channels claimed (and jobs inserted) per statement. */
const RENEW_CLAIM_BATCH = 500;
/** A run stops claiming after this long, well inside the one-minute cadence and the job's expiry. */
const RENEW_RUN_BUDGET_MS = 40_000;
/**
 * A claimed channel is not claimed again for this long. Its websub.subscribe job normally runs within
 * seconds and sets the next renew time itself; if the job was lost, the channel is due again after this,
 * with 18 h or more of its lease left.
 */
const RENEW_CLAIM_MS = 60 * 60 * 1000;

const MEAN_RENEW_SHARE = (RENEW_AT_LEASE_SHARE_MIN + RENEW_AT_LEASE_SHARE_MAX) / 2;

/** Renewals an hour that `subscriptions` leases of `leaseSeconds` need in steady state. */
export function renewalNeedPerHour(subscriptions: number, leaseSeconds = HUB_GRANTED_LEASE_SECONDS): number {
  return subscriptions / ((leaseSeconds / 3600) * MEAN_RENEW_SHARE);
}

/** Renewals one run (one minute) may queue for `subscriptions` leases of `leaseSeconds`. */
export function renewalCapacityPerMinute(subscriptions: number, leaseSeconds = HUB_GRANTED_LEASE_SECONDS): number {
  if (!Number.isFinite(subscriptions) || subscriptions < 0)
    throw new RangeError(`subscriptions must be a count, got ${subscriptions}`);
  if (!(leaseSeconds > 0)) throw new RangeError(`leaseSeconds must be positive, got ${leaseSeconds}`);
  const windowMinutes = (leaseSeconds / 60) * (RENEW_AT_LEASE_SHARE_MAX - RENEW_AT_LEASE_SHARE_MIN);
  return Math.max(MIN_RENEWALS_PER_MINUTE, Math.ceil((BURST_HEADROOM * subscriptions) / windowMinutes));
}

/** Subscriptions we keep renewing (granted, or asked for and awaiting the hub): index-only on hubRenewAt. */
export async function countRenewingSubscriptions(): Promise<number> {
  const [row] = await db.$queryRaw<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM "Channel" WHERE "hubRenewAt" IS NOT NULL`;
  return row?.n ?? 0;
}

/**
 * Claims up to `limit` due followed channels, oldest renew time first (concurrent claims skip each other's
 * rows), moves their renew time RENEW_CLAIM_MS on and inserts their websub.subscribe jobs in the same
 * transaction: a crash loses neither.
 */
async function claimDueRenewals(boss: JobSender, limit: number): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      WITH due AS (
        SELECT "id" FROM "Channel" AS c WHERE "hubRenewAt" <= now()
           AND EXISTS (SELECT 1 FROM "ChannelSchedule" AS s WHERE s."channelId" = c."id" AND s."nextCheckAt" IS NOT NULL)
         ORDER BY "hubRenewAt" LIMIT ${limit}::int FOR UPDATE SKIP LOCKED)
      UPDATE "Channel" AS c SET "hubRenewAt" = now() + ${RENEW_CLAIM_MS}::int * interval '1 millisecond'
        FROM due WHERE c."id" = due."id"
      RETURNING c."id"`;
    // A job already waiting for a channel (a follow's) absorbs its renewal: the exclusive queue skips the duplicate.
    await enqueueMany(
      boss,
      websubSubscribeJob,
      rows.map((row) => ({ channelId: row.id })),
      {
        db: fromPrisma(tx),
        singletonKeyOf: (payload) => payload.channelId,
      },
    );
    return rows.length;
  });
}

export type RenewalRun = {
  subscriptions: number;
  capacity: number;
  queued: number;
  batches: number;
  stoppedBy: "nothing_due" | "capacity" | "backpressure" | "budget" | "disabled";
};

/**
 * websub.renew: queues a websub.subscribe for every due channel, in claims of `batchSize`, until nothing is
 * due, the per-minute capacity is used, the time budget is spent, or a capacity's worth of renewals is
 * already waiting (backpressure: during a hub outage retries wait, and pg-boss rows stay bounded).
 */
export async function queueDueRenewals({
  boss,
  batchSize = RENEW_CLAIM_BATCH,
  budgetMs = RENEW_RUN_BUDGET_MS,
}: {
  boss: JobSender;
  batchSize?: number;
  budgetMs?: number;
}): Promise<RenewalRun> {
  if (!isWebSubEnabled()) return { subscriptions: 0, capacity: 0, queued: 0, batches: 0, stoppedBy: "disabled" };
  const startedAt = Date.now();
  const subscriptions = await countRenewingSubscriptions();
  const capacity = renewalCapacityPerMinute(subscriptions);
  let queued = 0;
  let batches = 0;
  const finish = (stoppedBy: RenewalRun["stoppedBy"]): RenewalRun => ({
    subscriptions,
    capacity,
    queued,
    batches,
    stoppedBy,
  });
  for (;;) {
    if (queued >= capacity) return finish("capacity");
    if (Date.now() - startedAt >= budgetMs) return finish("budget");
    const room = Math.min(
      batchSize,
      capacity - queued,
      capacity - (await countWaitingJobs(websubSubscribeJob, capacity)),
    );
    if (room <= 0) return finish("backpressure");
    const claimed = await claimDueRenewals(boss, room);
    queued += claimed;
    batches += 1;
    if (claimed < room) return finish("nothing_due");
  }
}
