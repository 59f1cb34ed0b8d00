import { describe, expect, it } from "vitest";
import { MAX_PROJECT_TOPICS, topicSchema, updateProjectInputSchema } from "./projects.schema";

const ID = "0190f5a4-7c3e-7d2a-9b1e-2f4c6a8b0d1e";

describe("updateProjectInputSchema", () => {
  it("drops repeated slugs and repeated topics (any case), keeping the first spelling in order", () => {
    const parsed = updateProjectInputSchema.parse({
      id: ID,
      data: {
        toolSlugs: ["blender", "figma", "blender"],
        categorySlugs: ["art", "art"],
        topics: ["Node  graphs", " node graphs ", "UE5", "ue5"],
      },
    });
    expect(parsed.data).toEqual({
      toolSlugs: ["blender", "figma"],
      categorySlugs: ["art"],
      topics: ["Node graphs", "UE5"],
    });
  });

  it("accepts empty lists (clearing a set) but not an empty edit", () => {
    expect(updateProjectInputSchema.parse({ id: ID, data: { toolSlugs: [], topics: [] } }).data).toEqual({
      toolSlugs: [],
      topics: [],
    });
    expect(updateProjectInputSchema.safeParse({ id: ID, data: {} }).success).toBe(false);
  });

  it("refuses malformed slugs and too many topics", () => {
    expect(updateProjectInputSchema.safeParse({ id: ID, data: { toolSlugs: ["Blender 4"] } }).success).toBe(false);
    const topics = Array.from({ length: MAX_PROJECT_TOPICS + 1 }, (_, index) => `t${index}`);
    expect(updateProjectInputSchema.safeParse({ id: ID, data: { topics } }).success).toBe(false);
  });
});

describe("topicSchema", () => {
  it("collapses spaces and bounds the length after trimming", () => {
    expect(topicSchema.parse("  low   poly  ")).toBe("low poly");
    expect(topicSchema.safeParse("   ").error?.issues[0]?.message).toBe("Type a topic");
    expect(topicSchema.safeParse(` ${"x".repeat(40)} `).success).toBe(true);
    expect(topicSchema.safeParse("x".repeat(41)).error?.issues[0]?.message).toBe("At most 40 characters");
  });
});
