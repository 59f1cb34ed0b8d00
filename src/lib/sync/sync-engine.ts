/**
 * The sync engine every worker process runs: a fixed number of channel checks in flight, each slot
 * refilled the moment it frees (no batch waits for its slowest member), the next claim fetched while the
 * local queue is still half full, and results written back in batches (src/lib/sync/channel-schedule.ts).
 * N workers claim N times as much: there is no scheduler process and no fleet-wide cap.
 *
 *   claim (SKIP LOCKED, ≤ claimBatch) ─▶ local queue ─▶ ≤ concurrency checks ─▶ results
 *        ▲ when the queue is half empty                                        │ every flushSize or flushMs
 *        └──────────── idle: wait idleMs when nothing is due ◀── writeBack (one statement, claim-token guarded)
 *
 * New video ids go to SyncVideo in the write-back; sync.enrich is queued when 50 wait or the oldest has
 * waited SYNC_ENRICH_MAX_WAIT_SECONDS (checked after each write-back that detected some, and every
 * enrichPollMs). Stopping finishes the checks in flight and writes them back; claimed channels never
 * started are released by their lease.
 */
import { randomUUID } from "node:crypto";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { syncEnrichJob } from "~/lib/jobs/sync-enrich";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe";
import type { Logger } from "~/server/logger";
import { metrics } from "~/server/metrics";
import { claimDueChannels, releaseClaims, writeBack, type ClaimedWrite } from "./channel-schedule";
import type { ClaimedChannel } from "./check-plan";
import { isEnrichDue, readEnrichBacklog } from "./enrich-videos";
import { runCheck, type CheckClients } from "./run-check";

export type SyncEngineOptions = {
  boss: JobSender;
  logger: Logger;
  clients: CheckClients;
  /** Checks in flight at once. */
  concurrency: number;
  /** Due channels one claim takes. */
  claimBatch: number;
  leaseMs: number;
  enrichMaxWaitMs: number;
  /** Results written back per statement, at most; a partial batch waits at most flushMs. */
  flushSize?: number;
  flushMs?: number;
  /** How long to wait before claiming again when nothing was due. */
  idleMs?: number;
  enrichPollMs?: number;
  now?: () => Date;
  /** Told every check's result as it is queued for write-back (tests, tracing). */
  onResult?: (write: ClaimedWrite) => void;
};

export type SyncEngineStats = {
  claimed: number;
  checked: number;
  written: number;
  stale: number;
  detected: number;
  flushes: number;
};

export type SyncEngine = {
  stats: () => SyncEngineStats;
  /** Resolves when every claimed check has been written back and nothing was due at the last claim. */
  whenIdle: () => Promise<void>;
  /** Stops claiming, finishes the checks in flight and writes them back. */
  stop: () => Promise<void>;
};

const DEFAULT_FLUSH_SIZE = 200;
/** Claims, and write-backs, one engine has on their way at once: two overlap one's round trip with the other's. */
const MAX_IN_FLIGHT_STATEMENTS = 2;
const DEFAULT_FLUSH_MS = 50;
const DEFAULT_IDLE_MS = 1_000;
const DEFAULT_ENRICH_POLL_MS = 5_000;

export function startSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { boss, logger, clients, concurrency, claimBatch, leaseMs, enrichMaxWaitMs } = options;
  const flushSize = options.flushSize ?? DEFAULT_FLUSH_SIZE;
  const flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const enrichPollMs = options.enrichPollMs ?? DEFAULT_ENRICH_POLL_MS;
  const now = options.now ?? (() => new Date());

  const queue: { channel: ClaimedChannel; token: string }[] = [];
  let pending: ClaimedWrite[] = [];
  let inFlight = 0;
  let claimsInFlight = 0;
  let flushesInFlight = 0;
  let isStopping = false;
  let nothingDue = false;
  let idleTimer: NodeJS.Timeout | null = null;
  let flushTimer: NodeJS.Timeout | null = null;
  let enrichCheck: Promise<void> | null = null;
  const stats: SyncEngineStats = { claimed: 0, checked: 0, written: 0, stale: 0, detected: 0, flushes: 0 };
  let idleWaiters: (() => void)[] = [];
  const outcomes = new Map<string, number>();
  // Leases of channels about to be parked, remembered from their claim (only those: parking is rare).
  const claimedLease = new Map<string, Date>();
  const rememberLease = (channel: ClaimedChannel) => {
    if (channel.earliestFollowAt === null && channel.leaseExpiresAt)
      claimedLease.set(channel.channelId, channel.leaseExpiresAt);
  };

  const isIdle = () =>
    nothingDue &&
    queue.length === 0 &&
    inFlight === 0 &&
    pending.length === 0 &&
    flushesInFlight === 0 &&
    claimsInFlight === 0;
  const notifyIdle = () => {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  function pump(): void {
    while (inFlight < concurrency && queue.length > 0) {
      const item = queue.shift()!;
      inFlight += 1;
      const startedAt = now();
      // No per-check signal: the HTTP client's own timeouts bound a check, and stopping waits for it.
      void runCheck({ channel: item.channel, clients, logger, now }).then(
        (write) => finishCheck({ ...write, token: item.token, startedAt }),
        // runCheck plans every error; reaching here is a bug, and the lease brings the channel back.
        (error: unknown) => {
          inFlight -= 1;
          logger.error({ err: error, channelId: item.channel.channelId }, "sync.check_crashed");
          pump();
        },
      );
    }
    // Keep a backlog of at least one batch beyond the slots, with up to two claims on their way, so a
    // claim's round trip never leaves a slot empty.
    const backlogTarget = Math.max(claimBatch, concurrency);
    while (
      !isStopping &&
      claimsInFlight < MAX_IN_FLIGHT_STATEMENTS &&
      queue.length + claimsInFlight * claimBatch < backlogTarget &&
      !nothingDue
    ) {
      void claim();
    }
    if (!isStopping && claimsInFlight === 0 && nothingDue && !idleTimer) void claim();
  }

  function finishCheck(write: ClaimedWrite): void {
    inFlight -= 1;
    stats.checked += 1;
    const key = `${write.method ?? "none"}:${write.outcome ?? "parked"}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    pending.push(write);
    options.onResult?.(write);
    if (pending.length >= flushSize) void flush();
    else flushTimer ??= setTimeout(() => void flush(), flushMs);
    pump();
  }

  async function claim(): Promise<void> {
    claimsInFlight += 1;
    try {
      const token = randomUUID();
      const claimed = await claimDueChannels({ limit: claimBatch, leaseMs, token });
      stats.claimed += claimed.length;
      for (const channel of claimed) {
        rememberLease(channel);
        queue.push({ channel, token });
      }
      nothingDue = claimed.length < claimBatch;
    } catch (error) {
      logger.error({ err: error }, "sync.claim_failed");
      nothingDue = true;
    } finally {
      claimsInFlight -= 1;
    }
    if (nothingDue && !isStopping && claimsInFlight === 0) {
      idleTimer ??= setTimeout(() => {
        idleTimer = null;
        pump();
      }, idleMs);
    }
    pump();
    notifyIdle();
  }

  async function flush(): Promise<void> {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (flushesInFlight >= MAX_IN_FLIGHT_STATEMENTS || pending.length === 0) return;
    flushesInFlight += 1;
    const batch = pending.slice(0, flushSize);
    pending = pending.slice(batch.length);
    try {
      const result = await writeBack(batch);
      stats.flushes += 1;
      stats.written += result.written;
      stats.stale += result.stale;
      stats.detected += result.detected;
      if (result.stale > 0) {
        metrics.syncStaleWritesTotal.inc(result.stale);
        logger.warn({ stale: result.stale }, "sync.stale_results_dropped");
      }
      for (const [key, count] of outcomes) {
        const [method, outcome] = key.split(":") as [string, string];
        metrics.syncChecksTotal.inc({ method, outcome }, count);
      }
      outcomes.clear();
      await leaveHubs(batch, result.parked);
      if (result.detected > 0) void checkEnrichment();
    } catch (error) {
      // Not written: the claims lapse and the channels are checked again; nothing is lost.
      logger.error({ err: error, results: batch.length }, "sync.write_back_failed");
    } finally {
      flushesInFlight -= 1;
    }
    if (pending.length >= flushSize || (pending.length > 0 && (isStopping || inFlight === 0))) void flush();
    else if (pending.length > 0) flushTimer ??= setTimeout(() => void flush(), flushMs);
    notifyIdle();
  }

  /** Parked channels with a live lease leave the hub (websub.subscribe decides the mode from the schedule). */
  async function leaveHubs(batch: readonly ClaimedWrite[], parked: readonly string[]): Promise<void> {
    if (parked.length === 0) return;
    const parkedSet = new Set(parked);
    const at = now();
    for (const write of batch) {
      if (!parkedSet.has(write.channelId)) continue;
      const lease = claimedLease.get(write.channelId);
      claimedLease.delete(write.channelId);
      if (lease && lease > at)
        await enqueue(boss, websubSubscribeJob, { channelId: write.channelId }, { singletonKey: write.channelId });
    }
  }

  function checkEnrichment(): Promise<void> {
    enrichCheck ??= (async () => {
      try {
        if (isEnrichDue(await readEnrichBacklog(), enrichMaxWaitMs)) await enqueue(boss, syncEnrichJob, {});
      } catch (error) {
        logger.warn({ err: error }, "sync.enrich_kick_failed");
      } finally {
        enrichCheck = null;
      }
    })();
    return enrichCheck;
  }
  const enrichTimer = setInterval(() => void checkEnrichment(), enrichPollMs);
  enrichTimer.unref();

  pump();

  return {
    stats: () => ({ ...stats }),
    whenIdle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        // Look again now: channels may have become due since the last claim found none.
        if (idleTimer) clearTimeout(idleTimer);
        idleTimer = null;
        nothingDue = false;
        pump();
      }),
    async stop() {
      isStopping = true;
      clearInterval(enrichTimer);
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      while (claimsInFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      // Claimed but never started: due again now rather than when their lease lapses.
      const unstarted = queue.splice(0);
      if (unstarted.length > 0) {
        await releaseClaims(unstarted.map((item) => ({ channelId: item.channel.channelId, token: item.token }))).catch(
          (error: unknown) => logger.warn({ err: error, claims: unstarted.length }, "sync.release_failed"),
        );
      }
      while (inFlight > 0 || flushesInFlight > 0 || pending.length > 0) {
        if (pending.length > 0 && flushesInFlight < MAX_IN_FLIGHT_STATEMENTS) await flush();
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
