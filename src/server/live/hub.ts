/**
 * The in-process fan-out of live events: the one Postgres listener of a web process publishes every
 * user's events here, and each open stream (one per browser tab) subscribes to its own user's. Nothing
 * here touches the network, so it is tested on its own (hub.test.ts).
 *
 * - Event ids are `<boot>-<seq>`: the process's boot id and a counter over every event it published.
 * - The last `ringSize` events (every user's) are kept, so a stream that reconnects to this process with
 *   its last event id gets what it missed. When that cannot be known (another process or boot, the
 *   events were evicted, or the listener lost its connection since), it gets one "resync" instead: the
 *   tab then rereads what it shows, once.
 * - A stream that falls `queueLimit` events behind (a stalled reader) has its queue replaced by a resync,
 *   so a slow tab never holds memory.
 * - Closing a stream removes it; a user with no stream left is removed from the map.
 */
import { randomBytes } from "node:crypto";
import type { ImportRunKind, ImportRunStatus, ImportRunWaitReason } from "~/generated/prisma/enums";

/** What changed, as a tab needs to know it. `run` carries the figures imports.get shows. */
export type LiveEvent =
  | { kind: "import"; runId: string; run: LiveImportRun | null }
  | { kind: "notification" }
  | { kind: "project"; projectId: string }
  | { kind: "projects" }
  | { kind: "sources" }
  /** Events may have been missed: reread what the tab shows, once. */
  | { kind: "resync" }
  /** The stream is open; its id is where a reconnect resumes. */
  | { kind: "hello" }
  /** Keepalive: proves the stream is alive through proxies; carries the last id again. */
  | { kind: "ping" };

export type LiveImportRun = {
  id: string;
  kind: ImportRunKind;
  status: ImportRunStatus;
  total: number;
  imported: number;
  skipped: number;
  failed: number;
  /** As the row holds it; the page checks it against the skip reasons it knows before showing it. */
  skipReasons: unknown;
  unitsSpent: number;
  resumeAt: Date | null;
  waitReason: ImportRunWaitReason | null;
  label: string | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** The events a user's rows produce (what the listener publishes). */
export type UserLiveEvent = Exclude<LiveEvent, { kind: "resync" | "hello" | "ping" }>;

export type LiveEnvelope = { id: string; event: LiveEvent };

export type LiveStream = AsyncIterableIterator<LiveEnvelope> & { close(): void };

type Stored = { seq: number; userId: string; event: UserLiveEvent };

type Subscriber = {
  push(envelope: LiveEnvelope): void;
};

export type LiveHubOptions = {
  /** Events kept for reconnects, across all users. */
  ringSize?: number;
  /** Events a stream may have waiting before it is reset to one resync. */
  queueLimit?: number;
  /** A ping is sent after this long without an event. */
  heartbeatMs?: number;
  /** Called with +1/-1 as streams open and close (the live_streams_open gauge). */
  onStreamCountChange?: (delta: number) => void;
};

export type LiveHub = ReturnType<typeof createLiveHub>;

export function createLiveHub(options: LiveHubOptions = {}) {
  const ringSize = options.ringSize ?? 2000;
  const queueLimit = options.queueLimit ?? 200;
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const bootId = randomBytes(6).toString("hex");
  const subscribers = new Map<string, Set<Subscriber>>();
  const ring: Stored[] = [];
  let seq = 0;
  /** Events after this seq may be missing (the listener reconnected at this point). */
  let gapAfter = 0;

  const idOf = (n: number) => `${bootId}-${n}`;

  /** The seq of an id this boot issued, or null. */
  function seqOf(id: string | null | undefined): number | null {
    if (!id) return null;
    const dash = id.lastIndexOf("-");
    if (dash < 0 || id.slice(0, dash) !== bootId) return null;
    const n = Number(id.slice(dash + 1));
    return Number.isSafeInteger(n) && n >= 0 && n <= seq ? n : null;
  }

  /** What a stream resuming after `lastEventId` must be sent first. */
  function catchUp(userId: string, lastEventId: string | null | undefined): LiveEnvelope[] {
    if (!lastEventId) return [{ id: idOf(seq), event: { kind: "hello" } }];
    const last = seqOf(lastEventId);
    const oldestKept = ring.length > 0 ? ring[0]!.seq : seq + 1;
    // Resumable only when every event after `last` is still in the ring and none were lost to a reconnect.
    if (last === null || last < gapAfter || last + 1 < oldestKept)
      return [{ id: idOf(seq), event: { kind: "resync" } }];
    const missed = ring.filter((stored) => stored.seq > last && stored.userId === userId);
    if (missed.length === 0) return [{ id: idOf(last), event: { kind: "hello" } }];
    return missed.map((stored) => ({ id: idOf(stored.seq), event: stored.event }));
  }

  function deliver(userId: string, envelope: LiveEnvelope): void {
    for (const subscriber of subscribers.get(userId) ?? []) subscriber.push(envelope);
  }

  return {
    bootId,

    /** Streams open now, and users with at least one. */
    size(): { streams: number; users: number } {
      let streams = 0;
      for (const set of subscribers.values()) streams += set.size;
      return { streams, users: subscribers.size };
    },

    /** One user's row changed (from the listener). */
    publish(userId: string, event: UserLiveEvent): void {
      seq += 1;
      ring.push({ seq, userId, event });
      if (ring.length > ringSize) ring.shift();
      deliver(userId, { id: idOf(seq), event });
    },

    /** The listener reconnected: anything may have been missed, by every stream. */
    resyncAll(): void {
      seq += 1;
      gapAfter = seq;
      const envelope: LiveEnvelope = { id: idOf(seq), event: { kind: "resync" } };
      for (const userId of subscribers.keys()) deliver(userId, envelope);
    },

    /**
     * A stream of one user's events, starting with what a reconnect missed (or a hello / resync). Iterate
     * it; `close()` (or ending the iteration) unsubscribes. An aborted `signal` ends it too, and so does
     * `maxDurationMs` passing.
     */
    subscribe(
      userId: string,
      opts: { lastEventId?: string | null; signal?: AbortSignal; maxDurationMs?: number } = {},
    ): LiveStream {
      const queue: LiveEnvelope[] = catchUp(userId, opts.lastEventId);
      /** The id of the newest envelope handed over or queued: where a ping says the stream stands. */
      let lastId = queue.at(-1)!.id;
      let waiting: ((result: IteratorResult<LiveEnvelope>) => void) | null = null;
      let closed = false;
      let heartbeat: NodeJS.Timeout | undefined;
      let expiry: NodeJS.Timeout | undefined;

      const armHeartbeat = () => {
        clearTimeout(heartbeat);
        heartbeat = setTimeout(() => subscriber.push({ id: lastId, event: { kind: "ping" } }), heartbeatMs);
        heartbeat.unref?.();
      };

      const subscriber: Subscriber = {
        push(envelope) {
          if (closed) return;
          armHeartbeat();
          lastId = envelope.id;
          if (waiting) {
            const resolve = waiting;
            waiting = null;
            resolve({ value: envelope, done: false });
            return;
          }
          if (queue.length >= queueLimit) queue.splice(0, queue.length, { id: envelope.id, event: { kind: "resync" } });
          else queue.push(envelope);
        },
      };

      const close = () => {
        if (closed) return;
        closed = true;
        queue.length = 0;
        clearTimeout(heartbeat);
        clearTimeout(expiry);
        opts.signal?.removeEventListener("abort", close);
        const set = subscribers.get(userId);
        set?.delete(subscriber);
        if (set?.size === 0) subscribers.delete(userId);
        options.onStreamCountChange?.(-1);
        waiting?.({ value: undefined, done: true });
        waiting = null;
      };

      let set = subscribers.get(userId);
      if (!set) subscribers.set(userId, (set = new Set()));
      set.add(subscriber);
      options.onStreamCountChange?.(1);
      armHeartbeat();
      if (opts.maxDurationMs) {
        expiry = setTimeout(close, opts.maxDurationMs);
        expiry.unref?.();
      }
      if (opts.signal?.aborted) close();
      else opts.signal?.addEventListener("abort", close, { once: true });

      const stream: LiveStream = {
        next() {
          const envelope = queue.shift();
          if (envelope) {
            return Promise.resolve({ value: envelope, done: false });
          }
          if (closed) return Promise.resolve({ value: undefined, done: true });
          return new Promise((resolve) => (waiting = resolve));
        },
        return() {
          close();
          return Promise.resolve({ value: undefined, done: true });
        },
        close,
        [Symbol.asyncIterator]() {
          return stream;
        },
      };
      return stream;
    },
  };
}
