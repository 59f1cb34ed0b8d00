/**
 * The WebSub hub's state on EmulatorState: subscriptions keyed by (channel id, callback URL), the
 * control settings (paused pushes, failing hub requests), the verification log and the delivery
 * queue. routes/websub.ts parses HTTP; what Google's hub decides — when a subscription starts, ends
 * or lapses, and who gets which push — is decided here, against the emulator clock. A reset closes
 * this hub (aborting its callbacks) and makes a fresh one.
 */
import type { Catalog, CatalogChange } from "../catalog.ts";
import { DeliveryQueue, type DeliveryRecord } from "./delivery.ts";
import type { HubMode, HubRequest } from "./hub-request.ts";
import { notificationFor } from "./notifications.ts";
import { RecentLog } from "./recent-log.ts";
import { verifyIntent, type VerificationResult } from "./verification.ts";

const MAX_VERIFICATION_RECORDS = 200;

export interface Subscription {
  channelId: string;
  topic: string;
  callback: string;
  secret: string | null;
  leaseSeconds: number;
  leaseExpiresAtMs: number;
  createdAtMs: number;
  /** Last confirmed subscribe (creation or renewal). */
  verifiedAtMs: number;
}

export interface HubSettings {
  /** Pushes are dropped (logged as "paused"), to test what the app does about missed pushes. */
  paused: boolean;
  /** Every hub request is answered 503, like Google's transient errors. */
  verifyFails: boolean;
}

export interface VerificationRecord {
  mode: HubMode;
  verify: HubRequest["verify"];
  channelId: string;
  callback: string;
  isConfirmed: boolean;
  status: number | null;
  detail: string;
  at: string;
}

function keyOf(channelId: string, callback: string): string {
  return `${channelId} ${callback}`;
}

export class WebSubHub {
  settings: HubSettings = { paused: false, verifyFails: false };
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly verifications = new RecentLog<VerificationRecord>(MAX_VERIFICATION_RECORDS);
  private readonly abort = new AbortController();
  private readonly deliveries: DeliveryQueue;
  private pendingVerifications = 0;

  constructor(private readonly now: () => number) {
    this.deliveries = new DeliveryQueue({ now, signal: this.abort.signal });
  }

  /** Async verifications and pushes not finished yet (tests wait for 0). */
  get pending(): number {
    return this.pendingVerifications + this.deliveries.pending;
  }

  hasSubscription(channelId: string, callback: string): boolean {
    return this.subscriptions.has(keyOf(channelId, callback));
  }

  listSubscriptions(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  isLive(subscription: Subscription): boolean {
    return subscription.leaseExpiresAtMs > this.now();
  }

  clearSubscriptions(): void {
    this.subscriptions.clear();
  }

  listVerifications(limit: number): VerificationRecord[] {
    return this.verifications.list(limit);
  }

  listDeliveries(limit: number): DeliveryRecord[] {
    return this.deliveries.list(limit);
  }

  /** hub.verify=sync: verify now; true when the subscriber confirmed and the request took effect. */
  async confirm(request: HubRequest): Promise<boolean> {
    this.pendingVerifications += 1;
    try {
      return await this.verifyAndApply(request);
    } finally {
      this.pendingVerifications -= 1;
    }
  }

  /** hub.verify=async: the 202 goes out first, verification right after. */
  confirmLater(request: HubRequest): void {
    this.pendingVerifications += 1;
    setImmediate(() => {
      void this.verifyAndApply(request).finally(() => {
        this.pendingVerifications -= 1;
      });
    });
  }

  /** Catalog listener: renders the push once, then queues it for every live subscriber of the channel. */
  publish(change: CatalogChange, catalog: Catalog): void {
    if (this.abort.signal.aborted) return;
    const now = this.now();
    const targets = this.listSubscriptions().filter(
      (subscription) => subscription.channelId === change.channelId && subscription.leaseExpiresAtMs > now,
    );
    if (targets.length === 0) return;
    const notification = notificationFor(change, catalog, now);
    if (!notification) return;
    for (const { callback, secret } of targets) {
      if (this.settings.paused) this.deliveries.recordPaused({ callback, secret }, notification);
      else this.deliveries.enqueue({ callback, secret }, notification);
    }
  }

  /** Aborts callbacks in flight and drops queued work; the hub then does nothing more. */
  close(): void {
    this.abort.abort();
    this.deliveries.close();
  }

  private async verifyAndApply(request: HubRequest): Promise<boolean> {
    const result = await verifyIntent(request, this.abort.signal);
    if (this.abort.signal.aborted) return false;
    this.recordVerification(request, result);
    if (!result.isConfirmed) return false;
    const key = keyOf(request.channelId, request.callback);
    if (request.mode === "unsubscribe") {
      this.subscriptions.delete(key);
      return true;
    }
    const now = this.now();
    this.subscriptions.set(key, {
      channelId: request.channelId,
      topic: request.topic,
      callback: request.callback,
      secret: request.secret,
      leaseSeconds: request.leaseSeconds,
      leaseExpiresAtMs: now + request.leaseSeconds * 1000,
      createdAtMs: this.subscriptions.get(key)?.createdAtMs ?? now,
      verifiedAtMs: now,
    });
    return true;
  }

  private recordVerification(request: HubRequest, result: VerificationResult): void {
    this.verifications.add({
      mode: request.mode,
      verify: request.verify,
      channelId: request.channelId,
      callback: request.callback,
      isConfirmed: result.isConfirmed,
      status: result.status,
      detail: result.detail,
      at: new Date(this.now()).toISOString(),
    });
  }
}
