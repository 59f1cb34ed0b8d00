import { describe, expect, it } from "vitest";
import { pickBestThumbnail } from "./pick-best-thumbnail";

const thumb = (name: string) => ({ url: `https://i.ytimg.com/vi/x/${name}.jpg` });

describe("pickBestThumbnail", () => {
  it("prefers maxres, then standard, high, medium, default", () => {
    expect(
      pickBestThumbnail({
        default: thumb("default"),
        medium: thumb("mq"),
        high: thumb("hq"),
        standard: thumb("sd"),
        maxres: thumb("maxres"),
      }),
    ).toMatch(/maxres/);
    expect(
      pickBestThumbnail({ default: thumb("default"), medium: thumb("mq"), high: thumb("hq"), standard: thumb("sd") }),
    ).toMatch(/sd/);
    expect(pickBestThumbnail({ default: thumb("default"), medium: thumb("mq"), high: thumb("hq") })).toMatch(/hq/);
    expect(pickBestThumbnail({ default: thumb("default"), medium: thumb("mq") })).toMatch(/mq/);
    expect(pickBestThumbnail({ default: thumb("default") })).toMatch(/default/);
  });

  it("returns null for private items ({}), a missing object, or entries without a URL", () => {
    expect(pickBestThumbnail({})).toBeNull();
    expect(pickBestThumbnail(undefined)).toBeNull();
    expect(pickBestThumbnail({ maxres: {} })).toBeNull();
  });
});
