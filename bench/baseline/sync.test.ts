/** The baseline's slug rule (docs/design.md#the-baseline generate_video_slug), as the design wrote it. */
import { describe, expect, it } from "vitest";
import { baselineVideoSlug } from "./sync";

describe("baselineVideoSlug", () => {
  it("slugifies the title, cuts it to 50 characters without a trailing hyphen, and adds the id's first 8 characters", () => {
    expect(baselineVideoSlug("My Video: Part 1!", "abc12345XYZ")).toBe("my-video-part-1-abc12345");
    expect(baselineVideoSlug(`${"a".repeat(49)} b`, "abc12345XYZ")).toBe(`${"a".repeat(49)}-abc12345`);
  });

  it("drops accents and non-ASCII titles to nothing but the id, with underscores as hyphens", () => {
    expect(baselineVideoSlug("Café crème", "a_c12345XYZ")).toBe("cafe-creme-a-c12345");
    expect(baselineVideoSlug("日本語のタイトル", "abc12345XYZ")).toBe("abc12345");
  });
});
