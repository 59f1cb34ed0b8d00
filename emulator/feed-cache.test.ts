import { describe, expect, it } from "vitest";
import { FeedValidatorCache } from "./feed-cache.ts";
import { etagOf } from "./random.ts";
import { GeneratedWorld } from "./world.ts";

const world = new GeneratedWorld("feed-cache-test", 20_000, Date.parse("2026-01-01T00:00:00Z"));
const CUSTOM_CHANNEL_ID = "UCcustomChannelNotInWorlA";

function validatorsFor(text: string, lastModifiedMs = Date.parse("2026-01-01T00:00:00.123Z")) {
  return { etag: etagOf(text), lastModifiedMs };
}

describe("FeedValidatorCache", () => {
  it("gives back exactly what was remembered, for generated and other channels, and counts renders", () => {
    const cache = new FeedValidatorCache(world);
    const generatedId = world.channelIdAt(12_345);
    expect(cache.find(generatedId, null)).toBeNull();
    cache.remember(generatedId, null, validatorsFor("generated"));
    cache.remember(CUSTOM_CHANNEL_ID, null, validatorsFor("custom", 42_000));
    expect(cache.find(generatedId, null)).toEqual(validatorsFor("generated"));
    expect(cache.find(CUSTOM_CHANNEL_ID, null)).toEqual(validatorsFor("custom", 42_000));
    // Neighbours in the same page have nothing cached.
    expect(cache.find(world.channelIdAt(12_346), null)).toBeNull();
    expect(cache.stats()).toEqual({ renders: 2, generatedChannelPages: 1, otherChannels: 1 });
  });

  it("forgets one channel and keeps the others", () => {
    const cache = new FeedValidatorCache(world);
    const [first, second] = [world.channelIdAt(7), world.channelIdAt(8)];
    cache.remember(first, null, validatorsFor("first"));
    cache.remember(second, null, validatorsFor("second"));
    cache.remember(CUSTOM_CHANNEL_ID, null, validatorsFor("custom"));
    cache.forget(first);
    cache.forget(CUSTOM_CHANNEL_ID);
    expect(cache.find(first, null)).toBeNull();
    expect(cache.find(CUSTOM_CHANNEL_ID, null)).toBeNull();
    expect(cache.find(second, null)).toEqual(validatorsFor("second"));
  });

  it("finds nothing under another image origin, and drops everything once that origin is remembered", () => {
    const cache = new FeedValidatorCache(world);
    const channelId = world.channelIdAt(1);
    cache.remember(channelId, null, validatorsFor("google images"));
    cache.remember(CUSTOM_CHANNEL_ID, null, validatorsFor("custom"));
    expect(cache.find(channelId, "http://127.0.0.1:4100")).toBeNull();
    cache.remember(channelId, "http://127.0.0.1:4100", validatorsFor("emulator images"));
    expect(cache.find(channelId, "http://127.0.0.1:4100")).toEqual(validatorsFor("emulator images"));
    expect(cache.find(CUSTOM_CHANNEL_ID, "http://127.0.0.1:4100")).toBeNull();
    expect(cache.find(channelId, null)).toBeNull();
  });

  it("keeps at most the bound's worth of generated-channel pages, dropping the least recently used", () => {
    // One page (4,096 channels) allowed: channels 0 and 5,000 live in different pages.
    const cache = new FeedValidatorCache(world, 4096);
    const [inFirstPage, inSecondPage, inThirdPage] = [world.channelIdAt(0), world.channelIdAt(5000), world.channelIdAt(9000)];
    cache.remember(inFirstPage, null, validatorsFor("first page"));
    cache.remember(inSecondPage, null, validatorsFor("second page"));
    expect(cache.stats().generatedChannelPages).toBe(1);
    expect(cache.find(inFirstPage, null)).toBeNull();
    expect(cache.find(inSecondPage, null)).toEqual(validatorsFor("second page"));

    const twoPages = new FeedValidatorCache(world, 2 * 4096);
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
    expect(() => cache.remember(world.channelIdAt(3), null, { etag: "not-an-etag", lastModifiedMs: 0 })).toThrow(/not a base64url SHA-1/);
  });
});
