/**
 * A process's lease on background quota: instead of one reservation per Data API call, background work
 * (sync checks, sync.enrich) reserves a block of units (QUOTA_LEASE_UNITS) in one statement and hands
 * them out in process. When the block runs dry the next one is reserved; when a block is refused, exactly
 * the units still needed are tried, so the last few units of the background share are not stranded in a
 * block nobody can take. Leftover units go back to the ledger (releaseQuota) when the Pacific day turns
 * (on the next take), when Google marks the day spent, and when the process closes the lease at shutdown.
 *
 * Every unit handed out was reserved first, so the ledger never has less than the process spent; at worst
 * (a crash) a process strands one block, at most QUOTA_LEASE_UNITS units of the day's share.
 * Interactive work never leases: a user's share is charged per call, exactly.
 */
import { env } from "~/env";
import { isAppError } from "~/lib/errors";
import { logger as processLogger, type Logger } from "~/server/logger";
import { quotaDayDate } from "./next-reset";
import { metrics } from "~/server/metrics";
import { processSlot } from "~/server/process-singleton";
import { releaseQuota, reserveQuotaBlock, type QuotaLimits } from "./reserve-quota";

export type QuotaLease = {
  /** Takes `units` from the lease, reserving a new block first when it holds too few. */
  take: (units: number, now?: Date) => Promise<void>;
  /** Gives every unit held back to the ledger (Google said the day is spent, or the day ended). */
  release: () => Promise<void>;
  /** Releases, and from then on reserves exactly what each take needs (the process is stopping). */
  close: () => Promise<void>;
  /** Units reserved and not yet handed out. */
  held: () => number;
};

export function createQuotaLease(options: { blockUnits: number; limits?: QuotaLimits; logger?: Logger }): QuotaLease {
  if (!Number.isInteger(options.blockUnits) || options.blockUnits < 1)
    throw new Error(`invalid lease block: ${options.blockUnits}`);
  const log = options.logger ?? processLogger;
  /** The quota day (UTC-midnight ms) the held units were reserved on. */
  let day = 0;
  let held = 0;
  let isClosed = false;
  /** The reservation in flight, if any: concurrent takers wait for it instead of reserving a block each. */
  let refilling: Promise<boolean> | null = null;

  async function giveBack(units: number, onDay: number): Promise<void> {
    if (units < 1) return;
    try {
      await releaseQuota({ units, day: new Date(onDay) });
    } catch (error) {
      // The units stay counted as spent: the ledger overstates use by at most one block, never understates it.
      log.warn({ err: error, units }, "quota.lease_release_failed");
    }
  }

  /** Drops units held for a day that is over; they cannot be spent on the new one. */
  async function turnDay(today: number): Promise<void> {
    if (day === today) return;
    const [leftover, onDay] = [held, day];
    [day, held] = [today, 0];
    await giveBack(leftover, onDay);
  }

  const reserve = (units: number, now: Date) =>
    reserveQuotaBlock({ units, purpose: "background", now, ...(options.limits ? { limits: options.limits } : {}) });

  /**
   * Reserves a block (or, refused, exactly what is missing) and takes `units` in the same turn, so no other
   * taker can empty the fresh block first. False when others took the held units meanwhile: try again.
   */
  async function refillAndTake(units: number, now: Date, today: number): Promise<boolean> {
    const missing = Math.max(units - held, 1);
    const block = isClosed ? missing : Math.max(options.blockUnits, missing);
    let got = block;
    try {
      await reserve(block, now);
    } catch (error) {
      if (!isAppError(error, "QUOTA_EXHAUSTED") || block === missing) throw error;
      got = Math.max(units - held, 1);
      await reserve(got, now);
    }
    if (day !== today) {
      // The day turned while the block was in flight: it belongs to the day that ended.
      await giveBack(got, today);
      return false;
    }
    held += got;
    if (held < units) return false;
    handOut(units);
    return true;
  }

  function handOut(units: number): void {
    held -= units;
    metrics.youtubeQuotaUnitsReservedTotal.inc({ purpose: "background" }, units);
  }

  async function take(units: number, now = new Date()): Promise<void> {
    if (!Number.isInteger(units) || units < 1) throw new Error(`invalid quota units: ${units}`);
    const today = quotaDayDate(now).getTime();
    for (;;) {
      await turnDay(today);
      if (day !== today) continue;
      if (held >= units) {
        handOut(units);
        return;
      }
      if (refilling) {
        await refilling.catch(() => false);
        continue;
      }
      const attempt = refillAndTake(units, now, today);
      refilling = attempt;
      try {
        if (await attempt) return;
      } finally {
        if (refilling === attempt) refilling = null;
      }
    }
  }

  async function release(): Promise<void> {
    await refilling?.catch(() => false);
    const leftover = held;
    held = 0;
    await giveBack(leftover, day);
  }

  return {
    take,
    release,
    close: async () => {
      isClosed = true;
      await release();
    },
    held: () => held,
  };
}

const backgroundLease = processSlot<QuotaLease>("showreelBackgroundQuotaLease");

/** The process's background lease, shared by every background YouTube client it builds. */
export function backgroundQuotaLease(): QuotaLease {
  return backgroundLease.get() ?? backgroundLease.set(createQuotaLease({ blockUnits: env.QUOTA_LEASE_UNITS }));
}

/** At shutdown, before the pool closes: hands the lease's leftover back to the day's ledger. */
export async function closeBackgroundQuotaLease(): Promise<void> {
  await backgroundLease.get()?.close();
}
