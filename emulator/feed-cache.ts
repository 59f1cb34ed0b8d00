/**
 * The channel feed's validators (ETag, Last-Modified) per channel, so a conditional GET that matches
 * is answered 304 without materializing the channel, rendering the XML or hashing it: the benchmark's
 * unchanged checks then measure Showreel, not the emulator. Only validators are kept (a body is
 * rendered again for a 200), and they are the very values a fresh render gives.
 *
 * Generated channels keep theirs by world index in pages of typed arrays (28 bytes a channel: the
 * 20-byte SHA-1 behind the ETag and the Last-Modified instant), made on first use and dropped least
 * recently used past a bound, so a 1M-channel world stays lazy and memory stays bounded. Demo and
 * custom channels, which the catalog keeps anyway, use a map.
 *
 * What the feed is made of, and what drops a channel's entry: its record and its videos change only
 * through the catalog, which emits a change for every publish, edit, delete and channel update
 * (state.ts forwards each to `forget`); the image hosting (`/_emulator/replies {images}`) rewrites URLs
 * in the XML, so a different image origin drops everything; a reset makes a new cache with the new
 * world. The feed does not read the clock (upcoming and live entries are listed whatever the time),
 * and legacy reply shapes apply to the Data API only.
 */
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

interface ValidatorPage {
  etags: Buffer;
  /** NaN: nothing cached for that slot. */
  lastModifiedMs: Float64Array;
}

export class FeedValidatorCache {
  // Page number → page; Map order is least recently used first.
  private readonly pages = new Map<number, ValidatorPage>();
  private readonly others = new Map<string, FeedValidators>();
  private readonly maxPages: number;
  /** The image origin the cached validators were computed with (null: Google's image URLs). */
  private imageOrigin: string | null = null;
  private renderCount = 0;

  constructor(
    private readonly world: GeneratedWorld,
    maxGeneratedChannels = DEFAULT_MAX_CACHED_FEED_CHANNELS,
  ) {
    this.maxPages = Math.max(1, Math.ceil(maxGeneratedChannels / PAGE_CHANNELS));
  }

  /** The cached validators, or null when the channel's feed must be rendered (and then `remember`ed). */
  find(channelId: string, imageOrigin: string | null): FeedValidators | null {
    if (imageOrigin !== this.imageOrigin) return null;
    const index = this.world.findChannelIndex(channelId);
    if (index === null) return this.others.get(channelId) ?? null;
    const page = this.touchPage(Math.floor(index / PAGE_CHANNELS));
    const slot = index % PAGE_CHANNELS;
    const lastModifiedMs = page?.lastModifiedMs[slot];
    if (page === undefined || lastModifiedMs === undefined || Number.isNaN(lastModifiedMs)) return null;
    return { etag: page.etags.toString("base64url", slot * ETAG_BYTES, (slot + 1) * ETAG_BYTES), lastModifiedMs };
  }

  /** Stores what a render of the channel's feed gave; counted, so tests can see the 304 path renders nothing. */
  remember(channelId: string, imageOrigin: string | null, validators: FeedValidators): void {
    if (!ETAG_PATTERN.test(validators.etag)) throw new Error(`feed etag ${validators.etag} is not a base64url SHA-1`);
    this.renderCount += 1;
    if (imageOrigin !== this.imageOrigin) {
      this.clear();
      this.imageOrigin = imageOrigin;
    }
    const index = this.world.findChannelIndex(channelId);
    if (index === null) {
      this.others.set(channelId, { ...validators });
      return;
    }
    const pageNumber = Math.floor(index / PAGE_CHANNELS);
    const page = this.touchPage(pageNumber) ?? this.addPage(pageNumber);
    const slot = index % PAGE_CHANNELS;
    page.etags.write(validators.etag, slot * ETAG_BYTES, ETAG_BYTES, "base64url");
    page.lastModifiedMs[slot] = validators.lastModifiedMs;
  }

  /** Drops a channel's validators: its feed may have changed. */
  forget(channelId: string): void {
    const index = this.world.findChannelIndex(channelId);
    if (index === null) {
      this.others.delete(channelId);
      return;
    }
    const page = this.pages.get(Math.floor(index / PAGE_CHANNELS));
    if (page) page.lastModifiedMs[index % PAGE_CHANNELS] = Number.NaN;
  }

  clear(): void {
    this.pages.clear();
    this.others.clear();
  }

  stats(): { renders: number; generatedChannelPages: number; otherChannels: number } {
    return { renders: this.renderCount, generatedChannelPages: this.pages.size, otherChannels: this.others.size };
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
    const page = { etags: Buffer.alloc(PAGE_CHANNELS * ETAG_BYTES), lastModifiedMs: new Float64Array(PAGE_CHANNELS).fill(Number.NaN) };
    this.pages.set(pageNumber, page);
    return page;
  }
}
