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

type LeaseOptions = { blockUnits: number; limits?: QuotaLimits; logger?: Logger };

/** A lease's state; the functions below are its operations. */
type LeaseState = {
  options: LeaseOptions;
  log: Logger;
  /** The quota day (UTC-midnight ms) the held units were reserved on. */
  day: number;
  held: number;
  isClosed: boolean;
  /** The reservation in flight, if any: concurrent takers wait for it instead of reserving a block each. */
  refilling: Promise<boolean> | null;
};

export function createQuotaLease(options: LeaseOptions): QuotaLease {
  if (!Number.isInteger(options.blockUnits) || options.blockUnits < 1)
    throw new Error(`invalid lease block: ${options.blockUnits}`);
  const lease: LeaseState = {
    options,
    log: options.logger ?? processLogger,
    day: 0,
    held: 0,
    isClosed: false,
    refilling: null,
  };
  return {
    take: (units, now = new Date()) => take(lease, units, now),
    release: () => release(lease),
    close: async () => {
      lease.isClosed = true;
      await release(lease);
    },
    held: () => lease.held,
  };
}

async function take(lease: LeaseState, units: number, now: Date): Promise<void> {
  if (!Number.isInteger(units) || units < 1) throw new Error(`invalid quota units: ${units}`);
  const today = quotaDayDate(now).getTime();
  for (;;) {
    await turnDay(lease, today);
    if (lease.day !== today) continue;
    if (lease.held >= units) {
      handOut(lease, units);
      return;
    }
    if (lease.refilling) {
      await lease.refilling.catch(() => false);
      continue;
    }
    const attempt = refillAndTake(lease, units, now, today);
    lease.refilling = attempt;
    try {
      if (await attempt) return;
    } finally {
      if (lease.refilling === attempt) lease.refilling = null;
    }
  }
}

async function release(lease: LeaseState): Promise<void> {
  await lease.refilling?.catch(() => false);
  const leftover = lease.held;
  lease.held = 0;
  await giveBack(lease, leftover, lease.day);
}

async function giveBack(lease: LeaseState, units: number, onDay: number): Promise<void> {
  if (units < 1) return;
  try {
    await releaseQuota({ units, day: new Date(onDay) });
  } catch (error) {
    // The units stay counted as spent: the ledger overstates use by at most one block, never understates it.
    lease.log.warn({ err: error, units }, "quota.lease_release_failed");
  }
}

/** Drops units held for a day that is over; they cannot be spent on the new one. */
async function turnDay(lease: LeaseState, today: number): Promise<void> {
  if (lease.day === today) return;
  const [leftover, onDay] = [lease.held, lease.day];
  [lease.day, lease.held] = [today, 0];
  await giveBack(lease, leftover, onDay);
}

function reserve(lease: LeaseState, units: number, now: Date): Promise<void> {
  const { limits } = lease.options;
  return reserveQuotaBlock({ units, purpose: "background", now, ...(limits ? { limits } : {}) });
}

/**
 * Reserves a block (or, refused, exactly what is missing) and takes `units` in the same turn, so no other
 * taker can empty the fresh block first. False when others took the held units meanwhile: try again.
 */
async function refillAndTake(lease: LeaseState, units: number, now: Date, today: number): Promise<boolean> {
  const missing = Math.max(units - lease.held, 1);
  const block = lease.isClosed ? missing : Math.max(lease.options.blockUnits, missing);
  let got = block;
  try {
    await reserve(lease, block, now);
  } catch (error) {
    if (!isAppError(error, "QUOTA_EXHAUSTED") || block === missing) throw error;
    got = Math.max(units - lease.held, 1);
    await reserve(lease, got, now);
  }
  if (lease.day !== today) {
    // The day turned while the block was in flight: it belongs to the day that ended.
    await giveBack(lease, got, today);
    return false;
  }
  lease.held += got;
  if (lease.held < units) return false;
  handOut(lease, units);
  return true;
}

function handOut(lease: LeaseState, units: number): void {
  lease.held -= units;
  metrics.youtubeQuotaUnitsReservedTotal.inc({ purpose: "background" }, units);
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
