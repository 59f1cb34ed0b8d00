/**
 * Breaker states as the processes last reported them (record-breaker-transition.ts), newest change first,
 * limited to the last BREAKER_RECENT_HOURS: a row older than that is a process that has since gone
 * quiet or died, and its breaker's state says nothing about the upstream now.
 */
import { db } from "~/server/db";

const BREAKER_RECENT_HOURS = 24;
const BREAKER_ROWS_LIMIT = 20;

export type BreakerRow = { upstream: string; instance: string; state: string; changedAt: Date };

export async function listBreakerStates({ now = new Date() }: { now?: Date } = {}): Promise<BreakerRow[]> {
  return db.breakerState.findMany({
    where: { changedAt: { gte: new Date(now.getTime() - BREAKER_RECENT_HOURS * 60 * 60 * 1000) } },
    orderBy: { changedAt: "desc" },
    take: BREAKER_ROWS_LIMIT,
    select: { upstream: true, instance: true, state: true, changedAt: true },
  });
}
