import { describe, expect, it } from "vitest";
import { renderFeedReply } from "./feed-xml.ts";
import { FeedValidatorCache, generatedFeedEtag } from "./feed-cache.ts";
import { etagOf } from "./random.ts";
import { GeneratedWorld } from "./world.ts";

const world = new GeneratedWorld("feed-cache-test", 20_000, Date.parse("2026-01-01T00:00:00Z"));
const CUSTOM_CHANNEL_ID = "UCcustomChannelNotInWorlA";

/** The first channel at or after `index` that is not terminated (a terminated channel has no feed). */
function liveChannelId(index: number): string {
  for (let candidate = index; ; candidate += 1) if (world.describeFeed(candidate)) return world.channelIdAt(candidate);
}

function validatorsFor(text: string, lastModifiedMs = Date.parse("2026-01-01T00:00:00.123Z")) {
  return { etag: etagOf(text), lastModifiedMs };
}

describe("FeedValidatorCache", () => {
  it("gives back exactly what was remembered, for generated and other channels", () => {
    const cache = new FeedValidatorCache(world);
    const generatedId = liveChannelId(12_345);
    cache.forget(generatedId);
    expect(cache.find(generatedId, null)).toBeNull();
    cache.remember(generatedId, null, validatorsFor("generated"));
    cache.remember(CUSTOM_CHANNEL_ID, null, validatorsFor("custom", 42_000));
    expect(cache.find(generatedId, null)).toEqual(validatorsFor("generated"));
    expect(cache.find(CUSTOM_CHANNEL_ID, null)).toEqual(validatorsFor("custom", 42_000));
    expect(cache.stats()).toEqual({ renders: 0, derived: 0, generatedChannelPages: 1, otherChannels: 1 });
  });

  it("derives an unchanged generated channel's validators without a render: its own ETag, the Last-Modified a render gives", () => {
    const cache = new FeedValidatorCache(world);
    for (const index of [0, 1, 2, 500, 12_346, 19_999]) {
      const channel = world.materializeChannel(index);
      const found = cache.find(channel.id, null);
      if (channel.isTerminated) {
        expect(found).toBeNull();
        continue;
      }
      const rendered = renderFeedReply(channel, (xml) => xml);
      expect(found).toEqual({ etag: generatedFeedEtag(world, index, null), lastModifiedMs: rendered.lastModifiedMs });
      // Cached: asked again, nothing is derived twice.
      const derivedBefore = cache.stats().derived;
      expect(cache.find(channel.id, null)).toEqual(found);
      expect(cache.stats().derived).toBe(derivedBefore);
    }
    expect(cache.stats().renders).toBe(0);
    // The ETag names seed, anchor, index and image origin: each one changes it.
    const index = 500;
    const etag = generatedFeedEtag(world, index, null);
    expect(etag).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(generatedFeedEtag(world, index + 1, null)).not.toBe(etag);
    expect(generatedFeedEtag(world, index, "http://127.0.0.1:4100")).not.toBe(etag);
    expect(generatedFeedEtag(new GeneratedWorld("other-seed", 20_000, world.anchorMs), index, null)).not.toBe(etag);
    expect(generatedFeedEtag(new GeneratedWorld(world.seed, 20_000, world.anchorMs + 3_600_000), index, null)).not.toBe(
      etag,
    );
  });

  it("caches what a caller already described, as find would derive it, and refuses a changed channel", () => {
    const cache = new FeedValidatorCache(world);
    const channelId = liveChannelId(77);
    const index = world.findChannelIndex(channelId)!;
    const remembered = cache.rememberDescribed(index, null, world.describeFeed(index)!);
    expect(remembered).toEqual(new FeedValidatorCache(world).find(channelId, null));
    expect(cache.find(channelId, null)).toEqual(remembered);
    expect(cache.stats()).toMatchObject({ renders: 0, derived: 1 });
    cache.forget(channelId);
    expect(() => cache.rememberDescribed(index, null, { lastModifiedMs: 0 })).toThrow(/changed/);
  });

  it("never derives again for a generated channel that changed, even after its validators were dropped", () => {
    const cache = new FeedValidatorCache(world);
    const channelId = liveChannelId(42);
    expect(cache.find(channelId, null)).not.toBeNull();
    cache.forget(channelId);
    expect(cache.find(channelId, null)).toBeNull();
    cache.remember(channelId, null, validatorsFor("after a publish"));
    cache.remember(channelId, "http://127.0.0.1:4100", validatorsFor("other images"));
    // The origin switch dropped every validator; the changed channel still needs a render.
    expect(cache.find(channelId, null)).toBeNull();
    expect(cache.hasChanged(world.findChannelIndex(channelId)!)).toBe(true);
  });

  it("forgets one channel and keeps the others", () => {
    const cache = new FeedValidatorCache(world);
    const [first, second] = [liveChannelId(7), liveChannelId(8)];
    cache.forget(second);
    cache.remember(first, null, validatorsFor("first"));
    cache.remember(second, null, validatorsFor("second"));
    cache.remember(CUSTOM_CHANNEL_ID, null, validatorsFor("custom"));
    cache.forget(first);
    cache.forget(CUSTOM_CHANNEL_ID);
    expect(cache.find(first, null)).toBeNull();
    expect(cache.find(CUSTOM_CHANNEL_ID, null)).toBeNull();
    expect(cache.find(second, null)).toEqual(validatorsFor("second"));
  });

  it("drops everything when asked under another image origin, and derives under the origin in use", () => {
    const cache = new FeedValidatorCache(world);
    const channelId = liveChannelId(1);
    cache.forget(channelId);
    cache.remember(channelId, null, validatorsFor("google images"));
    cache.remember(CUSTOM_CHANNEL_ID, null, validatorsFor("custom"));
    expect(cache.find(channelId, "http://127.0.0.1:4100")).toBeNull();
    expect(cache.find(CUSTOM_CHANNEL_ID, null)).toBeNull();
    cache.remember(channelId, "http://127.0.0.1:4100", validatorsFor("emulator images"));
    expect(cache.find(channelId, "http://127.0.0.1:4100")).toEqual(validatorsFor("emulator images"));
    expect(cache.find(CUSTOM_CHANNEL_ID, "http://127.0.0.1:4100")).toBeNull();
    expect(cache.find(channelId, null)).toBeNull();
    const untouched = liveChannelId(2);
    expect(cache.find(untouched, "http://127.0.0.1:4100")?.etag).toBe(
      generatedFeedEtag(world, world.findChannelIndex(untouched)!, "http://127.0.0.1:4100"),
    );
  });

  it("keeps at most the bound's worth of generated-channel pages, dropping the least recently used", () => {
    // One page (4,096 channels) allowed: channels 0 and 5,000 live in different pages.
    const cache = new FeedValidatorCache(world, 4096);
    const [inFirstPage, inSecondPage, inThirdPage] = [liveChannelId(0), liveChannelId(5000), liveChannelId(9000)];
    // Changed channels: nothing is derived for them, so a dropped page shows as null.
    for (const channelId of [inFirstPage, inSecondPage, inThirdPage]) cache.forget(channelId);
    cache.remember(inFirstPage, null, validatorsFor("first page"));
    cache.remember(inSecondPage, null, validatorsFor("second page"));
    expect(cache.stats().generatedChannelPages).toBe(1);
    expect(cache.find(inFirstPage, null)).toBeNull();
    expect(cache.find(inSecondPage, null)).toEqual(validatorsFor("second page"));

    const twoPages = new FeedValidatorCache(world, 2 * 4096);
    for (const channelId of [inFirstPage, inSecondPage, inThirdPage]) twoPages.forget(channelId);
    twoPages.remember(inFirstPage, null, validatorsFor("first page"));
    twoPages.remember(inSecondPage, null, validatorsFor("second page"));
    // Reading the first page makes the second the least recently used one.
    expect(twoPages.find(inFirstPage, null)).not.toBeNull();
    twoPages.remember(inThirdPage, null, validatorsFor("third page"));
    expect(twoPages.find(inSecondPage, null)).toBeNull();
    expect(twoPages.find(inFirstPage, null)).toEqual(validatorsFor("first page"));
    expect(twoPages.find(inThirdPage, null)).toEqual(validatorsFor("third page"));
  });

  it("refuses an ETag that is not a base64url SHA-1, which its pages could not hold", () => {
    const cache = new FeedValidatorCache(world);
    expect(() => cache.remember(world.channelIdAt(3), null, { etag: "not-an-etag", lastModifiedMs: 0 })).toThrow(
      /not a base64url SHA-1/,
    );
  });
});
