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
import { syncEnrichJob } from "~/lib/jobs/sync-enrich.job";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe.job";
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
  const engine = new RunningEngine(options);
  engine.pump();
  return {
    stats: () => ({ ...engine.stats }),
    whenIdle: () => engine.whenIdle(),
    stop: () => engine.stop(),
  };
}

/** One started engine: its settings, its queue and counters, and one method per move in the diagram above. */
class RunningEngine {
  private readonly options: SyncEngineOptions;
  private readonly clients: CheckClients;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private readonly claimBatch: number;
  private readonly flushSize: number;
  private readonly flushMs: number;
  private readonly idleMs: number;
  private readonly now: () => Date;

  private readonly queue: { channel: ClaimedChannel; token: string }[] = [];
  private pending: ClaimedWrite[] = [];
  private inFlight = 0;
  private claimsInFlight = 0;
  private flushesInFlight = 0;
  private isStopping = false;
  private nothingDue = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private enrichCheck: Promise<void> | null = null;
  private readonly enrichTimer: NodeJS.Timeout;
  readonly stats: SyncEngineStats = { claimed: 0, checked: 0, written: 0, stale: 0, detected: 0, flushes: 0 };
  private idleWaiters: (() => void)[] = [];
  private readonly outcomes = new Map<string, number>();
  /** Leases of channels about to be parked, remembered from their claim (only those: parking is rare). */
  private readonly claimedLease = new Map<string, Date>();

  constructor(options: SyncEngineOptions) {
    this.options = options;
    this.clients = options.clients;
    this.logger = options.logger;
    this.concurrency = options.concurrency;
    this.claimBatch = options.claimBatch;
    this.flushSize = options.flushSize ?? DEFAULT_FLUSH_SIZE;
    this.flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.now = options.now ?? (() => new Date());
    this.enrichTimer = setInterval(() => void this.checkEnrichment(), options.enrichPollMs ?? DEFAULT_ENRICH_POLL_MS);
    this.enrichTimer.unref();
  }

  private isIdle(): boolean {
    return (
      this.nothingDue &&
      this.queue.length === 0 &&
      this.inFlight === 0 &&
      this.pending.length === 0 &&
      this.flushesInFlight === 0 &&
      this.claimsInFlight === 0
    );
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Fills the free check slots from the queue, and claims more while the queue runs low. */
  pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const item = this.queue.shift()!;
      this.inFlight += 1;
      const startedAt = this.now();
      // No per-check signal: the HTTP client's own timeouts bound a check, and stopping waits for it.
      void runCheck({ channel: item.channel, clients: this.clients, logger: this.logger, now: this.now }).then(
        (write) => this.finishCheck({ ...write, token: item.token, startedAt }),
        // runCheck plans every error; reaching here is a bug, and the lease brings the channel back.
        (error: unknown) => {
          this.inFlight -= 1;
          this.logger.error({ err: error, channelId: item.channel.channelId }, "sync.check_crashed");
          this.pump();
        },
      );
    }
    // Keep a backlog of at least one batch beyond the slots, with up to two claims on their way, so a
    // claim's round trip never leaves a slot empty.
    const backlogTarget = Math.max(this.claimBatch, this.concurrency);
    while (
      !this.isStopping &&
      this.claimsInFlight < MAX_IN_FLIGHT_STATEMENTS &&
      this.queue.length + this.claimsInFlight * this.claimBatch < backlogTarget &&
      !this.nothingDue
    ) {
      void this.claim();
    }
    if (!this.isStopping && this.claimsInFlight === 0 && this.nothingDue && !this.idleTimer) void this.claim();
  }

  private finishCheck(write: ClaimedWrite): void {
    this.inFlight -= 1;
    this.stats.checked += 1;
    const key = `${write.method ?? "none"}:${write.outcome ?? "parked"}`;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
    this.pending.push(write);
    this.options.onResult?.(write);
    if (this.pending.length >= this.flushSize) void this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), this.flushMs);
    this.pump();
  }

  private async claim(): Promise<void> {
    const { claimBatch, leaseMs, logger } = this.options;
    this.claimsInFlight += 1;
    try {
      const token = randomUUID();
      const claimed = await claimDueChannels({ limit: claimBatch, leaseMs, token });
      this.stats.claimed += claimed.length;
      for (const channel of claimed) {
        if (channel.earliestFollowAt === null && channel.leaseExpiresAt)
          this.claimedLease.set(channel.channelId, channel.leaseExpiresAt);
        this.queue.push({ channel, token });
      }
      this.nothingDue = claimed.length < claimBatch;
    } catch (error) {
      logger.error({ err: error }, "sync.claim_failed");
      this.nothingDue = true;
    } finally {
      this.claimsInFlight -= 1;
    }
    if (this.nothingDue && !this.isStopping && this.claimsInFlight === 0) {
      this.idleTimer ??= setTimeout(() => {
        this.idleTimer = null;
        this.pump();
      }, this.idleMs);
    }
    this.pump();
    this.notifyIdle();
  }

  private async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.flushesInFlight >= MAX_IN_FLIGHT_STATEMENTS || this.pending.length === 0) return;
    this.flushesInFlight += 1;
    const batch = this.pending.slice(0, this.flushSize);
    this.pending = this.pending.slice(batch.length);
    try {
      const result = await writeBack(batch);
      this.recordWriteBack(result);
      await this.leaveHubs(batch, result.parked);
      if (result.detected > 0) void this.checkEnrichment();
    } catch (error) {
      // Not written: the claims lapse and the channels are checked again; nothing is lost.
      this.logger.error({ err: error, results: batch.length }, "sync.write_back_failed");
    } finally {
      this.flushesInFlight -= 1;
    }
    if (this.pending.length >= this.flushSize || (this.pending.length > 0 && (this.isStopping || this.inFlight === 0)))
      void this.flush();
    else if (this.pending.length > 0) this.flushTimer ??= setTimeout(() => void this.flush(), this.flushMs);
    this.notifyIdle();
  }

  private recordWriteBack(result: Awaited<ReturnType<typeof writeBack>>): void {
    const { stats } = this;
    stats.flushes += 1;
    stats.written += result.written;
    stats.stale += result.stale;
    stats.detected += result.detected;
    if (result.stale > 0) {
      metrics.syncStaleWritesTotal.inc(result.stale);
      this.logger.warn({ stale: result.stale }, "sync.stale_results_dropped");
    }
    for (const [key, count] of this.outcomes) {
      const [method, outcome] = key.split(":") as [string, string];
      metrics.syncChecksTotal.inc({ method, outcome }, count);
    }
    this.outcomes.clear();
  }

  /** Parked channels with a live lease leave the hub (websub.subscribe decides the mode from the schedule). */
  private async leaveHubs(batch: readonly ClaimedWrite[], parked: readonly string[]): Promise<void> {
    if (parked.length === 0) return;
    const parkedSet = new Set(parked);
    const at = this.now();
    for (const write of batch) {
      if (!parkedSet.has(write.channelId)) continue;
      const lease = this.claimedLease.get(write.channelId);
      this.claimedLease.delete(write.channelId);
      if (lease && lease > at)
        await enqueue(
          this.options.boss,
          websubSubscribeJob,
          { channelId: write.channelId },
          { singletonKey: write.channelId },
        );
    }
  }

  private checkEnrichment(): Promise<void> {
    const { boss, logger, enrichMaxWaitMs } = this.options;
    this.enrichCheck ??= (async () => {
      try {
        if (isEnrichDue(await readEnrichBacklog(), enrichMaxWaitMs)) await enqueue(boss, syncEnrichJob, {});
      } catch (error) {
        logger.warn({ err: error }, "sync.enrich_kick_failed");
      } finally {
        this.enrichCheck = null;
      }
    })();
    return this.enrichCheck;
  }

  whenIdle(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.idleWaiters.push(resolve);
      // Look again now: channels may have become due since the last claim found none.
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = null;
      this.nothingDue = false;
      this.pump();
    });
  }

  async stop(): Promise<void> {
    this.isStopping = true;
    clearInterval(this.enrichTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    while (this.claimsInFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // Claimed but never started: due again now rather than when their lease lapses.
    const unstarted = this.queue.splice(0);
    if (unstarted.length > 0) {
      await releaseClaims(unstarted.map((item) => ({ channelId: item.channel.channelId, token: item.token }))).catch(
        (error: unknown) => this.logger.warn({ err: error, claims: unstarted.length }, "sync.release_failed"),
      );
    }
    while (this.inFlight > 0 || this.flushesInFlight > 0 || this.pending.length > 0) {
      if (this.pending.length > 0 && this.flushesInFlight < MAX_IN_FLIGHT_STATEMENTS) await this.flush();
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
