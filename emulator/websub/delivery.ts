/**
 * Content distribution: POSTs each notification to each live subscriber, off the request that caused
 * it (a publish through the control API never waits for callbacks). At most
 * MAX_CONCURRENT_DELIVERIES run at once; a non-2xx or network error is retried after 200 ms, then
 * 1 s, three attempts in all. One callback URL gets its pushes one at a time, in change order (a
 * retry holds back the pushes behind it), so a publish followed by a delete never arrives as
 * tombstone-then-entry and app tests stay deterministic. Every attempt (and every push dropped while
 * paused) is logged for the control API. Backoff uses real timers, not the emulator clock, like the
 * fault latencies.
 */
import { createHmac } from "node:crypto";
import { GOOGLE_HUB_URL, youtubeTopicUrl } from "../feed-xml.ts";
import type { Notification, NotificationKind } from "./notifications.ts";
import { RecentLog } from "./recent-log.ts";
import { describeFetchError } from "./verification.ts";

export const MAX_DELIVERY_ATTEMPTS = 3;
/** Wait before attempt 2 and attempt 3. */
export const RETRY_DELAYS_MS: readonly number[] = [200, 1000];
export const MAX_CONCURRENT_DELIVERIES = 8;
export const DELIVERY_TIMEOUT_MS = 5000;
export const MAX_DELIVERY_RECORDS = 1000;

const UTF8 = new TextEncoder();

/** delivered: 2xx; will_retry / gave_up: failed attempt with / without another to come; paused: dropped. */
export type DeliveryOutcome = "delivered" | "will_retry" | "gave_up" | "paused";

export interface DeliveryTarget {
  callback: string;
  secret: string | null;
}

export interface DeliveryRecord {
  callback: string;
  channelId: string;
  videoId: string;
  kind: NotificationKind;
  attempt: number;
  status: number | null;
  error: string | null;
  outcome: DeliveryOutcome;
  at: string;
}

interface DeliveryJob {
  target: DeliveryTarget;
  notification: Notification;
  bodyBytes: Uint8Array<ArrayBuffer>;
  attempt: number;
}

/** `sha1=<hex HMAC-SHA1 of the exact body bytes>`, the X-Hub-Signature PubSubHubbub 0.4 §7 defines. */
export function signatureOf(secret: string, bodyBytes: Uint8Array): string {
  return `sha1=${createHmac("sha1", secret).update(bodyBytes).digest("hex")}`;
}

export class DeliveryQueue {
  private readonly waiting: DeliveryJob[] = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  /** Callbacks with a push in flight or waiting for its retry. */
  private readonly busyCallbacks = new Set<string>();
  private readonly log = new RecentLog<DeliveryRecord>(MAX_DELIVERY_RECORDS);
  private running = 0;
  private isClosed = false;

  constructor(private readonly options: { now: () => number; signal: AbortSignal }) {}

  /** Queued, in flight, or waiting for a retry. */
  get pending(): number {
    return this.waiting.length + this.running + this.retryTimers.size;
  }

  enqueue(target: DeliveryTarget, notification: Notification): void {
    if (this.isClosed) return;
    this.waiting.push({ target, notification, bodyBytes: UTF8.encode(notification.body), attempt: 1 });
    this.pump();
  }

  recordPaused(target: DeliveryTarget, notification: Notification): void {
    this.record(
      { target, notification, bodyBytes: new Uint8Array(), attempt: 1 },
      { status: null, error: null, outcome: "paused" },
    );
  }

  list(limit: number): DeliveryRecord[] {
    return this.log.list(limit);
  }

  /** Drops queued work and pending retries; in-flight requests are aborted through the signal. */
  close(): void {
    this.isClosed = true;
    this.waiting.length = 0;
    this.busyCallbacks.clear();
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
  }

  private pump(): void {
    while (!this.isClosed && this.running < MAX_CONCURRENT_DELIVERIES) {
      const index = this.waiting.findIndex((waiting) => !this.busyCallbacks.has(waiting.target.callback));
      const [job] = index === -1 ? [] : this.waiting.splice(index, 1);
      if (!job) return;
      this.busyCallbacks.add(job.target.callback);
      this.running += 1;
      void this.attempt(job).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  // POST <callback> — Content-Type application/atom+xml, X-Hub-Signature when the subscription has a secret
  private async attempt(job: DeliveryJob): Promise<void> {
    const { notification, target } = job;
    const headers: Record<string, string> = {
      "content-type": "application/atom+xml",
      link: `<${GOOGLE_HUB_URL}>; rel=hub, <${youtubeTopicUrl(notification.channelId)}>; rel=self`,
    };
    if (target.secret !== null) headers["x-hub-signature"] = signatureOf(target.secret, job.bodyBytes);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(target.callback, {
        method: "POST",
        headers,
        body: job.bodyBytes,
        redirect: "manual",
        signal: AbortSignal.any([this.options.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
    } catch (fetchError) {
      error = describeFetchError(fetchError);
    }
    if (this.isClosed) return;

    const isDelivered = status !== null && status >= 200 && status <= 299;
    const retryDelayMs = RETRY_DELAYS_MS[job.attempt - 1];
    const willRetry = !isDelivered && job.attempt < MAX_DELIVERY_ATTEMPTS && retryDelayMs !== undefined;
    this.record(job, { status, error, outcome: isDelivered ? "delivered" : willRetry ? "will_retry" : "gave_up" });
    if (!willRetry) {
      this.busyCallbacks.delete(target.callback);
      return;
    }
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.busyCallbacks.delete(target.callback);
      if (this.isClosed) return;
      // First in line again: the pushes queued behind it for this callback must not overtake it.
      this.waiting.unshift({ ...job, attempt: job.attempt + 1 });
      this.pump();
    }, retryDelayMs);
    this.retryTimers.add(timer);
  }

  private record(job: DeliveryJob, result: Pick<DeliveryRecord, "status" | "error" | "outcome">): void {
    this.log.add({
      callback: job.target.callback,
      channelId: job.notification.channelId,
      videoId: job.notification.videoId,
      kind: job.notification.kind,
      attempt: job.attempt,
      ...result,
      at: new Date(this.options.now()).toISOString(),
    });
  }
}
