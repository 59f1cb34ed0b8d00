/**
 * The channel feed's validators (ETag, Last-Modified) per channel, so a conditional GET that matches
 * is answered 304 without materializing the channel, rendering the XML or hashing it: the benchmark's
 * unchanged checks then measure Showreel, not the emulator. Only validators are kept (a body is
 * rendered again for a 200).
 *
 * Two kinds of ETag. A generated channel nothing has changed since its world was made has a derived
 * one, `generatedFeedEtag`: a SHA-1 of what its feed is a function of (seed, world anchor, channel
 * index, image origin), so it is known without a render — `/_emulator/world/feeds` hands it out in
 * bulk and a client that stored it gets 304 on its first GET — and its Last-Modified comes from
 * `GeneratedWorld.describeFeed`, which generates only the newest uploads. Every other feed (demo and
 * custom channels, generated ones after any change) has the SHA-1 of its XML, remembered after a
 * render. Either way the ETag changes whenever the XML does.
 *
 * Generated channels keep theirs by world index in pages of typed arrays (28 bytes a channel: the
 * 20-byte SHA-1 behind the ETag and the Last-Modified instant), made on first use and dropped least
 * recently used past a bound, so a 1M-channel world stays lazy and memory stays bounded. Demo and
 * custom channels, which the catalog keeps anyway, use a map.
 *
 * What the feed is made of, and what drops a channel's entry: its record and its videos change only
 * through the catalog, which emits a change for every publish, edit, delete and channel update
 * (state.ts forwards each to `forget`, which also marks a generated channel as changed for good, so
 * it never gets a derived ETag again); the image hosting (`/_emulator/replies {images}`) rewrites URLs
 * in the XML, so a different image origin drops everything; a reset makes a new cache with the new
 * world. The feed does not read the clock (upcoming and live entries are listed whatever the time),
 * and legacy reply shapes apply to the Data API only.
 */
import { etagOf } from "./random.ts";
import type { GeneratedWorld } from "./world.ts";

export interface FeedValidators {
  /** Unquoted: a 27-character base64url SHA-1 of the feed XML. */
  etag: string;
  lastModifiedMs: number;
}

/** Generated channels whose validators are kept at most (~56 MB of pages when all are used). */
export const DEFAULT_MAX_CACHED_FEED_CHANNELS = 2_000_000;

const PAGE_CHANNELS = 4096;
const ETAG_BYTES = 20;
const ETAG_PATTERN = /^[A-Za-z0-9_-]{27}$/;

/**
 * The ETag of a generated channel's feed while nothing has changed it. Its XML is a function of the
 * world's seed and anchor, the channel's index and where image URLs point, so a hash of those names
 * it as surely as a hash of the XML would, without rendering it.
 */
export function generatedFeedEtag(world: GeneratedWorld, index: number, imageOrigin: string | null): string {
  return etagOf(["generated-feed", world.seed, world.anchorMs, index, imageOrigin ?? "google"].join("\u0000"));
}

interface ValidatorPage {
  etags: Buffer;
  /** NaN: nothing cached for that slot. */
  lastModifiedMs: Float64Array;
}

export class FeedValidatorCache {
  // Page number → page; Map order is least recently used first.
  private readonly pages = new Map<number, ValidatorPage>();
  private readonly others = new Map<string, FeedValidators>();
  /** Generated channels changed since the world was made: their feed is no longer the generated one. */
  private readonly changedGenerated = new Set<number>();
  private readonly maxPages: number;
  /** The image origin the cached validators were computed with (null: Google's image URLs). */
  private imageOrigin: string | null = null;
  private renderCount = 0;
  private derivedCount = 0;

  constructor(
    private readonly world: GeneratedWorld,
    maxGeneratedChannels = DEFAULT_MAX_CACHED_FEED_CHANNELS,
  ) {
    this.maxPages = Math.max(1, Math.ceil(maxGeneratedChannels / PAGE_CHANNELS));
  }

  /**
   * The channel's validators: cached, or derived for a generated channel nothing has changed (and
   * then cached); null when the feed must be rendered (and then `remember`ed) or there is none.
   */
  find(channelId: string, imageOrigin: string | null): FeedValidators | null {
    this.useImageOrigin(imageOrigin);
    const index = this.world.findChannelIndex(channelId);
    if (index === null) return this.others.get(channelId) ?? null;
    const page = this.touchPage(Math.floor(index / PAGE_CHANNELS));
    const slot = index % PAGE_CHANNELS;
    const lastModifiedMs = page?.lastModifiedMs[slot];
    if (page !== undefined && lastModifiedMs !== undefined && !Number.isNaN(lastModifiedMs)) {
      return { etag: page.etags.toString("base64url", slot * ETAG_BYTES, (slot + 1) * ETAG_BYTES), lastModifiedMs };
    }
    const derived = this.derive(index, imageOrigin);
    if (derived) this.store(index, derived);
    return derived;
  }

  /** Counts a render of some feed, so tests can see the 304 path renders nothing. */
  countRender(): void {
    this.renderCount += 1;
  }

  /** Stores what a render of the channel's feed gave. */
  remember(channelId: string, imageOrigin: string | null, validators: FeedValidators): void {
    if (!ETAG_PATTERN.test(validators.etag)) throw new Error(`feed etag ${validators.etag} is not a base64url SHA-1`);
    this.useImageOrigin(imageOrigin);
    const index = this.world.findChannelIndex(channelId);
    if (index === null) {
      this.others.set(channelId, { etag: validators.etag, lastModifiedMs: validators.lastModifiedMs });
      return;
    }
    this.store(index, validators);
  }

  /** Drops a channel's validators: its feed may have changed. */
  forget(channelId: string): void {
    const index = this.world.findChannelIndex(channelId);
    if (index === null) {
      this.others.delete(channelId);
      return;
    }
    this.changedGenerated.add(index);
    const page = this.pages.get(Math.floor(index / PAGE_CHANNELS));
    if (page) page.lastModifiedMs[index % PAGE_CHANNELS] = Number.NaN;
  }

  /** Whether the generated channel at `index` changed since its world was made (its feed is no longer the generated one). */
  hasChanged(index: number): boolean {
    return this.changedGenerated.has(index);
  }

  /** Validators only; which generated channels changed is not forgotten (their feeds stay changed). */
  clear(): void {
    this.pages.clear();
    this.others.clear();
  }

  stats(): { renders: number; derived: number; generatedChannelPages: number; otherChannels: number } {
    return {
      renders: this.renderCount,
      derived: this.derivedCount,
      generatedChannelPages: this.pages.size,
      otherChannels: this.others.size,
    };
  }

  /**
   * Caches and returns the validators of an unchanged generated channel from its `describeFeed`, for a
   * caller that needed the description anyway (the bulk export), so it is not generated twice.
   */
  rememberDescribed(index: number, imageOrigin: string | null, described: { lastModifiedMs: number }): FeedValidators {
    if (this.changedGenerated.has(index))
      throw new Error(`generated channel ${index} changed: its feed must be rendered`);
    this.useImageOrigin(imageOrigin);
    this.derivedCount += 1;
    const validators = {
      etag: generatedFeedEtag(this.world, index, imageOrigin),
      lastModifiedMs: described.lastModifiedMs,
    };
    this.store(index, validators);
    return validators;
  }

  /** A generated channel's own validators while nothing has changed it; null once it changed, or when terminated. */
  private derive(index: number, imageOrigin: string | null): FeedValidators | null {
    if (this.changedGenerated.has(index)) return null;
    const feed = this.world.describeFeed(index);
    if (!feed) return null;
    this.derivedCount += 1;
    return { etag: generatedFeedEtag(this.world, index, imageOrigin), lastModifiedMs: feed.lastModifiedMs };
  }

  /** Validators computed with other image URLs say nothing about these: the origin in use wins. */
  private useImageOrigin(imageOrigin: string | null): void {
    if (imageOrigin === this.imageOrigin) return;
    this.clear();
    this.imageOrigin = imageOrigin;
  }

  private store(index: number, validators: FeedValidators): void {
    const pageNumber = Math.floor(index / PAGE_CHANNELS);
    const page = this.touchPage(pageNumber) ?? this.addPage(pageNumber);
    const slot = index % PAGE_CHANNELS;
    page.etags.write(validators.etag, slot * ETAG_BYTES, ETAG_BYTES, "base64url");
    page.lastModifiedMs[slot] = validators.lastModifiedMs;
  }

  private touchPage(pageNumber: number): ValidatorPage | undefined {
    const page = this.pages.get(pageNumber);
    if (page && this.pages.size > 1) {
      this.pages.delete(pageNumber);
      this.pages.set(pageNumber, page);
    }
    return page;
  }

  private addPage(pageNumber: number): ValidatorPage {
    for (const oldest of this.pages.keys()) {
      if (this.pages.size < this.maxPages) break;
      this.pages.delete(oldest);
    }
    const page = {
      etags: Buffer.alloc(PAGE_CHANNELS * ETAG_BYTES),
      lastModifiedMs: new Float64Array(PAGE_CHANNELS).fill(Number.NaN),
    };
    this.pages.set(pageNumber, page);
    return page;
  }
}
