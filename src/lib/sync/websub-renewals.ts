/**
 * WebSub lease renewal at scale (DESIGN.md §6). Every subscription we keep renews once per lease, at a
 * random point 75–85 % into it (`renewAtFor`), so the work arrives at a steady rate that grows with the
 * number of channels. `websub.renew` runs every minute and queues everything due, up to a per-minute
 * capacity derived from the number of subscriptions; it never reads a fixed cap that ignores scale.
 *
 * Capacity model (docs/architecture.md "WebSub renewals"):
 * - steady-state need = subscriptions / (lease × mean renew share): 1M channels, 5-day leases, 80 % →
 *   ~10,400 renewals an hour, ~174 a minute;
 * - the worst bunching is a whole fleet subscribed in one moment (a migration, a mass follow): its renewals
 *   fall uniformly in the 75–85 % window, i.e. subscriptions / (lease × 10 %) a minute, 8× the steady need;
 * - capacity = BURST_HEADROOM × that burst rate (never below MIN_RENEWALS_PER_MINUTE), so even that case
 *   renews as it falls due, and a backlog after an outage drains at 12× the steady need.
 * Each renewal is one `websub.subscribe` job (the same exclusive, retried path a follow uses), so pg-boss
 * rows created per run are bounded by the capacity, and claiming moves `hubRenewAt` forward so the next
 * run moves on instead of finding the same channels.
 */
import { enqueueMany, type JobSender } from "~/lib/jobs/enqueue";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe";
import { db } from "~/server/db";
import { isWebSubEnabled, RENEW_AT_LEASE_SHARE_MAX, RENEW_AT_LEASE_SHARE_MIN } from "./websub";

/** What Google's hub grants whatever we ask (its default and, in practice, its maximum): 5 days. */
export const HUB_GRANTED_LEASE_SECONDS = 5 * 24 * 60 * 60;
/**
 * Capacity over the per-minute rate a fleet subscribed in one moment needs in its renew window. The
 * jitter makes each minute's count Poisson-like: 1.5× the mean is ~6 standard deviations at 100K
 * subscriptions, ~13 at 1M, so a whole-fleet grant still renews as it falls due.
 */
export const BURST_HEADROOM = 1.5;
/** A small fleet still drains a backlog (subscriptions never granted, a hub outage) quickly. */
export const MIN_RENEWALS_PER_MINUTE = 100;
/** Channels claimed (and jobs inserted) per statement. */
export const RENEW_CLAIM_BATCH = 500;
/** A run stops claiming after this long, well inside the one-minute cadence and the job's expiry. */
export const RENEW_RUN_BUDGET_MS = 40_000;
/**
 * A claimed channel is not claimed again for this long. Its websub.subscribe job normally runs within
 * seconds and sets the next renew time itself; if the job was never queued (a crash between claim and
 * insert), the channel is due again after this, with 18 h or more of its lease left.
 */
export const RENEW_CLAIM_MS = 60 * 60 * 1000;

const MEAN_RENEW_SHARE = (RENEW_AT_LEASE_SHARE_MIN + RENEW_AT_LEASE_SHARE_MAX) / 2;

/** Renewals an hour that `subscriptions` leases of `leaseSeconds` need in steady state. */
export function renewalNeedPerHour(subscriptions: number, leaseSeconds = HUB_GRANTED_LEASE_SECONDS): number {
  return subscriptions / ((leaseSeconds / 3600) * MEAN_RENEW_SHARE);
}

/** Renewals one run (one minute) may queue for `subscriptions` leases of `leaseSeconds`. */
export function renewalCapacityPerMinute(subscriptions: number, leaseSeconds = HUB_GRANTED_LEASE_SECONDS): number {
  if (!Number.isFinite(subscriptions) || subscriptions < 0) throw new RangeError(`subscriptions must be a count, got ${subscriptions}`);
  if (!(leaseSeconds > 0)) throw new RangeError(`leaseSeconds must be positive, got ${leaseSeconds}`);
  const windowMinutes = (leaseSeconds / 60) * (RENEW_AT_LEASE_SHARE_MAX - RENEW_AT_LEASE_SHARE_MIN);
  return Math.max(MIN_RENEWALS_PER_MINUTE, Math.ceil((BURST_HEADROOM * subscriptions) / windowMinutes));
}

/** Subscriptions we keep renewing (granted, or asked for and awaiting the hub): index-only on hubRenewAt. */
export async function countRenewingSubscriptions(): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Channel" WHERE "hubRenewAt" IS NOT NULL`;
  return row?.n ?? 0;
}

/** Claims up to `limit` due followed channels, oldest renew time first; concurrent runs skip each other's rows. */
export async function claimDueRenewals(limit: number, now = new Date()): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Channel" AS channel SET "hubRenewAt" = ${new Date(now.getTime() + RENEW_CLAIM_MS)}
      FROM (SELECT "id" FROM "Channel"
             WHERE "hubRenewAt" <= ${now} AND "nextCheckAt" IS NOT NULL
             ORDER BY "hubRenewAt" LIMIT ${limit}::int
             FOR UPDATE SKIP LOCKED) AS due
     WHERE channel."id" = due."id"
    RETURNING channel."id"::text AS id`;
  return rows.map((row) => row.id);
}

export type RenewalRun = { subscriptions: number; capacity: number; queued: number; batches: number; budgetSpent: boolean };

/**
 * websub.renew: queues a websub.subscribe for every due channel, in claims of `batchSize`, until nothing is
 * due, the per-minute capacity is used, or the time budget is spent. A job already queued for a channel
 * (a follow's) absorbs its renewal: the exclusive queue skips the duplicate.
 */
export async function queueDueRenewals({
  boss,
  batchSize = RENEW_CLAIM_BATCH,
  budgetMs = RENEW_RUN_BUDGET_MS,
  signal,
}: {
  boss: JobSender;
  batchSize?: number;
  budgetMs?: number;
  signal?: AbortSignal;
}): Promise<RenewalRun> {
  if (!isWebSubEnabled()) return { subscriptions: 0, capacity: 0, queued: 0, batches: 0, budgetSpent: false };
  const subscriptions = await countRenewingSubscriptions();
  const capacity = renewalCapacityPerMinute(subscriptions);
  const deadline = Date.now() + budgetMs;
  let queued = 0;
  let batches = 0;
  while (queued < capacity && !signal?.aborted) {
    if (Date.now() >= deadline) return { subscriptions, capacity, queued, batches, budgetSpent: true };
    const want = Math.min(batchSize, capacity - queued);
    const channelIds = await claimDueRenewals(want);
    if (channelIds.length === 0) break;
    await enqueueMany(boss, websubSubscribeJob, channelIds.map((channelId) => ({ channelId })), { singletonKeyOf: (payload) => payload.channelId });
    queued += channelIds.length;
    batches += 1;
    if (channelIds.length < want) break;
  }
  return { subscriptions, capacity, queued, batches, budgetSpent: false };
}
