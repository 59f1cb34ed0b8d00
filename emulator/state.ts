/**
 * All mutable emulator state in one object, shared by the route modules: clock, quota ledger,
 * faults, counters, the catalog (demo + custom + generated world), the feed's validator cache,
 * bearer tokens, the OAuth server, the LLM stand-in and the WebSub hub. Routes read the members on
 * every request, so `reset` may swap them. The hub and the feed cache hear every catalog change
 * through `catalog.onChange`.
 */
import { Catalog } from "./catalog.ts";
import { EmulatorClock } from "./clock.ts";
import { Counters } from "./counters.ts";
import { DEMO_ACCESS_TOKEN, DEMO_CHANNEL_ID } from "./demo-world.ts";
import { FaultInjector } from "./faults.ts";
import { FeedValidatorCache } from "./feed-cache.ts";
import { localizeImageUrls, type ImageHosting } from "./images.ts";
import { LlmState } from "./llm/llm-state.ts";
import { createSigningKey } from "./oauth/jwt.ts";
import { OAuthState } from "./oauth/oauth-state.ts";
import { QuotaLedger } from "./quota.ts";
import { hashParts } from "./random.ts";
import { CURRENT_REPLY_SHAPES, type ReplyShapes } from "./reply-shapes.ts";
import { WebSubHub } from "./websub/hub.ts";
import { GeneratedWorld } from "./world.ts";

export interface EmulatorConfig {
  seed: string;
  worldSize: number;
  dailyQuota: number;
  /** Accepted `key=` values; "any" accepts every non-empty key. */
  apiKeys: readonly string[] | "any";
  /** Instant the generated and demo worlds are dated from; defaults to the clock at reset. */
  worldAnchorMs?: number;
  /** Who serves the images replies point at (default "google"; "emulator" for an offline demo). */
  images?: ImageHosting;
}

/** How Data API replies look: legacy shapes on or off, and where their image URLs point. */
export interface ReplySettings extends ReplyShapes {
  images: ImageHosting;
}

const HOUR_MS = 3_600_000;

export class EmulatorState {
  readonly clock = new EmulatorClock();
  readonly counters = new Counters();
  config: EmulatorConfig;
  quota: QuotaLedger;
  faults: FaultInjector;
  world: GeneratedWorld;
  catalog: Catalog;
  /** The channel feed's ETag and Last-Modified per channel; hears the catalog's changes. */
  feedCache: FeedValidatorCache;
  /** Bearer token → channel id (null: a Google account without a channel). */
  tokens: Map<string, string | null>;
  /** Keys the page-token checksums, so tokens from another seed are rejected. */
  pageTokenKey: Buffer;
  /** Google OAuth: accounts, clients, grants, codes and tokens. */
  oauth: OAuthState;
  /** The OpenAI-compatible stand-in: its mode and completion ids. */
  llm = new LlmState();
  /** The WebSub hub: subscriptions, push deliveries and their logs. */
  websub = new WebSubHub(() => this.clock.now());
  /** Reply shapes and image hosting (`/_emulator/replies`). */
  replies: ReplySettings;
  /** The emulator's own origin once it listens: where it serves the images it hosts. */
  origin: string | null = null;

  constructor(private readonly initialConfig: EmulatorConfig) {
    this.config = initialConfig;
    this.quota = new QuotaLedger(initialConfig.dailyQuota, this.clock);
    this.faults = new FaultInjector(initialConfig.seed);
    this.world = this.createWorld(initialConfig);
    this.catalog = this.createCatalog();
    this.feedCache = this.createFeedCache();
    this.tokens = new Map([[DEMO_ACCESS_TOKEN, DEMO_CHANNEL_ID]]);
    this.pageTokenKey = hashParts(initialConfig.seed, "page-token-key");
    this.oauth = new OAuthState(
      createSigningKey(),
      () => this.clock.now(),
      (url) => this.localizeImages(url),
    );
    this.replies = this.defaultReplySettings();
  }

  /**
   * A fresh emulator: new world from the seed, real-time clock, full quota, no faults or extra
   * tokens; OAuth keeps only the demo accounts (and its signing key); the LLM answers normally; the
   * WebSub hub has no subscriptions, and pushes still queued from before are dropped.
   */
  reset(overrides: Partial<EmulatorConfig> = {}): void {
    this.faults.clear();
    this.clock.useRealTime();
    this.counters.reset();
    this.config = { ...this.initialConfig, ...overrides };
    this.quota = new QuotaLedger(this.config.dailyQuota, this.clock);
    this.faults = new FaultInjector(this.config.seed);
    this.world = this.createWorld(this.config);
    this.catalog = this.createCatalog();
    this.feedCache = this.createFeedCache();
    this.tokens = new Map([[DEMO_ACCESS_TOKEN, DEMO_CHANNEL_ID]]);
    this.pageTokenKey = hashParts(this.config.seed, "page-token-key");
    // Same signing key: clients cache the JWKS, and a reset must not break id-token checks.
    this.oauth = new OAuthState(
      this.oauth.signingKey,
      () => this.clock.now(),
      (url) => this.localizeImages(url),
    );
    this.replies = this.defaultReplySettings();
    this.llm = new LlmState();
    this.websub.close();
    this.websub = new WebSubHub(() => this.clock.now());
  }

  /** Google image URLs anywhere in `value` pointed at this emulator when it hosts images; else unchanged. */
  localizeImages<T>(value: T): T {
    const origin = this.imageOrigin();
    return origin === null ? value : localizeImageUrls(value, origin);
  }

  /** Where image URLs point when the emulator hosts images; null while they stay Google's. */
  imageOrigin(): string | null {
    return this.replies.images === "emulator" ? this.origin : null;
  }

  isApiKeyAccepted(key: string): boolean {
    return this.config.apiKeys === "any" ? key.length > 0 : this.config.apiKeys.includes(key);
  }

  private defaultReplySettings(): ReplySettings {
    return { ...CURRENT_REPLY_SHAPES, images: this.config.images ?? "google" };
  }

  private createWorld(config: EmulatorConfig): GeneratedWorld {
    // Whole hours keep a world identical across restarts within the same hour.
    const anchorMs = config.worldAnchorMs ?? Math.floor(this.clock.now() / HOUR_MS) * HOUR_MS;
    return new GeneratedWorld(config.seed, config.worldSize, anchorMs);
  }

  private createCatalog(): Catalog {
    const catalog = new Catalog(this.world, { seed: this.config.seed, now: () => this.clock.now() });
    // Read `this.websub` on each change: a reset replaces the hub.
    catalog.onChange((change) => this.websub.publish(change, catalog));
    return catalog;
  }

  // Call right after createCatalog: the cache belongs to that catalog and its world.
  private createFeedCache(): FeedValidatorCache {
    const cache = new FeedValidatorCache(this.world);
    this.catalog.onChange((change) => cache.forget(change.channelId));
    return cache;
  }
}
